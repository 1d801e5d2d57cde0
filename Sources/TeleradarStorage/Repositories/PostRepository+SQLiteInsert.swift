import Foundation
import SQLiteNIO
import TeleradarCore

extension PostRepository {
    /// Inserts new posts on SQLite through the writer connection directly (inside the caller's transaction) and
    /// returns their ids.
    ///
    /// SQLKit serializes a statement by visiting every bound value as an existential and converting each with
    /// dynamic casts; for a 2,000-row insert that was a seventh of an import's time, spent while holding the
    /// single writer. Here the values are `SQLiteData` from the start and the statement text is built once per
    /// size. Same columns and values as the SQLKit insert used on PostgreSQL.
    static func insertSQLite(
        _ fresh: [PreparedPost], channelID: Int64, now: Date, connection: SQLiteConnection
    ) async throws -> [Int64] {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(fresh.count * 13)
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        func integer(_ value: Int64?) -> SQLiteData { value.map { .integer(Int($0)) } ?? .null }
        for item in fresh {
            let post = item.post
            binds.append(.integer(Int(post.messageID)))
            binds.append(.text(post.text))
            binds.append(.text(item.entities))
            binds.append(.text(item.links))
            binds.append(integer(post.views.map(Int64.init)))
            binds.append(text(post.forwardedFrom))
            binds.append(text(post.mediaKind?.rawValue))
            binds.append(integer(post.replyToMessageID))
            binds.append(text(post.author))
            binds.append(.text(item.extra))
            binds.append(.integer(Int(post.postedAt.millis)))
            binds.append(integer(post.editedAt?.millis))
            binds.append(.text(item.searchText))
        }
        let rows = try await connection.query(
            insertStatement(rows: fresh.count, channelID: channelID, now: now.millis), binds)
        return try rows.map { row in
            guard let id = row.column("id")?.integer else {
                throw StorageError.unsupported("INSERT … RETURNING id gave no id")
            }
            return Int64(id)
        }
    }

    /// `INSERT INTO posts (…) VALUES (…), … RETURNING id` for `rows` rows: 13 placeholders a row, the channel and
    /// the time as literals.
    static func insertStatement(rows: Int, channelID: Int64, now: Int64) -> String {
        let row = "(\(channelID), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(now), \(now))"
        var sql = "INSERT INTO posts (" + insertColumns.joined(separator: ", ") + ") VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * (row.utf8.count + 2) + 16)
        for index in 0..<rows {
            if index > 0 { sql += ", " }
            sql += row
        }
        sql += " RETURNING id"
        return sql
    }
}
