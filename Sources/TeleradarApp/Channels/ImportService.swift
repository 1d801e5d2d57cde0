import Foundation
import Logging
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

/// Imports a Telegram Desktop export (`result.json`) into a channel, streaming, in batches.
///
/// Each batch is one transaction and upserts are idempotent, so an import that stops (a malformed message
/// half-way, a kill) can be re-run after fixing the cause: posts already stored are counted as unchanged,
/// nothing is duplicated and nothing half-written stays behind.
package struct ImportService: Sendable {
    package let channels: ChannelRepository
    package let posts: PostRepository
    package let jobs: JobQueue
    package let logger: Logger
    package var batchSize = 2000

    package init(database: Database, logger: Logger) {
        channels = ChannelRepository(database: database)
        posts = PostRepository(database: database)
        jobs = JobQueue(database: database)
        self.logger = logger
    }

    /// The outcome of an import.
    package struct Summary: Sendable, Equatable, Codable {
        package var channel: String
        package var new = 0
        package var updated = 0
        package var unchanged = 0
        /// Service messages and unsupported entries, kept out of the channel's posts.
        package var skipped = 0
        package var messagesRead = 0
    }

    /// A failed import: how far it got, and why.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var summary: Summary
        package var reason: String
        package var description: String {
            "\(reason) — \(summary.new) new posts were stored before the error; fix the file and run the import again (stored posts are not duplicated)"
        }
    }

    /// Imports `path` into the channel `channelName` (required: exports do not carry the public @name),
    /// optionally subscribing `userID`. `progress` is called as bytes are read.
    package func run(
        path: String, channelName: String, subscribe userID: Int64? = nil, indexAfterImport: Bool = true,
        progress: (@Sendable (DesktopExportProgress) -> Void)? = nil, now: Date = Date()
    ) async throws -> Summary {
        let name = try ChannelName(parsing: channelName)
        let reader = try DesktopExportReader(path: path)
        let header = try reader.readHeader()
        // The channel is created with the first batch, so a file that fails before any post changes nothing.
        var channelID: Int64?
        let channelFor: () async throws -> Int64 = { [channels] in
            if let channelID { return channelID }
            let channel = try await channels.upsert(
                ChannelInfo(username: name.value, title: header.name ?? name.value, telegramID: header.id),
                sourceKind: "export", now: now)
            if let userID { try await channels.subscribe(userID: userID, channelID: channel.id, now: now) }
            channelID = channel.id
            return channel.id
        }
        var summary = Summary(channel: name.value)
        let cursor = try reader.openCursor(progress: progress)
        var batch: [IncomingPost] = []
        batch.reserveCapacity(batchSize)
        // Pipelined: while one batch is written (the database's single writer), the next is read, decoded
        // and prepared (stems, JSON columns) on the other cores. Batches still commit in file order.
        var inFlight: Task<UpsertSummary, any Error>?
        func settle() async throws {
            guard let task = inFlight else { return }
            inFlight = nil
            let result = try await task.value
            summary.new += result.inserted
            summary.updated += result.updated
            summary.unchanged += result.unchanged
        }
        func submit() async throws {
            guard !batch.isEmpty else { return }
            let prepared = await PreparedPost.prepare(batch)
            batch.removeAll(keepingCapacity: true)
            let channelID = try await channelFor()
            try await settle()
            inFlight = Task { [self] in
                try await store(prepared, channelID: channelID, index: indexAfterImport, now: now)
            }
        }
        do {
            while let post = try cursor.next() {
                summary.messagesRead += 1
                if post.isService {
                    summary.skipped += 1
                    continue
                }
                batch.append(post)
                if batch.count >= batchSize { try await submit() }
            }
            try await submit()
            try await settle()
        } catch let error as DesktopExportError {
            try await settle()
            throw Failure(summary: summary, reason: error.description)
        } catch {
            try? await settle()
            throw error
        }
        summary.skipped += cursor.unsupportedSkipped
        logger.info(
            "import finished",
            metadata: ["channel": "\(name.value)", "new": "\(summary.new)", "updated": "\(summary.updated)"])
        return summary
    }

    private func store(_ batch: [PreparedPost], channelID: Int64, index: Bool, now: Date) async throws -> UpsertSummary
    {
        let result = try await posts.upsert(channelID: channelID, prepared: batch, now: now)
        guard index, !result.changedPostIDs.isEmpty else { return result }
        // Index jobs of 64 posts, all of a batch in one transaction (one per job held the writer 30 times longer).
        let changed = result.changedPostIDs
        let newJobs = try stride(from: 0, to: changed.count, by: 64).map { start in
            try NewJob(
                kind: JobKind.indexPosts,
                payload: IndexPostsPayload(postIDs: Array(changed[start..<min(start + 64, changed.count)])))
        }
        try await jobs.database.write { db in
            for job in newJobs { try await JobQueue.enqueue(job, now: now, on: db) }
        }
        return result
    }
}
