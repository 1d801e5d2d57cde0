import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection behind a FIFO lock (SQLite allows one writer at a time) and a
/// small pool of read-only connections, all on a private thread pool.
package final class SQLiteDriver: DatabaseDriver {
    package let kind = DatabaseKind.sqlite
    private let writer: SQLiteConnection
    private let writerLock = AsyncSemaphore(permits: 1)
    private let readers: ConnectionPool
    private let threadPool: NIOThreadPool
    private let logger: Logger

    private init(
        writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, logger: Logger
    ) {
        self.writer = writer
        self.readers = ConnectionPool(readers)
        self.threadPool = threadPool
        self.logger = logger
    }

    /// Opens (creating if needed) the database file and its folder.
    package static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteDriver {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StorageError.connectionFailed("cannot create folder \(directory): \(error.localizedDescription)")
            }
        }
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            let writer = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            for pragma in [
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 15000", "PRAGMA temp_store = MEMORY",
                // 32 MB of page cache for the single writer (SQLite's default is 2 MB): bulk imports touch the
                // posts B-trees and the keyword index all over, and re-reading pages was a tenth of their time.
                "PRAGMA cache_size = -32768",
                // Copy the WAL into the database every ~40 MB instead of every 4 MB: a page rewritten many times
                // between checkpoints (keyword index segments, B-tree pages) is copied once.
                "PRAGMA wal_autocheckpoint = 10000",
            ] {
                _ = try await writer.query(pragma)
            }
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
                for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 15000", "PRAGMA query_only = ON"] {
                    _ = try await reader.query(pragma)
                }
                readers.append(reader)
            }
            return SQLiteDriver(writer: writer, readers: readers, threadPool: threadPool, logger: logger)
        } catch let error as StorageError {
            try? await threadPool.shutdownGracefully()
            throw error
        } catch {
            try? await threadPool.shutdownGracefully()
            throw StorageError.connectionFailed("SQLite at \(path): \(error)")
        }
    }

    package func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { connection in try await body(connection.sql()) }
    }

    package func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writerLock.withPermit {
            let db = writer.sql()
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let value = try await body(db)
                try await db.raw("COMMIT").run()
                return value
            } catch {
                // In a task of its own: a cancelled caller (the usual reason to be here) must not cancel the
                // ROLLBACK too, or the connection stays inside the transaction.
                do { try await Task { try await db.raw("ROLLBACK").run() }.value } catch {
                    logger.error("SQLite ROLLBACK failed", metadata: ["error": "\(error)"])
                }
                throw error
            }
        }
    }

    /// The writer connection itself, for statements SQLKit would spend long serializing (the bulk insert of
    /// posts). Only valid inside `withTransaction`, whose lock it relies on.
    package var connectionInTransaction: SQLiteConnection { writer }

    package func shutdown() async {
        for connection in [writer] + readers.all {
            try? await connection.close()
        }
        try? await threadPool.shutdownGracefully()
    }

    /// A fixed set of connections lent one task at a time.
    private final class ConnectionPool: Sendable {
        let all: [SQLiteConnection]
        private let free: FreeList
        init(_ connections: [SQLiteConnection]) {
            all = connections
            free = FreeList(connections)
        }
        func with<T: Sendable>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
            let connection = try await free.take()
            do {
                let value = try await body(connection)
                await free.give(connection)
                return value
            } catch {
                await free.give(connection)
                throw error
            }
        }
    }

    private actor FreeList {
        private var connections: [SQLiteConnection]
        private let semaphore: AsyncSemaphore
        init(_ connections: [SQLiteConnection]) {
            self.connections = connections
            semaphore = AsyncSemaphore(permits: connections.count)
        }
        func take() async throws -> SQLiteConnection {
            try await semaphore.acquire()
            return connections.removeLast()
        }
        func give(_ connection: SQLiteConnection) async {
            connections.append(connection)
            await semaphore.release()
        }
    }
}
