import Foundation
import TeleradarCore
import Testing

@testable import TeleradarTelegram

/// `TDLibChannelSource` against the fake TDLib: resolving, paging with public ids, error mapping.
@Suite("TDLib: channel source")
struct TDLibChannelSourceTests {
    static let news = FakeTDChannel.sample(username: "teleradar_news", supergroupID: 1_234_567, count: 250)

    /// A logged-in source over a fake holding `channels`.
    static func source(_ channels: [FakeTDChannel] = [news], firstHistoryPageSize: Int? = nil) async throws
        -> (TDLibChannelSource, FakeTDJSON, TDLibClient)
    {
        let fake = TDLibFakeSupport.loggedInFake(channels: channels, firstHistoryPageSize: firstHistoryPageSize)
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        return (TDLibChannelSource(client: client, requestTimeout: .seconds(10)), fake, client)
    }

    @Test(
        "resolve returns title, chat id, description and subscribers",
        arguments: ["teleradar_news", "@teleradar_news", " TeleRadar_News "])
    func resolve(name: String) async throws {
        let (source, fake, client) = try await Self.source()
        let info = try await source.resolve(username: name)
        #expect(info.title == "Channel teleradar_news")
        #expect(info.telegramID == -1_000_001_234_567)
        #expect(info.description == "About teleradar_news")
        #expect(info.subscriberCount == 1234)
        #expect(source.kind == "tdlib")
        #expect(fake.requests(ofType: "searchPublicChat").last?["username"]?.stringValue?.hasPrefix("@") == false)
        try await client.close()
    }

    @Test("pages 250 messages newest first in pages of at most 100, with public ids and cursors")
    func pagesWholeHistory() async throws {
        let (source, fake, client) = try await Self.source()
        var before: Int64?
        var pages: [SourcePage] = []
        repeat {
            let page = try await source.page(username: "teleradar_news", before: before)
            pages.append(page)
            if let before { #expect(page.posts.allSatisfy { $0.messageID < before }) }
            before = page.olderCursor
        } while before != nil && pages.count < 10
        let ids = pages.flatMap(\.posts).map(\.messageID)
        #expect(pages.map(\.posts.count) == [100, 100, 50, 0])
        #expect(ids == Array((1...250).reversed()).map(Int64.init))
        #expect(pages.map(\.olderCursor) == [151, 51, 1, nil])
        let history = fake.requests(ofType: "getChatHistory")
        #expect(
            history.map { $0["from_message_id"]?.intValue } == [0, 151 << 20, 51 << 20], "before = 1 needs no request")
        #expect(
            history.allSatisfy { ($0["limit"]?.intValue ?? 0) <= 100 && $0["offset"] == 0 && $0["only_local"] == false }
        )
        #expect(history.allSatisfy { $0["chat_id"]?.intValue == Self.news.chatID })
        #expect(fake.requests(ofType: "searchPublicChat").count == 1, "the username is resolved once, then remembered")
        try await client.close()
    }

    @Test("a short first page from TDLib does not end paging")
    func shortFirstPage() async throws {
        let (source, _, client) = try await Self.source(firstHistoryPageSize: 1)
        let first = try await source.page(username: "teleradar_news", before: nil)
        #expect(first.posts.map(\.messageID) == [250])
        #expect(first.olderCursor == 250)
        let second = try await source.page(username: "teleradar_news", before: first.olderCursor)
        #expect(second.posts.map(\.messageID) == Array((150...249).reversed()).map(Int64.init))
        try await client.close()
    }

    @Test("a cursor in the middle fetches only older posts; a cursor of 1 needs no request")
    func middleCursor() async throws {
        let (source, fake, client) = try await Self.source()
        let page = try await source.page(username: "teleradar_news", before: 120)
        #expect(page.posts.first?.messageID == 119)
        #expect(page.posts.last?.messageID == 20)
        let requestsBefore = fake.requests(ofType: "getChatHistory").count
        let start = try await source.page(username: "teleradar_news", before: 1)
        #expect(start.posts.isEmpty)
        #expect(start.olderCursor == nil)
        #expect(fake.requests(ofType: "getChatHistory").count == requestsBefore)
        try await client.close()
    }

    @Test("content kinds, views, dates and forward titles come through the page")
    func mappedContent() async throws {
        var channel = FakeTDChannel.sample(username: "mixed_media", supergroupID: 99, count: 12)
        let origin = FakeTDChannel.sample(username: "origin_channel", supergroupID: 100, count: 0)
        channel.messages[11].forward = .channel(chatID: origin.chatID, messageID: 77, signature: "")
        let (source, _, client) = try await Self.source([channel, origin])
        let posts = try await source.page(username: "mixed_media", before: nil).posts
        let kinds = Dictionary(uniqueKeysWithValues: posts.map { ($0.messageID, $0.mediaKind) })
        #expect(kinds[1] == .some(nil))
        #expect(kinds[2] == .photo)
        #expect(kinds[3] == .video)
        #expect(kinds[4] == .document)
        #expect(kinds[5] == .audio)
        #expect(kinds[6] == .voice)
        #expect(kinds[7] == .videoNote)
        #expect(kinds[8] == .sticker)
        #expect(kinds[9] == .animation)
        #expect(kinds[10] == .poll)
        #expect(kinds[11] == .location)
        let pinned = try #require(posts.first { $0.messageID == 12 })
        #expect(pinned.isService)
        #expect(pinned.serviceAction == "pin_message")
        #expect(pinned.forwardedFrom == "Channel origin_channel")
        let photo = try #require(posts.first { $0.messageID == 2 })
        #expect(photo.text == "Post 2 #news")
        #expect(photo.views == 20)
        #expect(photo.postedAt == Date(timeIntervalSince1970: 1_700_000_120))
        try await client.close()
    }

    struct FloodCase: Sendable, CustomTestStringConvertible {
        var request: String
        var code: Int64
        var message: String
        var testDescription: String { "\(request): \(code) \(message)" }
    }

    @Test(
        "flood control becomes SourceError.floodWait with the seconds asked",
        arguments: [
            FloodCase(request: "searchPublicChat", code: 420, message: "FLOOD_WAIT_17"),
            FloodCase(request: "searchPublicChat", code: 429, message: "Too Many Requests: retry after 17"),
            FloodCase(request: "getChatHistory", code: 420, message: "FLOOD_WAIT_17"),
            FloodCase(request: "getChatHistory", code: 429, message: "Too Many Requests: retry after 17"),
        ])
    func floodWait(_ flood: FloodCase) async throws {
        let (source, fake, client) = try await Self.source()
        fake.failNext(flood.request, code: flood.code, message: flood.message)
        await #expect(throws: SourceError.floodWait(seconds: 17)) {
            try await source.page(username: "teleradar_news", before: nil)
        }
        #expect(try await source.page(username: "teleradar_news", before: nil).posts.count == 100)
        try await client.close()
    }

    @Test("flood control while resolving is not swallowed by the optional full info")
    func floodWaitOnFullInfo() async throws {
        let (source, fake, client) = try await Self.source()
        fake.failNext("getSupergroupFullInfo", code: 420, message: "FLOOD_WAIT_9")
        await #expect(throws: SourceError.floodWait(seconds: 9)) {
            try await source.resolve(username: "teleradar_news")
        }
        fake.failNext("getSupergroupFullInfo", code: 400, message: "CHANNEL_INVALID")
        let info = try await source.resolve(username: "teleradar_news")
        #expect(info.title == "Channel teleradar_news")
        #expect(info.subscriberCount == nil)
        try await client.close()
    }

    @Test(
        "unknown, invalid and private names map to channelNotFound / channelPrivate",
        arguments: [
            ("nobody_here", SourceError.channelNotFound("nobody_here")),
            ("bad!name", SourceError.channelNotFound("bad!name")),
            ("", SourceError.channelNotFound("")),
            ("secret_club", SourceError.channelPrivate("secret_club")),
        ])
    func notFound(name: String, expected: SourceError) async throws {
        var secret = FakeTDChannel.sample(username: "secret_club", supergroupID: 5, count: 1)
        secret.isPrivate = true
        let (source, _, client) = try await Self.source([Self.news, secret])
        await #expect(throws: expected) { try await source.resolve(username: name) }
        await #expect(throws: expected) { try await source.page(username: name, before: nil) }
        try await client.close()
    }

    @Test(
        "TDLib and client errors map to source errors",
        arguments: [
            (TDLibError.tdlib(TDError(code: 400, message: "CHANNEL_INVALID")), SourceError.channelNotFound("x")),
            (TDLibError.tdlib(TDError(code: 400, message: "Chat not found")), SourceError.channelNotFound("x")),
            (TDLibError.tdlib(TDError(code: 400, message: "CHANNEL_PRIVATE")), SourceError.channelPrivate("x")),
            (TDLibError.tdlib(TDError(code: 429, message: "Too Many Requests")), SourceError.floodWait(seconds: 60)),
            (
                TDLibError.tdlib(TDError(code: 500, message: "Internal")),
                SourceError.unavailable("TDLib error 500: Internal")
            ),
            (TDLibError.malformedResponse("bad"), SourceError.malformed("malformed TDLib response: bad")),
            (TDLibError.closed, SourceError.unavailable("the TDLib client is closed")),
        ])
    func errorMapping(error: TDLibError, expected: SourceError) {
        #expect(TDLibChannelSource.sourceError(error, username: "x") == expected)
    }
}
