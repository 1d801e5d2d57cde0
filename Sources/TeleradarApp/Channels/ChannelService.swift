import Foundation
import Logging
import TeleradarCore
import TeleradarStorage

/// Following and unfollowing channels: the use cases behind `/add_channel`, `/my_channels`,
/// `/remove_channel` and the channel endpoints.
package struct ChannelService: Sendable {
    package let channels: ChannelRepository
    package let posts: PostRepository
    package let quotas: QuotaService
    package let ingestion: IngestionService
    package let logger: Logger
    /// The user's ready TDLib session as a channel source, if any: channels are resolved through it first.
    package var sessionSource: (@Sendable (_ userID: Int64) async -> (any ChannelSource)?)?

    package init(database: Database, quotas: QuotaService, ingestion: IngestionService, logger: Logger) {
        channels = ChannelRepository(database: database)
        posts = PostRepository(database: database)
        self.quotas = quotas
        self.ingestion = ingestion
        self.logger = logger
    }

    /// The result of adding a channel.
    package struct AddResult: Sendable, Equatable {
        package var channel: Channel
        /// False when the user already followed it (nothing changed).
        package var newlyFollowed: Bool
        /// Posts stored by the first parse (0 when the channel was already known and up to date).
        package var postsFound: Int
        /// Posts the channel has in total after the first parse.
        package var totalPosts: Int
        /// Why the first parse failed, if it did (the channel is still followed; the schedule retries).
        package var parseError: String?
        /// When the first parse was held back by the subscribers' posts/day quota (some or all new posts wait
        /// for the next run after this reset), else nil.
        package var heldBackUntil: Date? = nil
    }

    /// Follows a channel: validates the name, enforces the tier's channel limit, checks the channel exists,
    /// stores it, subscribes, and runs a first parse.
    package func add(user: User, name rawName: String, now: Date = Date()) async throws -> AddResult {
        if user.isBlocked { throw DomainError.blocked }
        let name = try ChannelName(parsing: rawName)
        if let known = try await channels.find(username: name.value),
            try await channels.isSubscribed(userID: user.id, channelID: known.id)
        {
            return AddResult(
                channel: known, newlyFollowed: false, postsFound: 0,
                totalPosts: try await posts.count(channelID: known.id),
                parseError: nil)
        }
        try await quotas.checkChannelSlot(user: user, now: now)
        let (info, kind) = try await resolve(name.value, userID: user.id)
        let channel = try await channels.upsert(info, sourceKind: kind, now: now)
        try await channels.subscribe(userID: user.id, channelID: channel.id, now: now)
        logger.info("channel followed", metadata: ["user": "\(user.id)", "channel": "\(channel.username)"])
        let result = await ingestion.parse(channel)
        return AddResult(
            channel: try await channels.find(id: channel.id) ?? channel, newlyFollowed: true,
            postsFound: result.stored.inserted, totalPosts: try await posts.count(channelID: channel.id),
            parseError: result.error,
            heldBackUntil: result.heldBack ? QuotaPolicy.nextReset(after: now) : nil)
    }

    /// Resolves through the user's TDLib session when one is ready, else (or when the session cannot answer)
    /// through the ingestion source (the web preview). A channel the session finds missing or private is reported so.
    func resolve(_ username: String, userID: Int64) async throws -> (ChannelInfo, kind: String) {
        if let session = await sessionSource?(userID) {
            do {
                return (try await session.resolve(username: username), session.kind)
            } catch {
                switch error as? SourceError {
                case .channelNotFound?, .channelPrivate?: throw error
                default:
                    logger.warning(
                        "channel not resolved through the user's session; trying the web preview",
                        metadata: ["user": "\(userID)", "error": "\(error)"])
                }
            }
        }
        return (try await ingestion.source.resolve(username: username), ingestion.source.kind)
    }

    /// Stops following; `notFound` when the user does not follow that channel.
    package func remove(user: User, name rawName: String) async throws -> Channel {
        let name = try ChannelName(parsing: rawName)
        guard let channel = try await channels.find(username: name.value),
            try await channels.unsubscribe(userID: user.id, channelID: channel.id)
        else { throw DomainError.notFound("you do not follow \(name)") }
        return channel
    }

    /// The channels a user follows.
    package func list(user: User) async throws -> [Channel] {
        try await channels.channels(userID: user.id)
    }
}
