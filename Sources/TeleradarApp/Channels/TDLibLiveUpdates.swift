import Foundation
import Logging
import Metrics
import ServiceLifecycle
import TeleradarSearch
import TeleradarStorage
import TeleradarTelegram

/// Applies a logged-in TDLib session's live updates to storage: new posts of followed channels are stored
/// and queued for indexing, edits replace the stored text, permanent deletions remove posts with their
/// vectors. Chats that are not followed channels are ignored (see ``followedChannel(chatID:)``).
///
/// One update is applied at a time, in TDLib's order; a failing update is logged and counted, never ending
/// the loop. `run()` ends on graceful shutdown (after the update being applied), on cancellation, or when the
/// TDLib instance closes. As a `Service` in a group, give it `successTerminationBehavior: .ignore` unless a
/// closed session should stop the process.
package struct TDLibLiveUpdates: Service {
    /// What applying one update did.
    package enum Outcome: Sendable, Equatable {
        /// A new post was stored (and queued for indexing).
        case inserted(postID: Int64)
        /// A stored post's content changed (and it was queued for indexing).
        case updated(postID: Int64)
        /// The post was already stored with the same content (a repeated delivery); views may have refreshed.
        case unchanged
        /// A new post left for the parse: the channel is held back by its subscribers' posts/day quota (storing
        /// it would move the cursor past the deferred posts). The next run after the reset fetches it.
        case deferred
        /// Posts removed, with how many of their vectors left the in-memory index.
        case deleted(postIDs: [Int64], vectors: Int)
        /// Nothing to do, and why.
        case ignored(IgnoreReason)
    }

    /// Why an update changed nothing.
    package enum IgnoreReason: String, Sendable, Equatable {
        /// An update kind this service does not handle.
        case otherUpdate = "other_update"
        /// The chat is not a followed channel.
        case unknownChat = "unknown_chat"
        /// A local or not yet sent message (no public id).
        case notServerMessage = "not_server_message"
        /// A service message (pinned, title changed…), which is not stored as a post.
        case serviceMessage = "service_message"
        /// A poll's new results (polls cannot be edited; votes do not re-index).
        case pollResults = "poll_results"
        /// An edit of a message that is not stored.
        case notStored = "not_stored"
        /// A deletion from TDLib's cache only: the messages still exist on Telegram.
        case fromCache = "from_cache"
        /// A deletion that is not permanent.
        case notPermanent = "not_permanent"
    }

    /// The logged-in TDLib instance.
    package let client: TDLibClient
    package let channels: ChannelRepository
    package let posts: PostRepository
    package let jobs: JobQueue
    /// The subscribers' posts/day quota, charged for every new post.
    package let quota: PostQuota
    /// The in-memory vector index deleted posts leave, when one is loaded.
    package let vectorIndex: VectorIndex?
    package let logger: Logger
    /// Chats recently found not to be followed channels.
    package let unmatchedChats = TDLibUnmatchedChats()
    /// How long a `getChat` or `getSupergroup` (chat usernames, forward origin titles) may take.
    package var requestTimeout: Duration = .seconds(10)
    /// The clock for `created_at`, `edited_at` and job times.
    package var now: @Sendable () -> Date = { Date() }

    /// The service for `client`, storing into `database`.
    package init(client: TDLibClient, database: Database, vectorIndex: VectorIndex?, logger: Logger) {
        self.client = client
        channels = ChannelRepository(database: database)
        posts = PostRepository(database: database)
        jobs = JobQueue(database: database)
        quota = PostQuota(database: database)
        self.vectorIndex = vectorIndex
        self.logger = logger
    }

    /// Subscribes to the instance's updates and applies them until graceful shutdown, cancellation or the
    /// instance closing.
    package func run() async throws {
        let updates = await client.updates()
        await consume(updates.cancelOnGracefulShutdown())
        logger.info("tdlib live updates stopped", metadata: ["client": "\(client.clientID)"])
    }

    /// Applies every update of `updates` in order; returns when the sequence ends. Errors are logged and
    /// counted per update.
    package func consume<Updates: AsyncSequence<TDUpdate, Never>>(_ updates: Updates) async {
        var dropped = await client.droppedUpdateCount
        for await update in updates {
            _ = await handle(update)
            let now = await client.droppedUpdateCount
            if now > dropped {
                // The consumer fell more than a buffer behind: the oldest updates were lost. New posts come
                // back with the next scheduled parse (it fetches from the cursor); edits and deletions do not.
                Counter(label: "tdlib_updates_dropped_total").increment(by: now - dropped)
                logger.warning(
                    "tdlib live updates fell behind; updates dropped",
                    metadata: ["client": "\(client.clientID)", "dropped": "\(now - dropped)"])
                dropped = now
            }
        }
    }

    /// Applies one update, recording the outcome in `tdlib_updates_total` (and `posts_parsed_total` for new
    /// posts); an error is logged and counted, and nil returned.
    @discardableResult
    package func handle(_ update: TDUpdate) async -> Outcome? {
        let kind = Self.kind(of: update)
        do {
            let outcome = try await apply(update)
            Counter(label: "tdlib_updates_total", dimensions: [("kind", kind), ("outcome", Self.label(outcome))])
                .increment()
            if case .inserted = outcome {
                Counter(label: "posts_parsed_total", dimensions: [("source", "tdlib_live")]).increment()
            }
            return outcome
        } catch {
            Counter(label: "tdlib_updates_total", dimensions: [("kind", kind), ("outcome", "error")]).increment()
            logger.error("tdlib update failed", metadata: ["kind": "\(kind)", "error": "\(error)"])
            return nil
        }
    }

    /// The metric label of an update kind.
    static func kind(of update: TDUpdate) -> String {
        switch update {
        case .newMessage: "new_message"
        case .messageContent: "message_content"
        case .deleteMessages: "delete_messages"
        case .authorizationState, .unknown: "other"
        }
    }

    /// The metric label of an outcome.
    static func label(_ outcome: Outcome) -> String {
        switch outcome {
        case .inserted: "inserted"
        case .updated: "updated"
        case .unchanged: "unchanged"
        case .deferred: "deferred"
        case .deleted: "deleted"
        case .ignored(let reason): "ignored_" + reason.rawValue
        }
    }
}
