import Foundation
import SQLKit
import TeleradarCore

/// Channels (global, unique by username) and the subscriptions linking users to them.
package struct ChannelRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    static func decode(_ row: any SQLRow) throws -> Channel {
        Channel(
            id: try row.decode(column: "id", as: Int64.self),
            username: try row.decode(column: "username", as: String.self),
            telegramID: try row.decode(column: "telegram_id", as: Int64?.self),
            title: try row.decode(column: "title", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            avatarURL: try row.decode(column: "avatar_url", as: String?.self),
            sourceKind: try row.decode(column: "source_kind", as: String.self),
            lastMessageID: try row.decode(column: "last_message_id", as: Int64.self),
            lastParsedAt: try row.optionalDate("last_parsed_at"),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: try row.date("created_at"))
    }

    /// Creates the channel or refreshes what the source says about it.
    package func upsert(_ info: ChannelInfo, sourceKind: String, now: Date = Date()) async throws -> Channel {
        let username = info.username.lowercased()
        return try await database.write { db in
            try await db.insert(into: "channels")
                .columns("username", "telegram_id", "title", "description", "avatar_url", "source_kind", "created_at")
                .values(
                    SQLBind(username), SQLBind(info.telegramID), SQLBind(String(info.title.prefix(500))),
                    SQLBind(String(info.description.prefix(5000))), SQLBind(info.avatarURL), SQLBind(sourceKind),
                    SQLBind(now.millis)
                )
                .onConflict(with: ["username"]) { update in
                    update.set(excludedValueOf: "title").set(excludedValueOf: "description")
                        .set(excludedValueOf: "avatar_url")
                        .set(SQLColumn("telegram_id"), to: SQLFunction("coalesce", args: SQLColumn("telegram_id", table: "excluded"), SQLColumn("telegram_id", table: "channels")))
                }
                .run()
            guard let channel = try await Self.find(username: username, on: db) else {
                throw StorageError.corruptRow("channel \(username) vanished")
            }
            return channel
        }
    }

    static func find(username: String, on db: any SQLDatabase) async throws -> Channel? {
        try await db.select().columns("*").from("channels").where("username", .equal, username.lowercased()).first()
            .map(decode)
    }

    package func find(username: String) async throws -> Channel? {
        try await database.read { db in try await Self.find(username: username, on: db) }
    }

    package func find(id: Int64) async throws -> Channel? {
        try await database.read { db in
            try await db.select().columns("*").from("channels").where("id", .equal, id).first().map(Self.decode)
        }
    }

    /// Follows a channel (again). Returns false when the user already followed it.
    @discardableResult
    package func subscribe(userID: Int64, channelID: Int64, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            let existing = try await db.select().column("is_active").from("subscriptions")
                .where("user_id", .equal, userID).where("channel_id", .equal, channelID).first()
            if let existing {
                if try existing.bool("is_active") { return false }
                try await db.update("subscriptions").set("is_active", to: SQLBind(true))
                    .set("created_at", to: SQLBind(now.millis))
                    .where("user_id", .equal, userID).where("channel_id", .equal, channelID).run()
                return true
            }
            try await db.insert(into: "subscriptions").columns("user_id", "channel_id", "is_active", "created_at")
                .values(SQLBind(userID), SQLBind(channelID), SQLBind(true), SQLBind(now.millis)).run()
            return true
        }
    }

    /// Stops following. Returns false when the user did not follow it.
    package func unsubscribe(userID: Int64, channelID: Int64) async throws -> Bool {
        try await database.write { db in
            try await db.update("subscriptions").set("is_active", to: SQLBind(false))
                .where("user_id", .equal, userID).where("channel_id", .equal, channelID)
                .where("is_active", .equal, SQLBind(true))
                .returning(SQLColumn("channel_id")).all().isEmpty == false
        }
    }

    /// Whether the user follows the channel.
    package func isSubscribed(userID: Int64, channelID: Int64) async throws -> Bool {
        try await database.read { db in
            try await db.select().column("channel_id").from("subscriptions").where("user_id", .equal, userID)
                .where("channel_id", .equal, channelID).where("is_active", .equal, SQLBind(true)).first() != nil
        }
    }

    /// The channels a user follows, by username.
    package func channels(userID: Int64) async throws -> [Channel] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT c.* FROM channels c JOIN subscriptions s ON s.channel_id = c.id
                WHERE s.user_id = \(bind: userID) AND s.is_active = \(bind: true) ORDER BY c.username
                """
            ).all().map(Self.decode)
        }
    }

    /// Ids of the channels a user follows.
    package func channelIDs(userID: Int64) async throws -> [Int64] {
        try await database.read { db in
            try await db.select().column("channel_id").from("subscriptions").where("user_id", .equal, userID)
                .where("is_active", .equal, SQLBind(true)).all().map { try $0.decode(column: "channel_id", as: Int64.self) }
        }
    }

    /// Channels with at least one active subscriber: what the scheduled parse visits.
    package func channelsWithSubscribers() async throws -> [Channel] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM channels c WHERE EXISTS (
                    SELECT 1 FROM subscriptions s WHERE s.channel_id = c.id AND s.is_active = \(bind: true))
                ORDER BY c.id
                """
            ).all().map(Self.decode)
        }
    }

    /// Records the outcome of a parse run of a channel.
    package func recordParse(channelID: Int64, error: String?, now: Date = Date()) async throws {
        try await database.write { db in
            try await db.update("channels").set("last_parsed_at", to: SQLBind(now.millis))
                .set("last_error", to: SQLBind(error.map { String($0.prefix(1000)) }))
                .where("id", .equal, channelID).run()
        }
    }
}
