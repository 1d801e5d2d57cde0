import Foundation
import SQLKit
import TeleradarCore

/// Server-side sessions in `sessions` (admin panel sessions). The clear token is returned once; only its
/// SHA-256 hash is stored, so a database leak reveals no usable session.
package struct SessionRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Prefix of every session token.
    package static let prefix = "trs_"

    /// A session as stored.
    package struct Session: Sendable, Equatable {
        package var kind: String
        package var userID: Int64
        package var expiresAt: Date
    }

    static func hash(_ token: String) -> String { APIToken.hash(token) }

    /// Creates a session of `kind` for a user, valid for `ttl`; returns the clear token.
    package func create(kind: String, userID: Int64, ttl: Duration, now: Date = Date()) async throws -> (
        token: String, expiresAt: Date
    ) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = Self.prefix + bytes.map { String(format: "%02x", $0) }.joined()
        let expiresAt = now.addingTimeInterval(Double(ttl.components.seconds))
        try await database.write { db in
            try await db.insert(into: "sessions").columns("id", "kind", "user_id", "expires_at", "created_at")
                .values(
                    SQLBind(Self.hash(token)), SQLBind(kind), SQLBind(userID), SQLBind(expiresAt.millis),
                    SQLBind(now.millis)
                )
                .run()
        }
        return (token, expiresAt)
    }

    /// The unexpired session of `kind` with this token, or nil.
    package func find(token: String, kind: String, now: Date = Date()) async throws -> Session? {
        guard token.hasPrefix(Self.prefix), token.count == Self.prefix.count + 64,
            token.dropFirst(Self.prefix.count).allSatisfy(\.isHexDigit)
        else { return nil }
        return try await database.read { db in
            guard
                let row = try await db.select().columns("kind", "user_id", "expires_at").from("sessions")
                    .where("id", .equal, Self.hash(token)).where("kind", .equal, kind)
                    .where("expires_at", .greaterThan, now.millis).first(),
                let userID = try row.decode(column: "user_id", as: Int64?.self)
            else { return nil }
            return Session(kind: kind, userID: userID, expiresAt: try row.date("expires_at"))
        }
    }

    /// Ends a session; false when there was none.
    package func delete(token: String) async throws -> Bool {
        try await database.write { db in
            try await db.delete(from: "sessions").where("id", .equal, Self.hash(token)).returning(SQLColumn("id")).all()
                .isEmpty == false
        }
    }

    /// Deletes expired sessions; returns how many.
    package func purgeExpired(now: Date = Date()) async throws -> Int {
        try await database.write { db in
            try await db.delete(from: "sessions").where("expires_at", .lessThanOrEqual, now.millis)
                .returning(SQLColumn("id")).all().count
        }
    }
}
