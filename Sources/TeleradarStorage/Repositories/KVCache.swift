import Foundation
import SQLKit

/// A key-value cache with per-entry expiry (embeddings 24 h, answers 1 h…), shared by all replicas.
package struct KVCache: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// The value, if present and not expired.
    package func get(_ namespace: String, _ key: String, now: Date = Date()) async throws -> Data? {
        try await database.read { db in
            try await db.select().column("value").from("kv").where("namespace", .equal, namespace)
                .where("key", .equal, key)
                .where { $0.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, now.millis) }
                .first()?.decode(column: "value", as: Data.self)
        }
    }

    /// Stores a value for `ttl` (forever when `nil`).
    package func set(_ namespace: String, _ key: String, value: Data, ttl: Duration?, now: Date = Date()) async throws {
        let expires = ttl.map { now.addingTimeInterval(Double($0.components.seconds)).millis }
        try await database.write { db in
            try await db.insert(into: "kv").columns("namespace", "key", "value", "expires_at")
                .values(SQLBind(namespace), SQLBind(key), SQLBind(value), SQLBind(expires))
                .onConflict(with: ["namespace", "key"]) { $0.set(excludedValueOf: "value").set(excludedValueOf: "expires_at") }
                .run()
        }
    }

    /// Reads a JSON value.
    package func getJSON<T: Decodable>(_ namespace: String, _ key: String, as type: T.Type, now: Date = Date()) async throws -> T? {
        guard let data = try await get(namespace, key, now: now) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    /// Stores a JSON value.
    package func setJSON(_ namespace: String, _ key: String, value: some Encodable, ttl: Duration?, now: Date = Date()) async throws {
        try await set(namespace, key, value: try JSONEncoder().encode(value), ttl: ttl, now: now)
    }

    /// Removes one entry.
    package func delete(_ namespace: String, _ key: String) async throws {
        try await database.write { db in
            try await db.delete(from: "kv").where("namespace", .equal, namespace).where("key", .equal, key).run()
        }
    }

    /// Removes every expired entry; returns how many.
    package func purgeExpired(now: Date = Date()) async throws -> Int {
        try await database.write { db in
            try await db.delete(from: "kv").where("expires_at", .lessThanOrEqual, now.millis)
                .returning(SQLColumn("key")).all().count
        }
    }
}
