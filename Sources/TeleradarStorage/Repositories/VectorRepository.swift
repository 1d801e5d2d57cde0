import Foundation
import SQLKit

/// One stored embedding.
package struct StoredVector: Sendable, Equatable {
    package var postID: Int64
    package var chunk: Int
    package var channelID: Int64
    package var postedAt: Date
    package var vector: [Float]
}

/// Embeddings in `post_vectors`, stored with their model id (little-endian Float32), removed with their
/// post by the foreign key's cascade.
package struct VectorRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Replaces a post's vectors for `model` with `vectors` (one per chunk) and marks the post indexed.
    package func store(postID: Int64, model: String, vectors: [[Float]], now: Date = Date()) async throws {
        try await database.write { db in
            try await db.delete(from: "post_vectors").where("post_id", .equal, postID).run()
            for (chunk, vector) in vectors.enumerated() {
                try await db.insert(into: "post_vectors").columns("post_id", "chunk", "model", "dims", "vector", "created_at")
                    .values(
                        SQLBind(postID), SQLBind(chunk), SQLBind(model), SQLBind(vector.count), SQLBind(Self.encode(vector)),
                        SQLBind(now.millis)
                    ).run()
            }
            try await db.update("posts").set("indexing_status", to: SQLBind(vectors.isEmpty ? "skipped" : "done"))
                .where("id", .equal, postID).run()
        }
    }

    /// Marks posts whose indexing failed for good.
    package func markFailed(postIDs: [Int64]) async throws {
        guard !postIDs.isEmpty else { return }
        try await database.write { db in
            try await db.update("posts").set("indexing_status", to: SQLBind("failed")).where("id", .in, postIDs).run()
        }
    }

    /// Every vector of `model`, in pages, for rebuilding the in-memory index at start.
    package func forEach(model: String, pageSize: Int = 5000, _ body: ([StoredVector]) async throws -> Void) async throws {
        var after: (Int64, Int) = (0, -1)
        while true {
            let rows = try await database.read { [after] db in
                try await db.raw(
                    """
                    SELECT v.post_id, v.chunk, v.vector, p.channel_id, p.posted_at FROM post_vectors v
                    JOIN posts p ON p.id = v.post_id
                    WHERE v.model = \(bind: model) AND (v.post_id > \(bind: after.0) OR (v.post_id = \(bind: after.0) AND v.chunk > \(bind: after.1)))
                    ORDER BY v.post_id, v.chunk LIMIT \(bind: pageSize)
                    """
                ).all().map { row in
                    StoredVector(
                        postID: try row.decode(column: "post_id", as: Int64.self),
                        chunk: try row.decode(column: "chunk", as: Int.self),
                        channelID: try row.decode(column: "channel_id", as: Int64.self),
                        postedAt: try row.date("posted_at"),
                        vector: Self.decode(try row.decode(column: "vector", as: Data.self)))
                }
            }
            guard let last = rows.last else { return }
            try await body(rows)
            after = (last.postID, last.chunk)
        }
    }

    /// A post's stored vectors of `model`, by chunk (empty when it is not indexed).
    package func vectors(postID: Int64, model: String) async throws -> [[Float]] {
        try await database.read { db in
            try await db.select().column("vector").from("post_vectors").where("post_id", .equal, postID)
                .where("model", .equal, model).orderBy("chunk").all()
                .map { Self.decode(try $0.decode(column: "vector", as: Data.self)) }
        }
    }

    /// How many vectors of `model` exist, and of other models (a model change means re-embedding).
    package func counts() async throws -> [String: Int] {
        try await database.read { db in
            var result: [String: Int] = [:]
            for row in try await db.raw("SELECT model, count(*) AS n FROM post_vectors GROUP BY model").all() {
                result[try row.decode(column: "model", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return result
        }
    }

    /// Deletes vectors of every model but `model` and sends their posts back to indexing.
    package func resetOtherModels(keeping model: String) async throws -> Int {
        try await database.write { db in
            try await db.raw(
                """
                UPDATE posts SET indexing_status = 'pending'
                WHERE id IN (SELECT post_id FROM post_vectors WHERE model <> \(bind: model))
                """
            ).run()
            return try await db.delete(from: "post_vectors").where("model", .notEqual, model)
                .returning(SQLColumn("post_id")).all().count
        }
    }

    /// Ids of posts waiting for embeddings, newest first.
    package func pendingPostIDs(limit: Int = 1000) async throws -> [Int64] {
        try await database.read { db in
            try await db.select().column("id").from("posts").where("indexing_status", .equal, "pending")
                .where("is_service", .equal, SQLBind(false)).orderBy("posted_at", .descending).limit(limit).all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    /// Indexing progress over a set of channels: done, pending, failed/skipped.
    package func status(channelIDs: [Int64]) async throws -> [String: Int] {
        guard !channelIDs.isEmpty else { return [:] }
        return try await database.read { db in
            var result: [String: Int] = [:]
            for row in try await db.raw(
                "SELECT indexing_status AS s, count(*) AS n FROM posts WHERE channel_id IN (\(binds: channelIDs)) GROUP BY indexing_status"
            ).all() {
                result[try row.decode(column: "s", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return result
        }
    }

    /// Little-endian Float32 bytes of a vector.
    package static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A vector from little-endian Float32 bytes.
    package static func decode(_ data: Data) -> [Float] {
        let count = data.count / 4
        var result = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                result[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        }
        return result
    }
}
