import Testing

@testable import TeleradarSearch

@Suite("Hybrid fusion (reciprocal rank)")
struct HybridFusionTests {
    // Keyword: A(1) B(2) C(3); vector: B(2) D(4) A(1).
    static let keyword: [Int64] = [1, 2, 3]
    static let vector: [Int64] = [2, 4, 1]

    @Test("k = 60, equal weights: hand-computed scores and order")
    func handComputed() throws {
        let fused = HybridFusion().fuse(keyword: Self.keyword, vector: Self.vector)
        #expect(fused.map(\.postID) == [2, 1, 4, 3])
        let expected: [Double] = [1.0 / 62 + 1.0 / 61, 1.0 / 61 + 1.0 / 63, 1.0 / 62, 1.0 / 63]
        for (result, score) in zip(fused, expected) {
            #expect(abs(result.score - score) < 1e-12)
        }
        let first = try #require(fused.first)
        #expect(first.contribution(from: "keyword")?.rank == 2)
        #expect(first.contribution(from: "vector")?.rank == 1)
        #expect(abs((first.contribution(from: "vector")?.contribution ?? 0) - 1.0 / 61) < 1e-12)
        #expect(fused[2].contribution(from: "keyword") == nil)
    }

    @Test("weights change the order; the cut-off drops weak results; the limit caps the list")
    func weightsAndCutoff() {
        let weighted = HybridFusion(keywordWeight: 2).fuse(keyword: Self.keyword, vector: Self.vector)
        #expect(weighted.map(\.postID) == [1, 2, 3, 4])
        #expect(abs(weighted[0].score - (2.0 / 61 + 1.0 / 63)) < 1e-12)
        let cut = HybridFusion(minScore: 0.02).fuse(keyword: Self.keyword, vector: Self.vector)
        #expect(cut.map(\.postID) == [2, 1])
        #expect(HybridFusion().fuse(keyword: Self.keyword, vector: Self.vector, limit: 3).map(\.postID) == [2, 1, 4])
        #expect(HybridFusion(vectorWeight: 0).fuse(keyword: Self.keyword, vector: Self.vector).map(\.postID) == [1, 2, 3, 4])
    }

    @Test("a repeated id counts at its first rank; ties go to the better keyword rank, then id; k changes scores")
    func duplicatesAndTies() {
        let fused = HybridFusion(k: 10).fuse(keyword: [5, 5, 6], vector: [6, 5])
        // 5: keyword #1 + vector #2 = 1/11 + 1/12; 6: keyword #2 + vector #1 = the same sum.
        #expect(fused.map(\.postID) == [5, 6])
        // The same tie with the ids the other way round: the keyword list still decides.
        #expect(HybridFusion(k: 10).fuse(keyword: [8, 7], vector: [7, 8]).map(\.postID) == [8, 7])
        // Keyword #1 alone against vector #1 alone: the keyword hit first.
        #expect(HybridFusion().fuse(keyword: [2], vector: [1]).map(\.postID) == [2, 1])
        #expect(abs(fused[0].score - (1.0 / 11 + 1.0 / 12)) < 1e-12)
        #expect(fused[0].score == fused[1].score)
        #expect(fused[0].contributions.map(\.rank) == [1, 2])
        #expect(HybridFusion().fuse(keyword: [Int64](), vector: [Int64]()).isEmpty)
    }

    @Test("the explanation shows rank, list score and contribution per list")
    func explanation() throws {
        let fused = HybridFusion().fuse(
            keyword: [RankedItem(postID: 9, score: 3.25)], vector: [RankedItem(postID: 8, score: 0.9), RankedItem(postID: 9, score: 0.5)])
        let nine = try #require(fused.first { $0.postID == 9 })
        #expect(nine.explanation == "post 9: 0.032522 = keyword #1 (3.2500) 0.016393 + vector #2 (0.5000) 0.016129")
        let web = HybridFusion().fuse([
            RankedList(name: "keyword", items: [RankedItem(postID: 1)]),
            RankedList(name: "web", weight: 0.5, items: [RankedItem(postID: 1)]),
        ])
        #expect(web.first?.contributions.map(\.list) == ["keyword", "web"])
        #expect(abs((web.first?.score ?? 0) - (1.0 / 61 + 0.5 / 61)) < 1e-12)
    }
}
