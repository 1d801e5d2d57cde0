import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// `/api/v1/rag/…`: search, ask, index status — always inside the caller's channels.
package struct RAGController: Sendable {
    package let app: AppContext

    struct SearchRequest: Decodable {
        var query: String
        var channels: [String]?
        var tags: [String]?
        var dateFrom: Date?
        var dateTo: Date?
        var minScore: Double?
        var limit: Int?
    }

    struct SearchResponse: ResponseEncodable {
        struct Item: Encodable {
            var post: Post
            var score: Double
            var keywordRank: Int?
            var vectorRank: Int?
            var vectorScore: Float?
            var explanation: String
        }
        var results: [Item]
    }

    struct AskRequest: Decodable {
        var query: String
        var contextLimit: Int?
        var channels: [String]?
        var tags: [String]?
        var dateFrom: Date?
        var dateTo: Date?
    }

    struct IndexStatus: ResponseEncodable {
        var posts: [String: Int]
        var queuedJobs: Int
        var vectorsInIndex: Int?
        var model: String?
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        group.post("rag/search") { request, context -> SearchResponse in
            let user = try context.requireUser()
            let body = try await request.decode(as: SearchRequest.self, context: context)
            let limit = body.limit ?? 10
            guard (1...100).contains(limit) else { throw APIError(.badRequest, code: "invalid_parameter", message: "limit must be from 1 to 100") }
            try Self.validate(query: body.query)
            let scope = try await app.retrieval.scope(
                user: user, filters: .init(channels: body.channels, tags: body.tags ?? [], dateFrom: body.dateFrom, dateTo: body.dateTo))
            let results = try await app.retrieval.search(body.query, scope: scope, limit: limit)
                .filter { $0.score >= (body.minScore ?? 0) }
            return SearchResponse(
                results: results.map {
                    .init(post: $0.post, score: $0.score, keywordRank: $0.keywordRank, vectorRank: $0.vectorRank, vectorScore: $0.vectorScore, explanation: $0.explanation)
                })
        }
        group.post("rag/ask") { request, context -> AnswerService.Answer in
            let user = try context.requireUser()
            let body = try await request.decode(as: AskRequest.self, context: context)
            try Self.validate(query: body.query)
            return try await app.answers.ask(
                user: user, question: body.query,
                filters: .init(channels: body.channels, tags: body.tags ?? [], dateFrom: body.dateFrom, dateTo: body.dateTo),
                contextLimit: body.contextLimit ?? 8)
        }
        group.get("rag/recommend") { request, context -> SearchResponse in
            let user = try context.requireUser()
            let limit = try Query.int(request, "limit", default: 10, range: 1...50)
            let (_, results) = try await RecommendationService(retrieval: app.retrieval, database: app.database)
                .recommend(user: user, limit: limit)
            return SearchResponse(
                results: results.map {
                    .init(post: $0.post, score: $0.score, keywordRank: $0.keywordRank, vectorRank: $0.vectorRank, vectorScore: $0.vectorScore, explanation: $0.explanation)
                })
        }
        group.get("rag/index/status") { _, context -> IndexStatus in
            let user = try context.requireUser()
            let channelIDs = try await app.channels.channels.channelIDs(userID: user.id)
            let status = try await VectorRepository(database: app.database).status(channelIDs: channelIDs)
            let queued = try await app.jobs.counts(kind: JobKind.indexPosts)[.queued] ?? 0
            return IndexStatus(
                posts: status, queuedJobs: queued, vectorsInIndex: app.vectorSearch?.index.count,
                model: app.vectorSearch?.embedder.modelID)
        }
    }

    static func validate(query: String) throws {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError(.badRequest, code: "invalid_parameter", message: "query must not be empty") }
        guard trimmed.count <= 2000 else { throw APIError(.badRequest, code: "invalid_parameter", message: "query must be at most 2000 characters") }
    }
}

extension AnswerService.Answer: ResponseEncodable {}
