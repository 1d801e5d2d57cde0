import Foundation
import Testing

@testable import TeleradarSearch

@Suite("Vector index: concurrency and internals")
struct VectorIndexConcurrencyTests {
    @Test("searches run while several tasks upsert and remove; counts add up and channels never leak")
    func searchesDuringWrites() async throws {
        let dimensions = 64
        let index = VectorIndex(dimensions: dimensions)
        let writers = 4, postsPerWriter = 400
        let leaks = await withTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var rng = SearchTestRandom(seed: UInt64(100 + writer))
                    for post in 0..<postsPerWriter {
                        let postID = Int64(writer * 10_000 + post)
                        for chunk in 0..<2 {
                            try? index.upsert(VectorEntry(
                                postID: postID, chunk: chunk, channelID: Int64(writer), postedAt: Date(),
                                vector: rng.vector(dimensions)))
                        }
                        // Every fourth post is removed again right away.
                        if post % 4 == 3 { index.remove(postID: postID) }
                    }
                    return 0
                }
            }
            for reader in 0..<4 {
                group.addTask {
                    var rng = SearchTestRandom(seed: UInt64(200 + reader))
                    var leaks = 0
                    for _ in 0..<150 {
                        let allowed: Set<Int64> = [Int64(reader % writers), Int64((reader + 1) % writers)]
                        let hits = (try? index.search(query: rng.vector(dimensions), channels: allowed, limit: 10)) ?? []
                        leaks += hits.filter { !allowed.contains($0.channelID) || !allowed.contains($0.postID / 10_000) }.count
                        leaks += Set(hits.map(\.postID)).count == hits.count ? 0 : 1
                        _ = index.count
                    }
                    return leaks
                }
            }
            return await group.reduce(0, +)
        }
        #expect(leaks == 0)
        let keptPosts = writers * (postsPerWriter - postsPerWriter / 4)
        #expect(index.postCount == keptPosts)
        #expect(index.count == keptPosts * 2)
        #expect(index.channelCount == writers)
    }

    @Test("the SIMD dot product equals the scalar integer dot product", arguments: [16, 384, 385, 1536])
    func dotKernel(dimensions: Int) throws {
        var rng = SearchTestRandom(seed: UInt64(dimensions))
        let stored = try VectorQuantizer.quantize(rng.vector(dimensions), dimensions: dimensions)
        let query = try VectorQuantizer.quantizeQuery(rng.vector(dimensions), dimensions: dimensions)
        #expect(stored.codes.count % 16 == 0)
        #expect(stored.codes.allSatisfy { $0 >= -127 })
        // Undo the even/odd lane layout to get the query codes in component order.
        var queryCodes = [Int16](repeating: 0, count: query.lanes.count)
        for component in 0..<query.lanes.count {
            let block = component / 16, within = component % 16
            queryCodes[component] = query.lanes[block * 16 + (within % 2) * 8 + within / 2]
        }
        let expected = zip(stored.codes, queryCodes).reduce(Int64(0)) { $0 + Int64($1.0) * Int64($1.1) }
        let actual = stored.codes.withUnsafeBytes { vector in
            query.lanes.withUnsafeBytes { lanes in
                VectorQuantizer.dot(vector.baseAddress!, lanes.baseAddress!, blocks: query.blocks)
            }
        }
        #expect(Int64(actual) == expected)
        #expect(Float(VectorQuantizer.queryCodeLimit(blocks: query.blocks)) * 127 * Float(query.blocks * 16) <= Float(Int32.max))
    }

    @Test("the top-k heap keeps the best chunk of each of the best posts, like a full sort")
    func topHitsMatchesSort() {
        var rng = SearchTestRandom(seed: 11)
        for limit in [1, 5, 20] {
            var top = TopHits(limit: limit)
            var best: [Int64: (score: Float, chunk: Int32)] = [:]
            for _ in 0..<2_000 {
                let postID = Int64(rng.next() % 150), chunk = Int32(rng.next() % 4)
                let score = Float(rng.next() % 10_000) / 100
                top.offer(.init(score: score, postID: postID, chunk: chunk, channelID: 1))
                if let known = best[postID], known.score > score || (known.score == score && known.chunk <= chunk) { continue }
                best[postID] = (score, chunk)
            }
            let expected = best.sorted { a, b in
                a.value.score != b.value.score ? a.value.score > b.value.score : a.key < b.key
            }.prefix(limit)
            let hits = top.hits(queryScale: 1)
            #expect(hits.map(\.postID) == expected.map(\.key))
            #expect(hits.map { Int32($0.chunk) } == expected.map(\.value.chunk))
        }
    }
}
