import Foundation
import SQLKit

extension KVCache {
    /// Every live (not expired) entry of `namespace`, in key order.
    package func entries(_ namespace: String, now: Date = Date(), limit: Int = 1000) async throws -> [(
        key: String, value: Data
    )] {
        try await database.read { db in
            try await db.select().column("key").column("value").from("kv").where("namespace", .equal, namespace)
                .where { $0.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, now.millis) }
                .orderBy("key").limit(limit)
                .all().map {
                    (try $0.decode(column: "key", as: String.self), try $0.decode(column: "value", as: Data.self))
                }
        }
    }
}
