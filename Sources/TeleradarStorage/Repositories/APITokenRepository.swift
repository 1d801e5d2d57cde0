import Foundation
import SQLKit
import TeleradarCore

/// A stored API token (its hash only).
package struct APITokenRecord: Sendable, Equatable, Codable {
    package var id: Int64
    package var userID: Int64
    package var prefix: String
    package var name: String
    package var createdAt: Date
    package var lastUsedAt: Date?
    package var revokedAt: Date?
}

/// API tokens, stored as SHA-256 hashes; revocable.
package struct APITokenRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Creates a token for a user and returns it in clear text — the only time it is visible.
    package func create(userID: Int64, name: String = "", now: Date = Date()) async throws -> (token: String, record: APITokenRecord) {
        let (token, hash, prefix) = APIToken.generate()
        let trimmedName = String(name.prefix(100))
        let id = try await database.write { db in
            let row = try await db.insert(into: "api_tokens")
                .columns("user_id", "token_hash", "prefix", "name", "created_at")
                .values(SQLBind(userID), SQLBind(hash), SQLBind(prefix), SQLBind(trimmedName), SQLBind(now.millis))
                .returning(SQLColumn("id")).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw StorageError.corruptRow("INSERT INTO api_tokens returned no id")
            }
            return id
        }
        return (token, APITokenRecord(id: id, userID: userID, prefix: prefix, name: trimmedName, createdAt: now))
    }

    /// The owner and id of a valid, unrevoked token; `nil` otherwise.
    package func authenticate(token: String, now: Date = Date()) async throws -> (userID: Int64, tokenID: Int64)? {
        guard APIToken.looksValid(token) else { return nil }
        let hash = APIToken.hash(token)
        return try await database.read { db in
            guard
                let row = try await db.select().columns("user_id", "id").from("api_tokens").where("token_hash", .equal, hash)
                    .where("revoked_at", .is, SQLLiteral.null).first()
            else { return nil }
            return (try row.decode(column: "user_id", as: Int64.self), try row.decode(column: "id", as: Int64.self))
        }
    }

    /// Records use of a token (best effort, at most once a minute per token is enough for display).
    package func touch(token: String, now: Date = Date()) async throws {
        let hash = APIToken.hash(token)
        try await database.write { db in
            try await db.update("api_tokens").set("last_used_at", to: SQLBind(now.millis))
                .where("token_hash", .equal, hash).run()
        }
    }

    /// A user's tokens, newest first.
    package func list(userID: Int64) async throws -> [APITokenRecord] {
        try await database.read { db in
            try await db.select().columns("*").from("api_tokens").where("user_id", .equal, userID)
                .orderBy("id", .descending).all()
                .map { row in
                    APITokenRecord(
                        id: try row.decode(column: "id", as: Int64.self),
                        userID: try row.decode(column: "user_id", as: Int64.self),
                        prefix: try row.decode(column: "prefix", as: String.self),
                        name: try row.decode(column: "name", as: String.self),
                        createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"),
                        revokedAt: try row.optionalDate("revoked_at"))
                }
        }
    }

    /// Revokes one of the user's tokens; false when the user has no such active token.
    package func revoke(tokenID: Int64, userID: Int64, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(now.millis))
                .where("id", .equal, tokenID).where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null)
                .returning(SQLColumn("id")).all().isEmpty == false
        }
    }

    /// Revokes every active token of a user; returns how many.
    package func revokeAll(userID: Int64, now: Date = Date()) async throws -> Int {
        try await database.write { db in
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(now.millis))
                .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null)
                .returning(SQLColumn("id")).all().count
        }
    }
}
