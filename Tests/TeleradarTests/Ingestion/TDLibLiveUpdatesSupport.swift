import Foundation
import Logging
import TeleradarApp
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

@testable import TeleradarTelegram

/// A followed channel, a logged-in fake TDLib session and a `TDLibLiveUpdates` over them.
struct LiveUpdatesFixture {
    static let news = FakeTDChannel(username: "live_news", supergroupID: 7_654_321, title: "Live News")
    static let dormant = FakeTDChannel(username: "live_dormant", supergroupID: 7_000_001, title: "Nobody follows")
    static let stranger = FakeTDChannel(username: "live_stranger", supergroupID: 7_000_002, title: "Not stored")
    /// The fixed clock of the service.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let dimensions = 16

    let context: AppContext
    let fake: FakeTDJSON
    let client: TDLibClient
    let live: TDLibLiveUpdates
    let channel: Channel
    let index: VectorIndex

    /// `news` followed by a user (stored with its TDLib chat id), `dormant` stored without subscribers.
    /// `fake` (a new one by default) gets a new client, and an existing database its rows once more.
    static func make(_ context: AppContext, fake: FakeTDJSON? = nil) async throws -> LiveUpdatesFixture {
        let fake = fake ?? TDLibFakeSupport.loggedInFake(channels: [news, dormant, stranger])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        let channels = ChannelRepository(database: context.database)
        let channel = try await channels.upsert(
            ChannelInfo(username: news.username, title: news.title, telegramID: news.chatID), sourceKind: "tdlib")
        _ = try await channels.upsert(
            ChannelInfo(username: dormant.username, title: dormant.title, telegramID: dormant.chatID),
            sourceKind: "tdlib")
        let user = try await context.accounts.register(.init(telegramID: 31))
        _ = try await channels.subscribe(userID: user.id, channelID: channel.id)
        let index = VectorIndex(dimensions: dimensions)
        var live = TDLibLiveUpdates(
            client: client, database: context.database, vectorIndex: index, logger: context.logger)
        live.now = { now }
        return LiveUpdatesFixture(
            context: context, fake: fake, client: client, live: live, channel: channel, index: index)
    }

    /// Pushes `updates` as TDLib would, then an end marker: the loop applies them in order (TDLib requests
    /// included) and ends at the marker; then the instance is closed.
    func deliver(_ updates: [TestJSON]) async throws {
        let stream = await client.updates()
        let loop = Task { [live] in await live.consume(stream.prefix { $0 != .unknown("updateTestEnd") }) }
        for update in updates + [["@type": "updateTestEnd"]] { fake.push(update, to: client.clientID) }
        await loop.value
        try await client.close()
    }

    /// The channel's stored posts, by message id.
    func posts() async throws -> [Int64: Post] {
        let rows = try await PostRepository(database: context.database).recent(channelID: channel.id, limit: 500)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.messageID, $0) })
    }

    /// Post ids in queued `index_posts` jobs, one list per job.
    func queuedIndexing() async throws -> [[Int64]] {
        try await context.jobs.list(status: .queued, kind: JobKind.indexPosts, limit: 1000)
            .map { try $0.decodePayload(IndexPostsPayload.self).postIDs }
    }

    // MARK: TDLib updates

    static func message(_ id: Int64, _ text: String, in chatID: Int64 = news.chatID) -> TestJSON {
        [
            "@type": "updateNewMessage",
            "message": FakeTDMessage(publicID: id, date: 1_790_000_000 + Int(id), text: text).json(chatID: chatID),
        ]
    }

    static func edit(_ id: Int64, _ text: String, in chatID: Int64 = news.chatID) -> TestJSON {
        [
            "@type": "updateMessageContent", "chat_id": .int(chatID), "message_id": .int(id << 20),
            "new_content": [
                "@type": "messageText", "text": ["@type": "formattedText", "text": .string(text), "entities": []],
            ],
        ]
    }

    static func delete(_ ids: [Int64], permanent: Bool, fromCache: Bool, in chatID: Int64 = news.chatID)
        -> TestJSON
    {
        [
            "@type": "updateDeleteMessages", "chat_id": .int(chatID), "message_ids": .array(ids.map { .int($0 << 20) }),
            "is_permanent": .bool(permanent), "from_cache": .bool(fromCache),
        ]
    }

    /// A vector that differs per post.
    static func vector(_ seed: Int64) -> [Float] {
        (0..<dimensions).map { Float(($0 + Int(seed)) % 7) - 3 }
    }
}
