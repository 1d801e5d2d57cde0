import Foundation
import Logging
import Metrics
import TeleradarCore
import TeleradarStorage

/// Fetches new posts of channels: gap-free from the message-id cursor, however many arrived, idempotent,
/// FLOOD_WAIT honoured up to a cap, one failing channel never stopping the others, runs never overlapping.
package struct IngestionService: Sendable {
    package let channels: ChannelRepository
    package let posts: PostRepository
    package let source: any ChannelSource
    package let leases: LeaseStore
    package let jobs: JobQueue
    package let logger: Logger
    /// The subscribers' posts/day quota: new posts beyond it are deferred to the next day, never dropped.
    package let quota: PostQuota
    /// Longest FLOOD_WAIT honoured; a longer one fails the channel for this run (recorded) and the run goes on.
    package var floodWaitCap: Duration = .seconds(300)
    /// How many flood waits one channel may honour in one run.
    package var maxFloodWaits = 3
    /// Posts stored per transaction.
    package var batchSize = 1000
    /// Safety stop for a runaway source (pages per channel per run).
    package var maxPages = 100_000
    /// Sleeps; tests replace it with a recording clock.
    package var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A subscriber's ready TDLib session for a channel, if any: channels are fetched through it first, and
    /// through `source` (the web preview) without one or when it fails.
    package var sessionSource: (@Sendable (Channel) async -> (any ChannelSource)?)?

    package init(database: Database, source: any ChannelSource, logger: Logger) {
        channels = ChannelRepository(database: database)
        posts = PostRepository(database: database)
        leases = LeaseStore(database: database)
        jobs = JobQueue(database: database)
        quota = PostQuota(database: database)
        self.source = source
        self.logger = logger
    }

    /// The outcome for one channel.
    package struct ChannelResult: Sendable, Equatable {
        package var channel: String
        package var fetched = 0
        package var pages = 0
        package var stored = UpsertSummary()
        package var floodWaits: [Int] = []
        package var error: String?
        /// New posts left for a later run because the subscribers' posts/day quota is used up.
        package var deferred = 0
        /// The channel was held back by the posts/day quota (not fetched, or only partly stored).
        package var heldBack = false
    }

    /// Fetches and stores everything newer than the channel's cursor (plus the newest page again, to pick
    /// up edits and view counts), through a subscriber's TDLib session when one is ready, else (or when that
    /// fails) through `source`. Errors end up in the result, never thrown.
    package func parse(_ channel: Channel, now: @Sendable () -> Date = Date.init) async -> ChannelResult {
        if let session = await sessionSource?(channel) {
            let result = await parse(channel, through: session, now: now)
            guard result.error != nil else { return result }
            logger.notice(
                "channel not fetched through a subscriber's session; trying \(source.kind)",
                metadata: ["channel": "\(channel.username)"])
        }
        return await parse(channel, through: source, now: now)
    }

    /// `parse` through one source.
    func parse(_ channel: Channel, through source: any ChannelSource, now: @Sendable () -> Date) async
        -> ChannelResult
    {
        var result = ChannelResult(channel: channel.username)
        let started = ContinuousClock.now
        defer {
            Timer(label: "parsing_duration_seconds", dimensions: [("source", source.kind)])
                .record(duration: ContinuousClock.now - started)
        }
        do {
            let allowance = try await quota.allowance(channelID: channel.id, now: now())
            if allowance.exhausted {
                // Every subscriber used up today's posts: not fetched until the counters reset.
                result.heldBack = true
                try await quota.holdBack(channelID: channel.id, deferred: nil, allowance: allowance, now: now())
                logger.info(
                    "channel held back: its subscribers used up their posts/day",
                    metadata: ["channel": "\(channel.username)", "resets_at": "\(allowance.resetsAt)"])
                try await channels.recordParse(channelID: channel.id, error: nil, now: now())
                return result
            }
            let cursor = try await posts.lastMessageID(channelID: channel.id)
            var before: Int64? = nil
            var collected: [Int64: IncomingPost] = [:]
            while result.pages < maxPages {
                let page = try await fetchPage(channel.username, before: before, from: source, result: &result)
                result.pages += 1
                let fresh = page.posts.filter { $0.messageID > cursor }
                // The newest page is stored whole: older posts on it refresh their edits and views.
                for post in (result.pages == 1 ? page.posts : fresh) { collected[post.messageID] = post }
                let reachedCursor = page.posts.contains { $0.messageID <= cursor }
                guard !reachedCursor, let older = page.olderCursor, !page.posts.isEmpty else { break }
                if let before, older >= before { break }  // a source that does not move back: stop, do not loop
                before = older
            }
            result.fetched = collected.count
            // Oldest first, so a crash mid-way leaves the cursor below every post not yet stored: no gaps.
            var ordered = collected.values.sorted { $0.messageID < $1.messageID }
            // New posts past the largest remaining posts/day allowance wait for the next day: the cursor
            // stops at the last one stored, so the next run starts exactly there.
            let fresh = ordered.count(where: { $0.messageID > cursor })
            if let remaining = allowance.remaining, fresh > remaining {
                result.deferred = fresh - remaining
                ordered.removeLast(result.deferred)
            }
            for start in stride(from: 0, to: ordered.count, by: batchSize) {
                let batch = Array(ordered[start..<min(start + batchSize, ordered.count)])
                let summary = try await posts.upsert(channelID: channel.id, posts: batch, now: now())
                result.stored.add(summary)
                try await quota.charge(allowance, stored: summary.inserted, now: now())
                try await enqueueIndexing(summary.changedPostIDs, now: now())
            }
            Counter(label: "posts_parsed_total", dimensions: [("source", source.kind)]).increment(
                by: result.stored.inserted)
            try await recordDeferral(channel, result: &result, allowance: allowance, now: now())
            try await channels.recordParse(channelID: channel.id, error: nil, now: now())
        } catch {
            let message = (error as? SourceError)?.description ?? "\(error)"
            result.error = message
            Counter(label: "parsing_errors_total", dimensions: [("source", source.kind)]).increment()
            logger.warning("channel parse failed", metadata: ["channel": "\(channel.username)", "error": "\(message)"])
            try? await channels.recordParse(channelID: channel.id, error: message, now: now())
        }
        return result
    }

    private func fetchPage(
        _ username: String, before: Int64?, from source: any ChannelSource, result: inout ChannelResult
    ) async throws -> SourcePage {
        while true {
            do {
                return try await source.page(username: username, before: before)
            } catch SourceError.floodWait(let seconds) {
                Counter(label: "flood_waits_total", dimensions: [("source", source.kind)]).increment()
                result.floodWaits.append(seconds)
                guard Duration.seconds(seconds) <= floodWaitCap, result.floodWaits.count <= maxFloodWaits else {
                    throw IngestionError.floodWaitTooLong(seconds: seconds, cap: Int(floodWaitCap.components.seconds))
                }
                logger.notice("flood wait", metadata: ["channel": "\(username)", "seconds": "\(seconds)"])
                try await sleep(.seconds(seconds))
            }
        }
    }

    /// Records the posts a run deferred (log, `posts_deferred_total`, the channel's hold), or ends the hold of a
    /// channel whose backlog is now stored.
    private func recordDeferral(
        _ channel: Channel, result: inout ChannelResult, allowance: PostQuota.Allowance, now: Date
    ) async throws {
        guard result.deferred > 0 else {
            if try await quota.hold(channelID: channel.id, now: now) != nil {
                try await quota.release(channelID: channel.id)
            }
            return
        }
        result.heldBack = true
        Counter(label: "posts_deferred_total").increment(by: result.deferred)
        logger.notice(
            "new posts deferred: the subscribers' posts/day quota is used up",
            metadata: [
                "channel": "\(channel.username)", "stored": "\(result.stored.inserted)",
                "deferred": "\(result.deferred)",
                "resets_at": "\(allowance.resetsAt)",
            ])
        try await quota.holdBack(channelID: channel.id, deferred: result.deferred, allowance: allowance, now: now)
    }

    private func enqueueIndexing(_ ids: [Int64], now: Date) async throws {
        for start in stride(from: 0, to: ids.count, by: 64) {
            let chunk = Array(ids[start..<min(start + 64, ids.count)])
            try await jobs.enqueue(
                try NewJob(kind: JobKind.indexPosts, payload: IndexPostsPayload(postIDs: chunk), priority: 0), now: now)
        }
    }

    /// One scheduled run over every channel with subscribers (or just `only`), under a lease so runs never
    /// overlap across processes. Returns nil when another run holds the lease.
    package func runAll(only: String? = nil, holder: String, leaseTTL: Duration = .seconds(3600)) async throws
        -> [ChannelResult]?
    {
        guard try await leases.acquire("parse-run", holder: holder, ttl: leaseTTL) else {
            logger.info("a parse run is already in progress elsewhere; skipping")
            return nil
        }
        do {
            let results = try await runChannels(only: only, holder: holder, leaseTTL: leaseTTL)
            try? await leases.release("parse-run", holder: holder)
            return results
        } catch {
            try? await leases.release("parse-run", holder: holder)
            throw error
        }
    }

    private func runChannels(only: String?, holder: String, leaseTTL: Duration) async throws -> [ChannelResult] {
        var targets = try await channels.channelsWithSubscribers()
        if let only {
            let name = try ChannelName(parsing: only).value
            guard let channel = try await channels.find(username: name) else {
                throw DomainError.notFound("channel @\(name) is not known; add it first")
            }
            targets = [channel]
        }
        var results: [ChannelResult] = []
        for channel in targets {
            if Task.isCancelled { break }
            results.append(await parse(channel))
            _ = try? await leases.acquire("parse-run", holder: holder, ttl: leaseTTL)  // keep it while working
        }
        return results
    }
}

/// Ingestion failures.
package enum IngestionError: Error, Sendable, Equatable, CustomStringConvertible {
    case floodWaitTooLong(seconds: Int, cap: Int)

    package var description: String {
        switch self {
        case .floodWaitTooLong(let seconds, let cap):
            "Telegram asked to wait \(seconds) s, more than the \(cap) s cap; the channel is retried next run"
        }
    }
}

/// Job kinds of the pipeline.
package enum JobKind {
    /// Embed and index posts (payload `IndexPostsPayload`).
    package static let indexPosts = "index_posts"
}

/// Payload of an `index_posts` job.
package struct IndexPostsPayload: Codable, Sendable {
    package var postIDs: [Int64]
    enum CodingKeys: String, CodingKey { case postIDs = "post_ids" }
    /// A payload for these posts.
    package init(postIDs: [Int64]) { self.postIDs = postIDs }
}
