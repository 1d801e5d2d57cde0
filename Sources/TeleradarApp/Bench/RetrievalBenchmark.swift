import Foundation
import Logging
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// Retrieval quality on a BEIR-style set (`corpus.jsonl`, `queries.jsonl`, `qrels.tsv`), optionally mixed
/// with distractor posts: Recall@1/5/10, MRR@10 and nDCG@10 for keyword, vector and hybrid retrieval,
/// measured through the same code paths users hit, on a throwaway SQLite database.
package struct RetrievalBenchmark: Sendable {
    package var setDirectory: URL
    package var distractorsDirectory: URL?
    package var distractorLimit: Int?
    package var embedder: (any Embedder)?
    package var logger: Logger
    /// When set, the top-50 keyword and vector lists of every query (document ids and scores) are written here
    /// as JSON, to study fusion settings offline.
    package var rankingsURL: URL?

    package init(
        setDirectory: URL, distractorsDirectory: URL? = nil, distractorLimit: Int? = nil, embedder: (any Embedder)?,
        logger: Logger
    ) {
        self.setDirectory = setDirectory
        self.distractorsDirectory = distractorsDirectory
        self.distractorLimit = distractorLimit
        self.embedder = embedder
        self.logger = logger
    }

    /// Metrics per method (`keyword`, `vector`, `hybrid`), as `{"mrr@10": …, "recall@1": …}`.
    package func run(progress: (@Sendable (String) -> Void)? = nil) async throws -> [String: [String: Double]] {
        let dataset = try BEIRDataset.load(directory: setDirectory)
        return try await BenchWorkspace.with("bench", logger: logger) { _, database in
            try await measure(dataset: dataset, database: database, progress: progress)
        }
    }

    private func measure(
        dataset: BEIRDataset, database: Database, progress: (@Sendable (String) -> Void)?
    ) async throws -> [String: [String: Double]] {

        let users = UserRepository(database: database)
        let channels = ChannelRepository(database: database)
        let user = try await users.upsert(.init(telegramID: 1))
        try await users.setRetention(userID: user.id, days: 365)
        let channel = try await channels.upsert(
            ChannelInfo(username: "benchcorpus", title: "bench"), sourceKind: "export")
        try await channels.subscribe(userID: user.id, channelID: channel.id)

        var documents = dataset.corpus.map { (id: $0.id, text: $0.title.isEmpty ? $0.text : $0.title + "\n" + $0.text) }
        if let distractorsDirectory {
            let extra = try NewsCorpus.distractors(directory: distractorsDirectory, limit: distractorLimit)
            documents += extra.enumerated().map { (id: "distractor-\($0.offset)", text: $0.element.text) }
        }
        let now = Date()
        let incoming = documents.enumerated().map {
            IncomingPost(
                messageID: Int64($0.offset + 1), postedAt: now.addingTimeInterval(-Double($0.offset)),
                text: $0.element.text)
        }
        _ = try await PostRepository(database: database).upsert(channelID: channel.id, posts: incoming)
        let stored = try await PostRepository(database: database).recent(channelID: channel.id, limit: 1)
        guard !stored.isEmpty else { throw DomainError.invalidArgument("the set's corpus is empty") }
        var docByPost: [Int64: String] = [:]
        let postRows = try await database.read { db in
            try await db.raw("SELECT id, message_id FROM posts WHERE channel_id = \(bind: channel.id)").all()
        }
        for row in postRows {
            let messageID = try row.decode(column: "message_id", as: Int64.self)
            docByPost[try row.decode(column: "id", as: Int64.self)] = documents[Int(messageID) - 1].id
        }
        progress?("stored \(documents.count) documents (\(dataset.corpus.count) in the set)")

        var vectorSearch: VectorSearch?
        if let embedder {
            let search = VectorSearch(embedder: embedder, database: database, logger: logger)
            let worker = IndexWorker(vectors: search, database: database, logger: logger)
            let ids = Array(docByPost.keys).sorted()
            for start in stride(from: 0, to: ids.count, by: 32) {
                try await worker.index(postIDs: Array(ids[start..<min(start + 32, ids.count)]))
                progress?("embedded \(min(start + 32, ids.count))/\(ids.count)")
            }
            vectorSearch = search
        }

        let retrieval = RetrievalService(database: database, vectors: vectorSearch)
        let scope = try await retrieval.scope(
            user: try await users.find(id: user.id) ?? user, filters: .init(), now: now)
        var runs: [String: [String: [String]]] = ["keyword": [:], "hybrid": [:]]
        if vectorSearch != nil { runs["vector"] = [:] }
        var rankings: [String: [String: [RankedDocument]]] = ["keyword": [:], "vector": [:]]
        for (index, query) in dataset.queries.enumerated() {
            let keyword = try await retrieval.keyword.search(query.text, scope: scope, limit: retrieval.candidates)
            runs["keyword"]![query.id] = keyword.prefix(10).compactMap { docByPost[$0.postID] }
            rankings["keyword"]![query.id] = keyword.compactMap { hit in
                docByPost[hit.postID].map { RankedDocument(id: $0, score: hit.score) }
            }
            if let vectorSearch {
                let vector = try await vectorSearch.search(query.text, scope: scope, limit: retrieval.candidates)
                runs["vector"]![query.id] = vector.prefix(10).compactMap { docByPost[$0.postID] }
                rankings["vector"]![query.id] = vector.compactMap { hit in
                    docByPost[hit.postID].map { RankedDocument(id: $0, score: Double(hit.score)) }
                }
            }
            runs["hybrid"]![query.id] = try await retrieval.search(query.text, scope: scope, limit: 10).compactMap {
                docByPost[$0.post.id]
            }
            if index % 50 == 49 { progress?("queried \(index + 1)/\(dataset.queries.count)") }
        }
        if let rankingsURL { try JSONEncoder().encode(rankings).write(to: rankingsURL) }
        var result: [String: [String: Double]] = [:]
        for (method, run) in runs {
            let report = RetrievalMetrics.evaluate(run: run, qrels: dataset.qrels, cutoffs: [1, 5, 10])
            result[method] = [
                "recall@1": report.recall[1] ?? 0, "recall@5": report.recall[5] ?? 0,
                "recall@10": report.recall[10] ?? 0,
                "mrr@10": report.mrr[10] ?? 0, "ndcg@10": report.ndcg[10] ?? 0,
            ]
        }
        return result
    }
}

/// The news corpus format of `ru-telegram-news`: JSON arrays of `{message_id, sender_id, text, date, channel, category}`.
package enum NewsCorpus {
    package struct Item: Decodable, Sendable {
        package var messageID: Int64
        package var text: String
        package var date: String
        package var channel: String
        enum CodingKeys: String, CodingKey {
            case text, date, channel
            case messageID = "message_id"
        }
    }

    /// Distractors as the retrieval baseline picks them: posts longer than 40 characters, files in name order,
    /// then every k-th of them so that `limit` remain (all of them without a limit).
    package static func distractors(directory: URL, limit: Int?) throws -> [Item] {
        let long = try load(directory: directory).filter { $0.text.count > 40 }
        guard let limit, limit > 0, limit < long.count else { return long }
        let step = long.count / limit
        return Array(stride(from: 0, to: long.count, by: step).prefix(limit).map { long[$0] })
    }

    /// Every non-empty post of every `*.json` file in `directory` (all, or the first `limit`).
    package static func load(directory: URL, limit: Int? = nil) throws -> [Item] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else { throw DomainError.invalidArgument("no .json files in \(directory.path)") }
        var items: [Item] = []
        for file in files {
            do {
                items += try JSONDecoder().decode([Item].self, from: Data(contentsOf: file)).filter {
                    !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                }
            } catch {
                throw DomainError.invalidArgument(
                    "\(file.lastPathComponent) is not in the news corpus format: \(error)")
            }
            if let limit, items.count >= limit { return Array(items.prefix(limit)) }
        }
        return items
    }
}

/// A document id with its score in one ranked list (for `--rankings`).
struct RankedDocument: Codable, Sendable {
    var id: String
    var score: Double
}
