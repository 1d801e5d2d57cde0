import Foundation
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// Posts similar to one post, inside the user's channels and retention window: by the post's stored
/// embedding when it has one (nearest neighbours in the vector index), otherwise by its words (keyword search
/// over the post's own text).
package struct SimilarPostsService: Sendable {
    package let retrieval: RetrievalService
    package let posts: PostRepository

    package init(retrieval: RetrievalService, database: Database) {
        self.retrieval = retrieval
        posts = PostRepository(database: database)
    }

    /// How the neighbours were found.
    package enum Method: String, Sendable, Codable { case vector, keyword }

    /// Up to `limit` posts like `postID`; `notFound` when the user cannot see that post.
    package func similar(
        to postID: Int64, user: User, limit: Int, now: Date = Date()
    ) async throws -> (method: Method, results: [RetrievalService.Result]) {
        let since = now.addingTimeInterval(-Double(user.retentionDays) * 86_400)
        guard let post = try await posts.visible(postID: postID, userID: user.id, since: since) else {
            throw DomainError.notFound("no such post in your channels")
        }
        let scope = try await retrieval.scope(user: user, filters: .init(), now: now)
        if let vectors = retrieval.vectors,
            let vector = try await vectors.vectors.vectors(postID: post.id, model: vectors.embedder.modelID).first
        {
            let hits = try vectors.index.search(
                query: vector, channels: scope.channelIDs,
                filter: VectorSearchFilter(since: scope.since, minScore: retrieval.minVectorScore), limit: limit + 1
            )
            .filter { $0.postID != post.id }.prefix(limit)
            let loaded = Dictionary(
                uniqueKeysWithValues: try await posts.posts(ids: hits.map(\.postID)).map { ($0.id, $0) })
            let results = hits.enumerated().compactMap { rank, hit -> RetrievalService.Result? in
                guard let found = loaded[hit.postID] else { return nil }
                return RetrievalService.Result(
                    post: found, score: Double(hit.score), keywordRank: nil, vectorRank: rank + 1,
                    vectorScore: hit.score,
                    explanation: "cosine \(String(format: "%.3f", hit.score)) to the post's embedding")
            }
            return (.vector, results)
        }
        let text = [post.text, post.poll?.question ?? "", post.linkPreview?.title ?? ""].joined(separator: " ")
        let hits = try await retrieval.keyword.search(String(text.prefix(1000)), scope: scope, limit: limit + 1)
            .filter { $0.postID != post.id }.prefix(limit)
        let loaded = Dictionary(
            uniqueKeysWithValues: try await posts.posts(ids: hits.map(\.postID)).map { ($0.id, $0) })
        let results = hits.enumerated().compactMap { rank, hit -> RetrievalService.Result? in
            guard let found = loaded[hit.postID] else { return nil }
            return RetrievalService.Result(
                post: found, score: hit.score, keywordRank: rank + 1, vectorRank: nil, vectorScore: nil,
                explanation: "shares words with the post (keyword rank \(rank + 1))")
        }
        return (.keyword, results)
    }
}
