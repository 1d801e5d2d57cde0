import Foundation
import SQLKit
import TeleradarCore
import TeleradarStorage

/// Keyword search over `posts.search_text`: FTS5 with bm25 on SQLite, a `simple` tsvector with `ts_rank`
/// on PostgreSQL. Queries go through `KeywordQuery`, stemmed like the documents, so «субботу» finds
/// «суббота» on both backends and no user syntax can make an invalid expression.
package struct KeywordSearcher: Sendable {
    package let database: Database

    /// Index size (posts) from which very common query words are left out (SQLite; see `withoutCommonWords`).
    package var pruningMinimumPosts = KeywordSearcher.defaultPruningMinimumPosts
    /// Share of all posts above which a query word counts as very common.
    package var pruningShare = KeywordSearcher.defaultPruningShare

    package init(database: Database) { self.database = database }

    /// One hit: the post and its keyword score (higher is better; scales differ between backends).
    package struct Hit: Sendable, Hashable {
        package var postID: Int64
        package var score: Double
    }

    /// The best `limit` posts for `query` inside `scope`, best first.
    package func search(_ query: String, scope: SearchScope, limit: Int = 50) async throws -> [Hit] {
        let parsed = KeywordQuery(query)
        guard !scope.channelIDs.isEmpty else { return [] }
        let channels = Array(scope.channelIDs).sorted()
        let limit = max(1, min(limit, 1000))
        let filters = Self.filters(scope)
        switch database.kind {
        case .sqlite:
            // First the best matches of the whole index (FTS5 alone, very common words left out), then the caller's
            // scope: joining every match with `posts` before ranking cost three times as much on common words. When
            // the scope keeps fewer than `limit` of them and there were more matches than looked at, the exact join
            // runs instead.
            let window = max(limit * 10, 500)
            let (found, ranked): (String?, [Hit]) = try await database.read { db in
                guard let match = try await withoutCommonWords(parsed, on: db).fts5Match() else { return (nil, []) }
                let hits = try await db.raw(
                    """
                    SELECT rowid AS id, -bm25(posts_fts) AS score FROM posts_fts
                    WHERE posts_fts MATCH \(bind: match) ORDER BY bm25(posts_fts) LIMIT \(bind: window)
                    """
                ).all().map {
                    Hit(
                        postID: try $0.decode(column: "id", as: Int64.self),
                        score: try $0.decode(column: "score", as: Double.self))
                }
                return (match, hits)
            }
            guard let match = found else { return [] }
            guard !ranked.isEmpty else { return [] }
            // `+p.channel_id`: look the ids up by primary key, not by scanning the channel's index.
            let inScope = try await database.read { db in
                try await db.raw(
                    """
                    SELECT p.id AS id FROM posts p
                    WHERE p.id IN (\(binds: ranked.map(\.postID))) AND +p.channel_id IN (\(binds: channels)) \(filters)
                    """
                ).all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            let kept = Set(inScope)
            let hits = Array(ranked.filter { kept.contains($0.postID) }.prefix(limit))
            if hits.count >= limit || ranked.count < window { return hits }
            return try await database.read { db in
                try await db.raw(
                    """
                    SELECT p.id AS id, -bm25(posts_fts) AS score FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid
                    WHERE posts_fts MATCH \(bind: match) AND p.channel_id IN (\(binds: channels)) \(filters)
                    ORDER BY bm25(posts_fts) LIMIT \(bind: limit)
                    """
                ).all().map {
                    Hit(
                        postID: try $0.decode(column: "id", as: Int64.self),
                        score: try $0.decode(column: "score", as: Double.self))
                }
            }
        case .postgres:
            guard let tsquery = parsed.tsquery() else { return [] }
            return try await database.read { db in
                try await db.raw(
                    """
                    SELECT p.id AS id, ts_rank(to_tsvector('simple', p.search_text), q)::float8 AS score
                    FROM posts p, to_tsquery('simple', \(bind: tsquery)) q
                    WHERE to_tsvector('simple', p.search_text) @@ q AND p.channel_id IN (\(binds: channels)) \(filters)
                    ORDER BY score DESC, p.posted_at DESC LIMIT \(bind: limit)
                    """
                ).all().map {
                    Hit(
                        postID: try $0.decode(column: "id", as: Int64.self),
                        score: try $0.decode(column: "score", as: Double.self))
                }
            }
        }
    }

    /// Date and tag conditions shared by both dialects.
    static func filters(_ scope: SearchScope) -> SQLQueryString {
        var sql: SQLQueryString = ""
        if let since = scope.since {
            sql.appendInterpolation(unsafeRaw: " AND p.posted_at >= "); sql.appendInterpolation(bind: since.millis)
        }
        if let until = scope.until {
            sql.appendInterpolation(unsafeRaw: " AND p.posted_at <= "); sql.appendInterpolation(bind: until.millis)
        }
        if !scope.tags.isEmpty {
            sql.appendInterpolation(unsafeRaw: " AND (")
            for (index, tag) in scope.tags.enumerated() {
                if index > 0 { sql.appendInterpolation(unsafeRaw: " OR ") }
                let pattern =
                    "%\""
                    + tag.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "\"%"
                sql.appendInterpolation(unsafeRaw: "p.tags LIKE ")
                sql.appendInterpolation(bind: pattern)
                sql.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
            }
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " AND p.is_service = ")
        sql.appendInterpolation(bind: false)
        return sql
    }
}
