import Testing

@testable import TeleradarSearch

@Suite("Retrieval metrics")
struct RetrievalMetricsTests {
    // Binary case: relevant d1, d2, d4; ranking d3 d1 d5 d2 (d4 never found).
    static let binaryRanking = ["d3", "d1", "d5", "d2"]
    static let binaryRelevance = ["d1": 1, "d2": 1, "d4": 1, "d9": 0]

    static let recallCases: [(Int, Double, Double)] = [
        (1, 0.0, 0.0), (2, 1.0 / 3, 0.5), (3, 1.0 / 3, 0.5), (4, 2.0 / 3, 0.5), (10, 2.0 / 3, 0.5),
    ]

    @Test("Recall@k and MRR@k by hand", arguments: RetrievalMetricsTests.recallCases)
    func recallAndMRR(k: Int, recall: Double, mrr: Double) {
        #expect(abs(RetrievalMetrics.recall(ranked: Self.binaryRanking, relevance: Self.binaryRelevance, k: k) - recall) < 1e-12)
        #expect(abs(RetrievalMetrics.reciprocalRank(ranked: Self.binaryRanking, relevance: Self.binaryRelevance, k: k) - mrr) < 1e-12)
    }

    @Test("nDCG by hand: binary, linear and exponential gains")
    func ndcg() {
        // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4).
        #expect(abs(RetrievalMetrics.ndcg(ranked: Self.binaryRanking, relevance: Self.binaryRelevance, k: 4, gain: .binary) - 0.498189) < 1e-6)
        let graded = ["a": 3, "b": 2, "c": 1]
        let ranking = ["c", "a", "x", "b"]
        // DCG = 1 + 3/log2(3) + 2/log2(5); IDCG = 3 + 2/log2(3) + 1/2.
        #expect(abs(RetrievalMetrics.ndcg(ranked: ranking, relevance: graded, k: 4) - 0.788377) < 1e-6)
        #expect(abs(RetrievalMetrics.ndcg(ranked: ranking, relevance: graded, k: 2) - 0.678762) < 1e-6)
        #expect(abs(RetrievalMetrics.ndcg(ranked: ranking, relevance: graded, k: 4, gain: .exponential) - 0.714222) < 1e-6)
        #expect(RetrievalMetrics.ndcg(ranked: ["a", "b", "c"], relevance: graded, k: 3) == 1)
        #expect(RetrievalMetrics.ndcg(ranked: ["a"], relevance: ["a": 0], k: 3) == 0)
    }

    @Test("repeated ids count once; k = 0 finds nothing")
    func edgeCases() {
        // The repeated "x" takes no slot: "a" is second.
        #expect(RetrievalMetrics.recall(ranked: ["x", "x", "a"], relevance: ["a": 1], k: 1) == 0)
        #expect(RetrievalMetrics.recall(ranked: ["x", "x", "a"], relevance: ["a": 1], k: 2) == 1)
        #expect(RetrievalMetrics.reciprocalRank(ranked: ["x", "x", "a"], relevance: ["a": 1], k: 5) == 0.5)
        #expect(RetrievalMetrics.reciprocalRank(ranked: ["a"], relevance: ["a": 1], k: 0) == 0)
        #expect(RetrievalMetrics.recall(ranked: ["a"], relevance: [:], k: 5) == 0)
    }

    @Test("means over queries; a missing run scores 0; queries without relevant documents are skipped")
    func evaluate() {
        let qrels: Qrels = ["q1": ["d1": 1], "q2": ["d2": 1, "d3": 1], "q3": ["d4": 1], "q4": ["d5": 0]]
        let run = ["q1": ["d1", "d9"], "q2": ["d9", "d3", "d2"], "q4": ["d5"]]
        let report = RetrievalMetrics.evaluate(run: run, qrels: qrels, cutoffs: [1, 3], gain: .binary)
        #expect(report.queryCount == 3)
        #expect(report.missingRuns == 1)
        #expect(abs((report.recall[1] ?? -1) - 1.0 / 3) < 1e-12)
        #expect(abs((report.recall[3] ?? -1) - 2.0 / 3) < 1e-12)
        #expect(abs((report.mrr[3] ?? -1) - (1 + 0.5) / 3) < 1e-12)
        // q2 nDCG@3 = (1/log2(3) + 1/2) / (1 + 1/log2(3)).
        let q2 = (1 / 1.584962500721156 + 0.5) / (1 + 1 / 1.584962500721156)
        #expect(abs((report.ndcg[3] ?? -1) - (1 + q2) / 3) < 1e-12)
        let empty = RetrievalMetrics.evaluate(run: [:], qrels: [:], cutoffs: [10])
        #expect(empty.queryCount == 0 && empty.recall[10] == 0)
    }
}
