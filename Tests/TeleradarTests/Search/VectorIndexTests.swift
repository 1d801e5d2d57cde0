import Foundation
import Testing

@testable import TeleradarSearch

@Suite("Vector index: accuracy, filters, removal")
struct VectorIndexTests {
    static let day: TimeInterval = 86_400
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    /// Random one-chunk posts (unit vectors) spread over `channels` channels and 100 days.
    static func randomEntries(count: Int, dimensions: Int, channels: Int, rng: inout SearchTestRandom) -> [VectorEntry] {
        (0..<count).map { index in
            VectorEntry(
                postID: Int64(index + 1), channelID: Int64(index % channels + 1),
                postedAt: epoch.addingTimeInterval(Double(index % 100) * day), vector: rng.unitVector(dimensions))
        }
    }

    /// Recall@10 of the int8 index against an exact float search, on isotropic random vectors (the
    /// hardest case for quantisation: neighbouring scores differ by ~0.001). `strict` counts exact
    /// id matches; `tolerant` is the ann-benchmarks definition (a hit counts when its exact cosine is
    /// within ε = 0.001 of the exact 10th best), since int8 codes cannot order near-ties.
    @Test("top-10 matches a brute-force float search (recall@10 ≥ 0.99 within ε = 0.001, ≥ 0.97 strict)", arguments: [384, 96, 17])
    func recallAgainstFloat(dimensions: Int) throws {
        var rng = SearchTestRandom(seed: UInt64(dimensions))
        let entries = Self.randomEntries(count: 3_000, dimensions: dimensions, channels: 1, rng: &rng)
        let index = VectorIndex(dimensions: dimensions)
        try index.load(entries)
        var strict = 0, tolerant = 0, total = 0
        for queryNumber in 0..<40 {
            // Half the queries are unrelated random vectors, half are near a stored post.
            let query = queryNumber % 2 == 0
                ? rng.vector(dimensions)
                : rng.near(entries[Int(rng.next() % 3_000)].vector, noise: 1 / Float(dimensions).squareRoot())
            let expected = SearchTestReference.topPosts(query, in: entries, limit: 10)
            let tenth = try #require(expected.last).score
            let hits = try index.search(query: query, channels: [1], limit: 10)
            #expect(hits.count == 10)
            strict += Set(hits.map(\.postID)).intersection(expected.map(\.postID)).count
            total += expected.count
            for hit in hits {
                let exact = SearchTestReference.cosine(query, entries[Int(hit.postID) - 1].vector)
                #expect(abs(hit.score - exact) < 0.01)
                if exact >= tenth - 0.001 { tolerant += 1 }
            }
        }
        #expect(Double(tolerant) / Double(total) >= 0.99)
        #expect(Double(strict) / Double(total) >= 0.97)
    }

    @Test("a search never returns another channel's posts and finds the same as brute force per channel set")
    func channelIsolation() throws {
        var rng = SearchTestRandom(seed: 42)
        let entries = Self.randomEntries(count: 2_000, dimensions: 32, channels: 9, rng: &rng)
        let channelOf = Dictionary(uniqueKeysWithValues: entries.map { ($0.postID, $0.channelID) })
        let index = VectorIndex(dimensions: 32)
        try index.upsert(entries)
        #expect(index.channelCount == 9)
        for _ in 0..<30 {
            let allowed = Set((1...9).filter { _ in rng.next() % 3 == 0 }.map(Int64.init))
            let query = rng.vector(32)
            let hits = try index.search(query: query, channels: allowed, limit: 25)
            for hit in hits {
                #expect(allowed.contains(hit.channelID))
                #expect(channelOf[hit.postID].map(allowed.contains) == true)
            }
            let expected = SearchTestReference.topPosts(query, in: entries, limit: 25) { allowed.contains($0.channelID) }
            #expect(hits.count == expected.count)
            // The same posts as the exact search, up to near-ties at the cut (int8 codes of 32
            // components are coarse: about ±0.003 of cosine).
            let cut = (expected.last?.score ?? 0) - 0.006
            for hit in hits where !expected.contains(where: { $0.postID == hit.postID }) {
                let entry = try #require(entries.first { $0.postID == hit.postID })
                #expect(SearchTestReference.cosine(query, entry.vector) >= cut)
            }
        }
        #expect(try index.search(query: rng.vector(32), channels: [], limit: 10).isEmpty)
        #expect(try index.search(query: rng.vector(32), channels: [404], limit: 10).isEmpty)
    }

    @Test("date range is [since, until) and tags match any of the wanted ones, case-insensitively")
    func dateAndTagFilters() throws {
        let index = VectorIndex(dimensions: 4)
        let base: [Float] = [1, 0.2, 0, 0]
        let tags: [[String]] = [["Crypto"], ["politics"], ["crypto", "ai"], [], ["AI"]]
        for (offset, tagList) in tags.enumerated() {
            try index.upsert(VectorEntry(
                postID: Int64(offset + 1), channelID: 1, postedAt: Self.epoch.addingTimeInterval(Double(offset) * Self.day),
                tags: tagList, vector: base.map { $0 + Float(offset) * 0.01 }))
        }
        func ids(_ filter: VectorSearchFilter) throws -> Set<Int64> {
            Set(try index.search(query: base, channels: [1], filter: filter, limit: 10).map(\.postID))
        }
        #expect(try ids(.none) == [1, 2, 3, 4, 5])
        let since = Self.epoch.addingTimeInterval(Self.day), until = Self.epoch.addingTimeInterval(3 * Self.day)
        #expect(try ids(VectorSearchFilter(since: since, until: until)) == [2, 3])
        #expect(try ids(VectorSearchFilter(since: since)) == [2, 3, 4, 5])
        #expect(try ids(VectorSearchFilter(until: until)) == [1, 2, 3])
        #expect(try ids(VectorSearchFilter(anyTags: ["CRYPTO"])) == [1, 3])
        #expect(try ids(VectorSearchFilter(anyTags: ["ai", "politics"])) == [2, 3, 5])
        #expect(try ids(VectorSearchFilter(anyTags: ["unknown"])).isEmpty)
        #expect(try ids(VectorSearchFilter(since: since, anyTags: ["crypto"])) == [3])
        #expect(try ids(VectorSearchFilter(minScore: 2)).isEmpty)
        #expect(try ids(VectorSearchFilter(minScore: -2)).count == 5)
        #expect(index.updateTags(postID: 4, tags: ["crypto"]))
        #expect(!index.updateTags(postID: 99, tags: ["crypto"]))
        #expect(try ids(VectorSearchFilter(anyTags: ["crypto"])) == [1, 3, 4])
    }

    @Test("one hit per post, with its best chunk; the limit counts posts")
    func bestChunkPerPost() throws {
        let index = VectorIndex(dimensions: 3)
        let query: [Float] = [1, 0, 0]
        try index.upsert([
            VectorEntry(postID: 1, chunk: 0, channelID: 5, postedAt: Self.epoch, vector: [0.9, 0.3, 0]),
            VectorEntry(postID: 1, chunk: 1, channelID: 5, postedAt: Self.epoch, vector: [1, 0.01, 0]),
            VectorEntry(postID: 1, chunk: 2, channelID: 5, postedAt: Self.epoch, vector: [0.95, 0.1, 0]),
            VectorEntry(postID: 2, chunk: 0, channelID: 5, postedAt: Self.epoch, vector: [0.8, 0.5, 0]),
            VectorEntry(postID: 3, chunk: 0, channelID: 5, postedAt: Self.epoch, vector: [0, 1, 0]),
        ])
        #expect(index.count == 5)
        #expect(index.postCount == 3)
        #expect(index.chunks(of: 1) == [0, 1, 2])
        let hits = try index.search(query: query, channels: [5], limit: 2)
        #expect(hits.map(\.postID) == [1, 2])
        #expect(hits.first?.chunk == 1)
        #expect(abs((hits.first?.score ?? 0) - SearchTestReference.cosine(query, [1, 0.01, 0])) < 0.01)
    }

    @Test("upsert replaces a chunk in place; a post moved to another channel leaves the old one")
    func upsertReplaces() throws {
        let index = VectorIndex(dimensions: 2)
        try index.upsert(VectorEntry(postID: 7, chunk: 0, channelID: 1, postedAt: Self.epoch, vector: [1, 0]))
        try index.upsert(VectorEntry(postID: 7, chunk: 1, channelID: 1, postedAt: Self.epoch, vector: [1, 0.1]))
        try index.upsert(VectorEntry(postID: 7, chunk: 0, channelID: 1, postedAt: Self.epoch, vector: [0, 1]))
        #expect(index.count == 2)
        let hit = try #require(try index.search(query: [0, 1], channels: [1], limit: 1).first)
        #expect(hit.chunk == 0)
        #expect(hit.score > 0.99)
        try index.upsert(VectorEntry(postID: 7, chunk: 0, channelID: 2, postedAt: Self.epoch, vector: [0, 1]))
        #expect(index.count == 1)
        #expect(index.channelCount == 1)
        #expect(try index.search(query: [0, 1], channels: [1], limit: 5).isEmpty)
        #expect(try index.search(query: [0, 1], channels: [2], limit: 5).map(\.postID) == [7])
    }

    @Test("removing posts and channels keeps every other post intact")
    func removal() throws {
        var rng = SearchTestRandom(seed: 7)
        var entries: [VectorEntry] = []
        for post in 1...600 {
            for chunk in 0..<(post % 3 + 1) {
                entries.append(VectorEntry(
                    postID: Int64(post), chunk: chunk, channelID: Int64(post % 4), postedAt: Self.epoch, vector: rng.unitVector(24)))
            }
        }
        let index = VectorIndex(dimensions: 24)
        try index.load(entries)
        #expect(index.count == entries.count)
        let removedPosts = Set((1...600).filter { $0 % 5 == 0 || $0 % 7 == 0 }.map(Int64.init))
        var removedVectors = 0
        for post in removedPosts.sorted() { removedVectors += index.remove(postID: post) }
        #expect(removedVectors == entries.filter { removedPosts.contains($0.postID) }.count)
        #expect(index.remove(postID: 5) == 0)
        #expect(index.remove(channelID: 3) == entries.filter { $0.channelID == 3 && !removedPosts.contains($0.postID) }.count)
        #expect(index.remove(channelID: 3) == 0)
        let remaining = entries.filter { !removedPosts.contains($0.postID) && $0.channelID != 3 }
        #expect(index.count == remaining.count)
        #expect(index.postCount == Set(remaining.map(\.postID)).count)
        #expect(index.channelCount == 3)
        for entry in remaining.prefix(200) {
            #expect(index.chunks(of: entry.postID) == (0..<(Int(entry.postID) % 3 + 1)).map { $0 })
        }
        for _ in 0..<20 {
            let query = rng.vector(24)
            let hits = try index.search(query: query, channels: [0, 1, 2, 3], limit: 15)
            let expected = SearchTestReference.topPosts(query, in: remaining, limit: 15)
            #expect(hits.allSatisfy { !removedPosts.contains($0.postID) && $0.channelID != 3 })
            #expect(hits.count == 15)
            #expect(Set(hits.map(\.postID)).intersection(expected.map(\.postID)).count >= 13)
        }
        #expect(index.remove(postIDs: remaining.map(\.postID)) == remaining.count)
        #expect(index.count == 0)
        #expect(index.channelCount == 0)
    }

    @Test("bad vectors and chunks are refused; a failing batch stores nothing")
    func validation() throws {
        let index = VectorIndex(dimensions: 3)
        #expect(throws: VectorIndexError.dimensionMismatch(expected: 3, actual: 2)) {
            try index.upsert(VectorEntry(postID: 1, channelID: 1, postedAt: Self.epoch, vector: [1, 2]))
        }
        #expect(throws: VectorIndexError.invalidVector("the vector is all zeros")) {
            try index.upsert(VectorEntry(postID: 1, channelID: 1, postedAt: Self.epoch, vector: [0, 0, 0]))
        }
        #expect(throws: VectorIndexError.invalidVector("a component is not finite")) {
            try index.search(query: [1, .nan, 0], channels: [1], limit: 3)
        }
        #expect(throws: VectorIndexError.invalidChunk(-1)) {
            try index.upsert(VectorEntry(postID: 1, chunk: -1, channelID: 1, postedAt: Self.epoch, vector: [1, 2, 3]))
        }
        #expect(throws: VectorIndexError.self) {
            try index.upsert([
                VectorEntry(postID: 1, channelID: 1, postedAt: Self.epoch, vector: [1, 2, 3]),
                VectorEntry(postID: 2, channelID: 1, postedAt: Self.epoch, vector: [1, 2]),
            ])
        }
        #expect(index.count == 0)
    }

    @Test("memory: about 440 bytes per 384-dimension vector, so a million fit well under 600 MB")
    func memoryPerVector() throws {
        let index = VectorIndex(dimensions: 384)
        for page in 0..<4 {
            let entries = (0..<2_500).map { offset in
                let post = page * 2_500 + offset
                // Cheap distinct vectors: memory does not depend on the values.
                let vector = (0..<384).map { Float(($0 &* 31 &+ post &* 17) % 255) - 127 }
                return VectorEntry(postID: Int64(post), channelID: Int64(post % 5), postedAt: Self.epoch, vector: vector)
            }
            try index.load(entries)
        }
        #expect(index.count == 10_000)
        let perVector = Double(index.estimatedMemoryBytes) / Double(index.count)
        #expect(perVector >= 416)
        #expect(perVector <= 470)
        // Growth is by blocks: a channel's slack is at most one block (256 vectors at 384 dimensions).
        let small = VectorIndex(dimensions: 384)
        try small.upsert((0..<20).map { VectorEntry(postID: Int64($0), channelID: 1, postedAt: Self.epoch, vector: [1] + Array(repeating: 0, count: 383)) })
        #expect(small.estimatedMemoryBytes < 32 * 416 + 2_000)
        #expect(VectorIndex.estimatedBytesPerVector(dimensions: 384) * 1_000_000 < 500_000_000)
    }
}
