import Foundation
import SQLKit
import TeleradarCore

extension PostRepository {
    /// Ids bound per statement when deleting by message id.
    static let deleteChunkSize = 1000

    /// Deletes a channel's posts by (public) message id, with their vectors, in one transaction; the keyword
    /// index follows (FTS5 triggers on SQLite, the GIN index on PostgreSQL). Returns the
    /// ids of the posts deleted (message ids not stored are skipped), so callers can drop them from the
    /// in-memory vector index.
    @discardableResult
    package func delete(channelID: Int64, messageIDs: [Int64]) async throws -> [Int64] {
        let unique = Array(Set(messageIDs)).sorted()
        guard !unique.isEmpty else { return [] }
        return try await database.write { db in
            var deleted: [Int64] = []
            for start in stride(from: 0, to: unique.count, by: Self.deleteChunkSize) {
                let chunk = Array(unique[start..<min(start + Self.deleteChunkSize, unique.count)])
                let ids = try await db.select().column("id").from("posts").where("channel_id", .equal, channelID)
                    .where("message_id", .in, chunk).all().map { try $0.decode(column: "id", as: Int64.self) }
                guard !ids.isEmpty else { continue }
                // The foreign key cascades too; deleting explicitly keeps this independent of `foreign_keys`.
                try await db.delete(from: "post_vectors").where("post_id", .in, ids).run()
                try await db.delete(from: "posts").where("id", .in, ids).run()
                deleted += ids
            }
            return deleted
        }
    }

    /// The post id stored for each of a channel's (public) message ids; message ids not stored are absent.
    package func postIDs(channelID: Int64, messageIDs: [Int64]) async throws -> [Int64: Int64] {
        guard !messageIDs.isEmpty else { return [:] }
        return try await database.read { db in
            var result: [Int64: Int64] = [:]
            for row in try await db.select().columns("id", "message_id").from("posts")
                .where("channel_id", .equal, channelID).where("message_id", .in, Array(Set(messageIDs))).all()
            {
                result[try row.decode(column: "message_id", as: Int64.self)] = try row.decode(
                    column: "id", as: Int64.self)
            }
            return result
        }
    }
}
