import Foundation

/// Relevance judgements: query id → document id → grade (0 = not relevant, higher = more relevant).
package typealias Qrels = [String: [String: Int]]

/// Mean retrieval quality over a set of queries, per cut-off `k`.
package struct RetrievalReport: Sendable, Equatable {
    /// How many queries were evaluated (those with at least one relevant document).
    package var queryCount: Int
    /// How many of them had no ranking in the run (they score 0).
    package var missingRuns: Int
    /// Mean Recall@k.
    package var recall: [Int: Double]
    /// Mean reciprocal rank of the first relevant document within the top k (MRR@k).
    package var mrr: [Int: Double]
    /// Mean nDCG@k.
    package var ndcg: [Int: Double]
}

/// Recall@k, MRR@k and nDCG@k, computed like the BEIR harness (pytrec_eval) does.
///
/// Rankings are lists of document ids, best first; a repeated id counts only at its first position.
/// A document is relevant when its grade is above 0. nDCG uses the grades as gains
/// (``Gain/linear``, as trec_eval), or 0/1 (``Gain/binary``), or `2^grade − 1`
/// (``Gain/exponential``), discounted by `log2(rank + 1)`, over the ideal ordering of all judged
/// documents of the query.
package enum RetrievalMetrics {
    /// How a relevance grade becomes an nDCG gain.
    package enum Gain: Sendable, Equatable {
        /// 1 for any relevant document.
        case binary
        /// The grade itself.
        case linear
        /// `2^grade − 1`.
        case exponential

        /// The gain of `grade` (0 for grades at or below 0).
        func value(_ grade: Int) -> Double {
            guard grade > 0 else { return 0 }
            switch self {
            case .binary: return 1
            case .linear: return Double(grade)
            case .exponential: return pow(2, Double(grade)) - 1
            }
        }
    }

    /// The share of the relevant documents found in the top `k` (0 when none is relevant).
    package static func recall(ranked: [String], relevance: [String: Int], k: Int) -> Double {
        let relevant = relevance.values.filter { $0 > 0 }.count
        guard relevant > 0 else { return 0 }
        let found = topK(ranked, k).filter { (relevance[$0] ?? 0) > 0 }.count
        return Double(found) / Double(relevant)
    }

    /// `1 / rank` of the first relevant document in the top `k`, 0 when there is none.
    package static func reciprocalRank(ranked: [String], relevance: [String: Int], k: Int) -> Double {
        guard let position = topK(ranked, k).firstIndex(where: { (relevance[$0] ?? 0) > 0 }) else { return 0 }
        return 1 / Double(position + 1)
    }

    /// DCG of the top `k` divided by the DCG of the ideal top `k` (0 when none is relevant).
    package static func ndcg(ranked: [String], relevance: [String: Int], k: Int, gain: Gain = .linear) -> Double {
        let ideal = relevance.values.map(gain.value).filter { $0 > 0 }.sorted(by: >).prefix(max(0, k))
        let idealDCG = dcg(Array(ideal))
        guard idealDCG > 0 else { return 0 }
        return dcg(topK(ranked, k).map { gain.value(relevance[$0] ?? 0) }) / idealDCG
    }

    /// The means over every query of `qrels` with a relevant document; a query missing from `run`
    /// counts as an empty ranking.
    package static func evaluate(run: [String: [String]], qrels: Qrels, cutoffs: [Int], gain: Gain = .linear) -> RetrievalReport {
        let queries = qrels.filter { $0.value.values.contains { $0 > 0 } }
        let zeros = Dictionary(cutoffs.map { ($0, 0.0) }, uniquingKeysWith: { a, _ in a })
        var recall = zeros, mrr = zeros, ndcg = zeros
        var missing = 0
        for (query, relevance) in queries {
            let ranked = run[query] ?? []
            if run[query] == nil { missing += 1 }
            for k in cutoffs {
                recall[k, default: 0] += Self.recall(ranked: ranked, relevance: relevance, k: k)
                mrr[k, default: 0] += reciprocalRank(ranked: ranked, relevance: relevance, k: k)
                ndcg[k, default: 0] += Self.ndcg(ranked: ranked, relevance: relevance, k: k, gain: gain)
            }
        }
        let count = Double(max(1, queries.count))
        return RetrievalReport(
            queryCount: queries.count, missingRuns: missing,
            recall: recall.mapValues { $0 / count }, mrr: mrr.mapValues { $0 / count },
            ndcg: ndcg.mapValues { $0 / count })
    }

    /// The first `k` distinct ids of `ranked`.
    static func topK(_ ranked: [String], _ k: Int) -> [String] {
        var seen = Set<String>()
        var top: [String] = []
        for id in ranked where top.count < k && seen.insert(id).inserted { top.append(id) }
        return top
    }

    /// Σ gain_i / log2(i + 1) over 1-based positions i.
    static func dcg(_ gains: [Double]) -> Double {
        gains.enumerated().reduce(0) { $0 + $1.element / log2(Double($1.offset) + 2) }
    }
}
