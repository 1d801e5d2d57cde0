import Foundation
import SQLKit
import SQLiteNIO
import TeleradarCore

/// What an upsert of a batch of posts did.
package struct UpsertSummary: Sendable, Equatable, Codable {
    package var inserted = 0
    package var updated = 0
    package var unchanged = 0
    /// Ids of posts inserted or whose content changed (to re-tag and re-index).
    package var changedPostIDs: [Int64] = []

    package init() {}

    package mutating func add(_ other: UpsertSummary) {
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
        changedPostIDs += other.changedPostIDs
    }
}

/// Posts, stored once per channel message (unique on channel and message id). Upserts are idempotent:
/// new posts are inserted, edits update text and `edited_at` (and send the post back to indexing), view
/// counts refresh, and the channel's cursor moves to the highest stored message id — all in one
/// transaction per batch.
package struct PostRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// The columns a new post's row is inserted with, in the order of its values.
    static let insertColumns = [
        "channel_id", "message_id", "text", "entities", "links", "views", "forwarded_from", "media_kind",
        "reply_to_message_id", "author", "extra", "posted_at", "edited_at", "search_text", "created_at", "updated_at",
    ]

    static let rowsPerStatement = 2000  // 13 bound values a row: 26,000, under SQLite's 32,766

    /// Upserts a batch of a channel's posts (service messages must be filtered out by the caller). With
    /// `insertingNew` false only stored posts are updated (an edit of a message never stored is skipped, and
    /// the cursor does not move).
    package func upsert(
        channelID: Int64, posts: [IncomingPost], now: Date = Date(), insertingNew: Bool = true
    ) async throws -> UpsertSummary {
        try await upsert(
            channelID: channelID, prepared: await PreparedPost.prepare(posts), now: now, insertingNew: insertingNew)
    }

    /// Upserts posts prepared ahead of the transaction (see ``PreparedPost/prepare(_:)``).
    package func upsert(
        channelID: Int64, prepared: [PreparedPost], now: Date = Date(), insertingNew: Bool = true
    ) async throws -> UpsertSummary {
        var latest: [Int64: PreparedPost] = [:]
        for item in prepared { latest[item.post.messageID] = item }
        let unique = latest.values.sorted { $0.post.messageID < $1.post.messageID }
        guard !unique.isEmpty else { return UpsertSummary() }
        let sqlite = (database.driver as? SQLiteDriver)?.connectionInTransaction
        return try await database.write { db in
            var summary = UpsertSummary()
            for start in stride(from: 0, to: unique.count, by: Self.rowsPerStatement) {
                let chunk = Array(unique[start..<min(start + Self.rowsPerStatement, unique.count)])
                summary.add(
                    try await Self.upsertChunk(
                        channelID: channelID, chunk, now: now, insertingNew: insertingNew, on: db, sqlite: sqlite))
            }
            if insertingNew, let maxID = unique.last?.post.messageID {
                try await db.raw(
                    """
                    UPDATE channels SET last_message_id = \(bind: maxID)
                    WHERE id = \(bind: channelID) AND last_message_id < \(bind: maxID)
                    """
                ).run()
            }
            return summary
        }
    }

    private static func upsertChunk(
        channelID: Int64, _ chunk: [PreparedPost], now: Date, insertingNew: Bool, on db: any SQLDatabase,
        sqlite: SQLiteConnection?
    ) async throws -> UpsertSummary {
        var summary = UpsertSummary()
        let existingRows = try await db.select().columns(
            "id", "message_id", "text", "entities", "extra", "views", "edited_at"
        )
        .from("posts").where("channel_id", .equal, channelID)
        .where("message_id", .in, chunk.map(\.post.messageID)).all()
        var existing: [Int64: any SQLRow] = [:]
        for row in existingRows { existing[try row.decode(column: "message_id", as: Int64.self)] = row }

        let fresh = insertingNew ? chunk.filter { existing[$0.post.messageID] == nil } : []
        if !fresh.isEmpty {
            let ids: [Int64]
            if let sqlite {
                ids = try await insertSQLite(fresh, channelID: channelID, now: now, connection: sqlite)
            } else {
                let insert = db.insert(into: "posts").columns(Self.insertColumns)
                // Values shared by every row are literals (integers), not binds: fewer values to encode and bind.
                let channel = SQLLiteral.numeric(String(channelID))
                let time = SQLLiteral.numeric(String(now.millis))
                for item in fresh {
                    let post = item.post
                    insert.values(
                        channel, SQLBind(post.messageID), SQLBind(post.text), SQLBind(item.entities),
                        SQLBind(item.links), SQLBind(post.views), SQLBind(post.forwardedFrom),
                        SQLBind(post.mediaKind?.rawValue), SQLBind(post.replyToMessageID), SQLBind(post.author),
                        SQLBind(item.extra), SQLBind(post.postedAt.millis), SQLBind(post.editedAt?.millis),
                        SQLBind(item.searchText), time, time)
                }
                ids = try await insert.returning(SQLColumn("id")).all().map {
                    try $0.decode(column: "id", as: Int64.self)
                }
            }
            summary.inserted += fresh.count
            summary.changedPostIDs += ids
        }

        for item in chunk {
            let post = item.post
            guard let row = existing[post.messageID] else { continue }
            let id = try row.decode(column: "id", as: Int64.self)
            let extra = item.extra
            let entities = item.entities
            let contentChanged =
                try row.decode(column: "text", as: String.self) != post.text
                || row.decode(column: "entities", as: String.self) != entities
                || row.decode(column: "extra", as: String.self) != extra
            let storedViews = try row.decode(column: "views", as: Int?.self)
            if contentChanged {
                try await db.update("posts")
                    .set("text", to: SQLBind(post.text)).set("entities", to: SQLBind(entities))
                    .set("links", to: SQLBind(item.links)).set("extra", to: SQLBind(extra))
                    .set("media_kind", to: SQLBind(post.mediaKind?.rawValue))
                    .set("views", to: SQLBind(post.views ?? storedViews))
                    .set("edited_at", to: SQLBind((post.editedAt ?? now).millis))
                    .set("search_text", to: SQLBind(item.searchText))
                    .set("indexing_status", to: SQLBind("pending")).set("tagging_status", to: SQLBind("pending"))
                    .set("updated_at", to: SQLBind(now.millis))
                    .where("id", .equal, id).run()
                summary.updated += 1
                summary.changedPostIDs.append(id)
            } else if let views = post.views, views != storedViews {
                try await db.update("posts").set("views", to: SQLBind(views)).set("updated_at", to: SQLBind(now.millis))
                    .where("id", .equal, id).run()
                summary.unchanged += 1
            } else {
                summary.unchanged += 1
            }
        }
        return summary
    }

    /// The `search_text` of a post: stems and words of its text, poll and link preview.
    static func searchText(_ post: IncomingPost) -> String {
        SearchText.indexDocument(
            Post.searchableText(text: post.text, poll: post.poll, linkPreview: post.linkPreview, enrichedText: ""))
    }

    /// The highest stored message id of a channel (the ingestion cursor), 0 when none.
    package func lastMessageID(channelID: Int64) async throws -> Int64 {
        try await database.read { db in
            try await db.select().column(SQLFunction("max", args: SQLColumn("message_id")), as: "m").from("posts")
                .where("channel_id", .equal, channelID).first()?.decode(column: "m", as: Int64?.self) ?? 0
        }
    }

    /// How many posts a channel has.
    package func count(channelID: Int64? = nil) async throws -> Int {
        try await database.read { db in
            let query = db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("posts")
            if let channelID { query.where("channel_id", .equal, channelID) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static let selectColumns = "p.*, c.username AS channel_username"

    static func decode(_ row: any SQLRow) throws -> Post {
        let extraText = try row.decode(column: "extra", as: String.self)
        let extra =
            (try? JSONDecoder().decode(PreparedPost.Extra.self, from: Data(extraText.utf8))) ?? PreparedPost.Extra()
        return Post(
            id: try row.decode(column: "id", as: Int64.self),
            channelID: try row.decode(column: "channel_id", as: Int64.self),
            channelUsername: try row.decode(column: "channel_username", as: String.self),
            messageID: try row.decode(column: "message_id", as: Int64.self),
            text: try row.decode(column: "text", as: String.self),
            entities: try row.json("entities", as: [TextEntity].self),
            links: try row.json("links", as: [String].self),
            views: try row.decode(column: "views", as: Int?.self),
            forwardedFrom: try row.decode(column: "forwarded_from", as: String?.self),
            mediaKind: try row.decode(column: "media_kind", as: String?.self).flatMap(MediaKind.init(rawValue:)),
            replyToMessageID: try row.decode(column: "reply_to_message_id", as: Int64?.self),
            author: try row.decode(column: "author", as: String?.self),
            poll: extra.poll, linkPreview: extra.linkPreview,
            postedAt: try row.date("posted_at"), editedAt: try row.optionalDate("edited_at"),
            tags: try row.json("tags", as: [String].self),
            enrichedText: try row.decode(column: "enriched_text", as: String.self),
            taggingStatus: try row.decode(column: "tagging_status", as: String.self),
            indexingStatus: try row.decode(column: "indexing_status", as: String.self))
    }

    /// Posts by id (any channel; callers scope by user first).
    package func posts(ids: [Int64]) async throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.selectColumns) FROM posts p JOIN channels c ON c.id = p.channel_id WHERE p.id IN (\(binds: ids))"
            ).all().map(Self.decode)
        }
    }

    /// A channel's newest posts.
    package func recent(channelID: Int64, limit: Int = 50, before: Int64? = nil) async throws -> [Post] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.selectColumns) FROM posts p JOIN channels c ON c.id = p.channel_id
                WHERE p.channel_id = \(bind: channelID) AND p.message_id < \(bind: before ?? Int64.max)
                ORDER BY p.message_id DESC LIMIT \(bind: max(1, min(limit, 500)))
                """
            ).all().map(Self.decode)
        }
    }

    /// Posts the user may see (followed channels, inside `since`), newest first; `before` continues a listing
    /// strictly after the post with that publication time (milliseconds) and id.
    package func visible(
        userID: Int64, since: Date, limit: Int, before: (postedAt: Int64, id: Int64)? = nil
    ) async throws -> [Post] {
        let (beforeTime, beforeID) = before ?? (Int64.max, Int64.max)
        return try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.selectColumns) FROM posts p JOIN channels c ON c.id = p.channel_id
                JOIN subscriptions s ON s.channel_id = p.channel_id AND s.user_id = \(bind: userID) AND s.is_active = \(bind: true)
                WHERE p.posted_at >= \(bind: since.millis) AND p.is_service = \(bind: false)
                AND (p.posted_at < \(bind: beforeTime) OR (p.posted_at = \(bind: beforeTime) AND p.id < \(bind: beforeID)))
                ORDER BY p.posted_at DESC, p.id DESC LIMIT \(bind: max(1, min(limit, 1000)))
                """
            ).all().map(Self.decode)
        }
    }

    /// One post if the user may see it; nil otherwise (callers answer 404 either way).
    package func visible(postID: Int64, userID: Int64, since: Date) async throws -> Post? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.selectColumns) FROM posts p JOIN channels c ON c.id = p.channel_id
                JOIN subscriptions s ON s.channel_id = p.channel_id AND s.user_id = \(bind: userID) AND s.is_active = \(bind: true)
                WHERE p.id = \(bind: postID) AND p.posted_at >= \(bind: since.millis)
                """
            ).first().map(Self.decode)
        }
    }
}
