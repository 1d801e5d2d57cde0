import Foundation
import Logging
import SQLKit
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// Search latency over a large store: the news corpus imported (repeated) into a fresh SQLite database with the
/// keyword index, one vector per post in the in-memory index, then a set of queries run one after another
/// through the production paths — keyword (FTS5), vector scan, hybrid (``RetrievalService``) and an extractive
/// answer on top of hybrid. Post vectors and query vectors are pseudo-random (embedding 100,000 posts with e5
/// takes hours here), so the vector side measures the scan, the fusion and the loading, not the model; with
/// `queryEmbedder` the e5 query embedding time is measured on its own.
package struct SearchBenchmark: Sendable {
    package var corpusDirectory: URL
    package var posts: Int
    package var queries: Int
    package var logger: Logger

    package init(corpusDirectory: URL, posts: Int, queries: Int, logger: Logger) {
        self.corpusDirectory = corpusDirectory
        self.posts = posts
        self.queries = queries
        self.logger = logger
    }

    /// Latency percentiles of one path, in milliseconds.
    package struct Latency: Sendable, Codable {
        package var p50: Double
        package var p95: Double
        package var p99: Double
        package var max: Double

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            func at(_ q: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
            }
            p50 = at(0.50)
            p95 = at(0.95)
            p99 = at(0.99)
            max = sorted.last ?? 0
        }
    }

    package struct Result: Sendable, Codable {
        package var posts: Int
        package var vectors: Int
        package var queries: Int
        package var keywordMs: Latency
        package var vectorMs: Latency
        package var hybridMs: Latency
        package var extractiveAnswerMs: Latency
        package var queryEmbeddingMs: Latency?
        package var meanKeywordHits: Double
        package var peakRSSMegabytes: Double
    }

    package func run(queryEmbedder: (any Embedder)? = nil, progress: @Sendable (String) -> Void = { _ in }) async throws
        -> Result
    {
        let items = try NewsCorpus.load(directory: corpusDirectory)
        return try await BenchWorkspace.with("search-bench", logger: logger) { folder, database in
            let export = folder.appendingPathComponent("result.json")
            _ = try ImportBenchmark.writeExport(
                items: items, repeats: (posts + items.count - 1) / items.count, to: export)
            return try await measure(
                items: items, export: export, database: database, queryEmbedder: queryEmbedder, progress: progress)
        }
    }

    private func measure(
        items: [NewsCorpus.Item], export: URL, database: Database, queryEmbedder: (any Embedder)?,
        progress: @Sendable (String) -> Void
    ) async throws -> Result {
        progress("importing \(posts) posts")
        _ = try await ImportService(database: database, logger: logger).run(
            path: export.path, channelName: "searchbench", indexAfterImport: false)
        let rows = try await database.read { db in
            try await db.raw(
                "SELECT id, channel_id, posted_at FROM posts ORDER BY id LIMIT \(unsafeRaw: String(posts))"
            ).all()
        }
        let embedder = PseudoRandomEmbedder(dimensions: 384)
        let vectors = VectorSearch(embedder: embedder, database: database, logger: logger)
        progress("indexing \(rows.count) vectors")
        var entries: [VectorEntry] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            entries.append(
                VectorEntry(
                    postID: id, channelID: try row.decode(column: "channel_id", as: Int64.self),
                    postedAt: Date(millis: try row.decode(column: "posted_at", as: Int64.self)),
                    vector: embedder.vector(seed: UInt64(id))))
        }
        try vectors.index.load(entries)
        entries = []
        var retrieval = RetrievalService(database: database, vectors: vectors)
        retrieval.minVectorScore = -1  // fuse and load every vector candidate: the costly case
        let channelIDs = Set(try rows.map { try $0.decode(column: "channel_id", as: Int64.self) })
        let scope = SearchScope(channelIDs: channelIDs)
        let texts = Self.queries(from: items, count: queries)
        progress("running \(texts.count) queries")
        var keyword: [Double] = [], vector: [Double] = [], hybrid: [Double] = [], answer: [Double] = [],
            embedding: [Double] = []
        var hits = 0
        let clock = ContinuousClock()
        for text in texts {
            var start = clock.now
            hits += try await retrieval.keyword.search(text, scope: scope, limit: retrieval.candidates).count
            keyword.append((clock.now - start).milliseconds)
            start = clock.now
            _ = try await vectors.search(text, scope: scope, limit: retrieval.candidates)
            vector.append((clock.now - start).milliseconds)
            start = clock.now
            _ = try await retrieval.search(text, scope: scope, limit: 10)
            hybrid.append((clock.now - start).milliseconds)
            start = clock.now
            let found = try await retrieval.search(text, scope: scope, limit: 8)
            _ = ExtractiveAnswerer().answer(
                question: text,
                posts: found.map {
                    ContextPost(
                        postID: $0.post.id, channel: $0.post.channelUsername, messageID: $0.post.messageID,
                        postedAt: $0.post.postedAt, text: $0.post.searchableText)
                })
            answer.append((clock.now - start).milliseconds)
            if let queryEmbedder, embedding.count < 100 {
                start = clock.now
                _ = try await queryEmbedder.embed(query: text)
                embedding.append((clock.now - start).milliseconds)
            }
        }
        return Result(
            posts: rows.count, vectors: vectors.index.count, queries: texts.count, keywordMs: Latency(keyword),
            vectorMs: Latency(vector),
            hybridMs: Latency(hybrid), extractiveAnswerMs: Latency(answer),
            queryEmbeddingMs: embedding.isEmpty ? nil : Latency(embedding),
            meanKeywordHits: Double(hits) / Double(max(1, texts.count)),
            peakRSSMegabytes: ImportBenchmark.peakRSSMegabytes())
    }

    /// Queries of two to four words taken from posts spread over the corpus (so most have keyword hits).
    static func queries(from items: [NewsCorpus.Item], count: Int) -> [String] {
        let long = items.filter { $0.text.count > 80 }
        guard !long.isEmpty, count > 0 else { return [] }
        let step = max(1, long.count / count)
        var result: [String] = []
        var index = 0
        while index < long.count, result.count < count {
            let words: [Substring] = long[index].text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation })
                .filter { $0.count > 3 }
            index += step
            guard words.count >= 4 else { continue }
            let length = 2 + result.count % 3
            let start = (words.count - length) / 2
            let picked: [Substring] = Array(words[start..<(start + length)])
            result.append(picked.joined(separator: " "))
        }
        return result
    }
}

/// Deterministic pseudo-random unit vectors (SplitMix64), for benchmarks that measure the index, not a model.
struct PseudoRandomEmbedder: Embedder {
    let dimensions: Int
    var modelID: String { "bench-random-\(dimensions)" }

    func vector(seed: UInt64) -> [Float] {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var values = [Float](repeating: 0, count: dimensions)
        for i in 0..<dimensions {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            values[i] = Float(Double(z >> 11) / Double(1 << 53)) * 2 - 1
        }
        return values
    }

    func embed(passages: [String]) async throws -> [[Float]] {
        passages.map { vector(seed: UInt64(truncatingIfNeeded: $0.hashValue)) }
    }
    func embed(query: String) async throws -> [Float] { vector(seed: UInt64(truncatingIfNeeded: query.hashValue)) }
}
