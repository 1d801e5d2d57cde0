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

    struct SimilarResponse: ResponseEncodable {
        var method: SimilarPostsService.Method
        var results: [SearchResponse.Item]
    }

    struct IndexRequest: Decodable {
        var postIds: [Int64]
    }

    struct IndexQueued: ResponseEncodable {
        var queued: Int
        var jobID: Int64?
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        group.post("rag/search") { request, context -> SearchResponse in
            let user = try context.requireUser()
            let body = try await request.decode(as: SearchRequest.self, context: context)
            let limit = body.limit ?? 10
            guard (1...100).contains(limit) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "limit must be from 1 to 100")
            }
            try Self.validate(query: body.query)
            try Self.validate(channels: body.channels, tags: body.tags, dateFrom: body.dateFrom, dateTo: body.dateTo)
            if let minScore = body.minScore, !(0...1000).contains(minScore) {
                throw Validate.fail("min_score", "must be from 0 to 1000")
            }
            let scope = try await app.retrieval.scope(
                user: user,
                filters: .init(
                    channels: body.channels, tags: body.tags ?? [], dateFrom: body.dateFrom, dateTo: body.dateTo))
            let results = try await app.retrieval.search(body.query, scope: scope, limit: limit)
                .filter { $0.score >= (body.minScore ?? 0) }
            return SearchResponse(results: results.map(Self.item))
        }
        group.post("rag/ask") { request, context -> AnswerService.Answer in
            let user = try context.requireUser()
            let body = try await request.decode(as: AskRequest.self, context: context)
            try Self.validate(query: body.query)
            try Self.validate(channels: body.channels, tags: body.tags, dateFrom: body.dateFrom, dateTo: body.dateTo)
            return try await app.answers.ask(
                user: user, question: body.query,
                filters: .init(
                    channels: body.channels, tags: body.tags ?? [], dateFrom: body.dateFrom, dateTo: body.dateTo),
                contextLimit: body.contextLimit ?? 8)
        }
        group.get("rag/recommend") { request, context -> SearchResponse in
            let user = try context.requireUser()
            let limit = try Query.int(request, "limit", default: 10, range: 1...50)
            let (_, results) = try await RecommendationService(retrieval: app.retrieval, database: app.database)
                .recommend(user: user, limit: limit)
            return SearchResponse(results: results.map(Self.item))
        }
        group.get("rag/similar/:id") { request, context -> SimilarResponse in
            let user = try context.requireUser()
            let id = try Validate.id(context)
            let limit = try Query.int(request, "limit", default: 10, range: 1...50)
            let (method, results) = try await SimilarPostsService(retrieval: app.retrieval, database: app.database)
                .similar(to: id, user: user, limit: limit)
            return SimilarResponse(method: method, results: results.map(Self.item))
        }
        group.post("rag/index") { request, context -> EditedResponse<IndexQueued> in
            let user = try context.requireUser()
            let body = try await request.decode(as: IndexRequest.self, context: context)
            let ids = Array(Set(body.postIds))
            guard (1...500).contains(ids.count) else { throw Validate.fail("post_ids", "must hold 1 to 500 post ids") }
            guard ids.allSatisfy({ $0 > 0 }) else { throw Validate.fail("post_ids", "must be positive whole numbers") }
            let since = Date().addingTimeInterval(-Double(user.retentionDays) * 86_400)
            for id in ids.sorted()
            where try await app.channels.posts.visible(postID: id, userID: user.id, since: since) == nil {
                throw APIError(.notFound, code: "not_found", message: "post_ids: no post \(id) in your channels")
            }
            let job = try await app.jobs.enqueue(
                try NewJob(kind: JobKind.indexPosts, payload: IndexPostsPayload(postIDs: ids.sorted())))
            return EditedResponse(status: .accepted, response: IndexQueued(queued: ids.count, jobID: job))
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

    static func item(_ result: RetrievalService.Result) -> SearchResponse.Item {
        .init(
            post: result.post, score: result.score, keywordRank: result.keywordRank, vectorRank: result.vectorRank,
            vectorScore: result.vectorScore, explanation: result.explanation)
    }

    static func validate(channels: [String]?, tags: [String]?, dateFrom: Date?, dateTo: Date?) throws {
        if let channels {
            guard channels.count <= 100 else { throw Validate.fail("channels", "must name at most 100 channels") }
            for channel in channels { _ = try ChannelController.name(channel, parameter: "channels") }
            guard channels.allSatisfy({ $0.count <= 200 }) else {
                throw Validate.fail("channels", "entries must be at most 200 characters")
            }
        }
        if let tags {
            guard tags.count <= 20 else { throw Validate.fail("tags", "must hold at most 20 tags") }
            guard tags.allSatisfy({ (1...50).contains($0.count) }) else {
                throw Validate.fail("tags", "entries must be 1 to 50 characters")
            }
        }
        if let dateFrom, let dateTo, dateFrom > dateTo { throw Validate.fail("date_from", "must not be after date_to") }
    }

    static func validate(query: String) throws {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "query must not be empty")
        }
        guard trimmed.count <= 2000 else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "query must be at most 2000 characters")
        }
        // PostgreSQL refuses NUL in text, and no question needs control characters.
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        else {
            throw Validate.fail("query", "must not contain control characters")
        }
    }
}

extension AnswerService.Answer: ResponseEncodable {}
