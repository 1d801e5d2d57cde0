import Foundation
import Logging
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// Hybrid retrieval over one user's channels: keyword (FTS5 / tsvector) and vector (in-memory int8 index)
/// lists fused by reciprocal rank. Works with keyword search alone when no embedder is configured.
package struct RetrievalService: Sendable {
    package let keyword: KeywordSearcher
    package let posts: PostRepository
    package let channels: ChannelRepository
    package let vectors: VectorSearch?
    package let fusion: HybridFusion
    /// Candidates taken from each list before fusing.
    package var candidates = 50
    /// A vector hit below this cosine counts as unrelated (e5 scores even unrelated text around 0.7). 0.78 was
    /// chosen on the XQuAD dev sets (en +0.004 MRR@10 over 0.80, ru with 2,000 distractors −0.001).
    package var minVectorScore: Float = 0.78

    package init(database: Database, vectors: VectorSearch?) {
        keyword = KeywordSearcher(database: database)
        posts = PostRepository(database: database)
        channels = ChannelRepository(database: database)
        self.vectors = vectors
        fusion = HybridFusion()
    }

    /// What the caller asked to narrow to.
    package struct Filters: Sendable, Equatable {
        package var channels: [String]?
        package var tags: [String]
        package var dateFrom: Date?
        package var dateTo: Date?

        package init(channels: [String]? = nil, tags: [String] = [], dateFrom: Date? = nil, dateTo: Date? = nil) {
            self.channels = channels
            self.tags = tags
            self.dateFrom = dateFrom
            self.dateTo = dateTo
        }
    }

    /// One result with its provenance.
    package struct Result: Sendable {
        package var post: Post
        package var score: Double
        package var keywordRank: Int?
        package var vectorRank: Int?
        package var vectorScore: Float?
        package var explanation: String
    }

    /// The user's scope: followed channels (narrowed by `filters.channels`, which must all be followed),
    /// inside the retention window and the requested dates.
    package func scope(user: User, filters: Filters, now: Date = Date()) async throws -> SearchScope {
        let followed = try await channels.channels(userID: user.id)
        var ids = Set(followed.map(\.id))
        if let wanted = filters.channels, !wanted.isEmpty {
            var narrowed = Set<Int64>()
            for name in wanted {
                let parsed = try ChannelName(parsing: name)
                guard let channel = followed.first(where: { $0.username == parsed.value }) else {
                    throw DomainError.notFound("you do not follow \(parsed)")
                }
                narrowed.insert(channel.id)
            }
            ids = narrowed
        }
        let retention = now.addingTimeInterval(-Double(user.retentionDays) * 86_400)
        let since = max(retention, filters.dateFrom ?? retention)
        return SearchScope(
            channelIDs: ids, since: since, until: filters.dateTo, tags: filters.tags.map { $0.lowercased() })
    }

    /// The best `limit` posts for `query` in `scope`.
    package func search(_ query: String, scope: SearchScope, limit: Int) async throws -> [Result] {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !scope.channelIDs.isEmpty else { return [] }
        async let keywordHits = keyword.search(text, scope: scope, limit: candidates)
        var vectorHits: [VectorHit] = []
        if let vectors {
            do {
                vectorHits = try await vectors.search(text, scope: scope, limit: candidates)
                    .filter { $0.score >= minVectorScore }
            } catch {
                vectors.logger.warning("vector search failed; keyword results only", metadata: ["error": "\(error)"])
            }
        }
        let keywordList = try await keywordHits
        let fused = fusion.fuse(
            keyword: keywordList.map { RankedItem(postID: $0.postID, score: $0.score) },
            vector: vectorHits.map { RankedItem(postID: $0.postID, score: Double($0.score)) }, limit: limit)
        let loaded = Dictionary(
            uniqueKeysWithValues: try await posts.posts(ids: fused.map(\.postID)).map { ($0.id, $0) })
        let keywordRanks = Dictionary(keywordList.enumerated().map { ($1.postID, $0 + 1) }, uniquingKeysWith: min)
        let vectorRanks = Dictionary(
            vectorHits.enumerated().map { ($1.postID, ($0 + 1, $1.score)) }, uniquingKeysWith: { $0.0 < $1.0 ? $0 : $1 }
        )
        return fused.compactMap { item in
            guard let post = loaded[item.postID], scope.channelIDs.contains(post.channelID) else { return nil }
            return Result(
                post: post, score: item.score, keywordRank: keywordRanks[item.postID],
                vectorRank: vectorRanks[item.postID]?.0,
                vectorScore: vectorRanks[item.postID]?.1, explanation: item.explanation)
        }
    }
}
