import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarSearch
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("TDLib live updates")
struct TDLibLiveUpdatesTests {
    typealias Fixture = LiveUpdatesFixture

    @Test(
        "a new post of a followed channel is stored once and queued once; other chats are ignored",
        arguments: Backend.allCases)
    func newMessages(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await Fixture.make(context)
            try await fixture.deliver([
                Fixture.message(42, "Первый пост о запуске"),
                Fixture.message(42, "Первый пост о запуске"),  // delivered twice
                Fixture.message(7, "Unfollowed channel", in: Fixture.dormant.chatID),
                Fixture.message(8, "Unknown channel", in: Fixture.stranger.chatID),
                Fixture.message(9, "A private chat", in: 424_242),
            ])
            let posts = try await fixture.posts()
            #expect(posts.keys.sorted() == [42])
            let post = try #require(posts[42])
            #expect(post.text == "Первый пост о запуске")
            #expect(post.postedAt == Date(timeIntervalSince1970: 1_790_000_042))
            #expect(post.indexingStatus == "pending")
            #expect(try await PostRepository(database: context.database).count() == 1)
            #expect(try await fixture.queuedIndexing() == [[post.id]])
            #expect(
                try await ChannelRepository(database: context.database).find(id: fixture.channel.id)?.lastMessageID
                    == 42)
        }
    }

    @Test(
        "an edit replaces the text, sets edited_at and re-queues the post; edits of unknown posts insert nothing",
        arguments: Backend.allCases)
    func edits(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await Fixture.make(context)
            try await fixture.deliver([
                Fixture.message(5, "Draft text"),
                Fixture.edit(5, "Corrected text about Saturday"),
                Fixture.edit(6, "Never stored"),
                Fixture.edit(5, "Elsewhere", in: Fixture.stranger.chatID),
            ])
            let posts = try await fixture.posts()
            #expect(posts.keys.sorted() == [5])
            let post = try #require(posts[5])
            #expect(post.text == "Corrected text about Saturday")
            #expect(post.editedAt == Fixture.now)
            #expect(post.postedAt == Date(timeIntervalSince1970: 1_790_000_005))
            #expect(post.indexingStatus == "pending")
            #expect(try await fixture.queuedIndexing() == [[post.id], [post.id]])
            let keyword = KeywordSearcher(database: context.database)
            let scope = SearchScope(channelIDs: [fixture.channel.id])
            #expect(try await keyword.search("Saturday", scope: scope).map(\.postID) == [post.id])
            #expect(try await keyword.search("Draft", scope: scope).isEmpty)
        }
    }

    @Test(
        "a permanent delete removes posts with their vectors; cache-only and non-permanent deletes change nothing",
        arguments: Backend.allCases)
    func deletes(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await Fixture.make(context)
            let stored = try await PostRepository(database: context.database).upsert(
                channelID: fixture.channel.id,
                posts: (1...4).map {
                    IncomingPost(messageID: $0, postedAt: Fixture.now, text: "Post number \($0) about rockets")
                })
            let vectors = VectorRepository(database: context.database)
            for postID in stored.changedPostIDs {
                try await vectors.store(
                    postID: postID, model: "test", vectors: [Fixture.vector(postID), Fixture.vector(postID + 1)])
                for chunk in 0..<2 {
                    try fixture.index.upsert(
                        VectorEntry(
                            postID: postID, chunk: chunk, channelID: fixture.channel.id, postedAt: Fixture.now,
                            vector: Fixture.vector(postID + Int64(chunk))))
                }
            }
            #expect(fixture.index.count == 8)
            let before = try await fixture.posts()
            try await fixture.deliver([
                Fixture.delete([3], permanent: false, fromCache: true),
                Fixture.delete([4], permanent: false, fromCache: false),
                Fixture.delete([1, 2, 99], permanent: true, fromCache: false),
                Fixture.delete([3, 4], permanent: true, fromCache: false, in: Fixture.stranger.chatID),
            ])
            let after = try await fixture.posts()
            #expect(after.keys.sorted() == [3, 4])
            for id in [Int64(1), 2] {
                let postID = try #require(before[id]?.id)
                #expect(try await vectors.vectors(postID: postID, model: "test").isEmpty)
                #expect(fixture.index.chunks(of: postID).isEmpty)
            }
            for id in [Int64(3), 4] {
                let postID = try #require(before[id]?.id)
                #expect(try await vectors.vectors(postID: postID, model: "test").count == 2)
                #expect(fixture.index.chunks(of: postID) == [0, 1])
            }
            #expect(try await vectors.counts() == ["test": 4])
            #expect(fixture.index.count == 4)
            let keyword = KeywordSearcher(database: context.database)
            let hits = try await keyword.search("rockets", scope: SearchScope(channelIDs: [fixture.channel.id]))
            #expect(Set(hits.map(\.postID)) == Set([3, 4].compactMap { before[$0]?.id }))
        }
    }

    @Test("undecodable and unknown updates are dropped and the loop goes on", arguments: Backend.allCases)
    func malformed(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await Fixture.make(context)
            try await fixture.deliver([
                // `content` missing: TDLib's schema requires it.
                [
                    "@type": "updateNewMessage",
                    "message": ["@type": "message", "id": .int(1 << 20), "chat_id": .int(Fixture.news.chatID)],
                ],
                ["@type": "updateMessageContent", "chat_id": "not a number", "message_id": 1, "new_content": []],
                [
                    "@type": "updateChatReadInbox", "chat_id": .int(Fixture.news.chatID),
                    "last_read_inbox_message_id": 0,
                ],
                // A local (not yet sent) message id: not a post.
                [
                    "@type": "updateNewMessage",
                    "message": FakeTDMessage(publicID: 1, date: 1, text: "local").json(chatID: Fixture.news.chatID)
                        .setting("id", 5),
                ],
                Fixture.message(2, "After the noise"),
            ])
            #expect(try await fixture.posts().keys.sorted() == [2])
            #expect(await fixture.client.undecodableUpdateCount == 2)
        }
    }

    @Test("outcomes name what each update did")
    func outcomes() async throws {
        try await TestContext.with(.sqlite) { context in
            let fixture = try await Fixture.make(context)
            let live = fixture.live
            let message = try TDLibFakeSupport.decode(TDUpdate.self, Fixture.message(3, "Hello"))
            guard case .inserted(let postID)? = await live.handle(message) else {
                Issue.record("not inserted")
                return
            }
            #expect(await live.handle(message) == .unchanged)
            let edit = try TDLibFakeSupport.decode(TDUpdate.self, Fixture.edit(3, "Hello again"))
            #expect(await live.handle(edit) == .updated(postID: postID))
            let poll = TDUpdate.messageContent(
                chatID: Fixture.news.chatID, messageID: 3 << 20,
                newContent: .poll(TDPoll(question: TDFormattedText(text: "Q"), options: [], totalVoterCount: 3)))
            #expect(await live.handle(poll) == .ignored(.pollResults))
            #expect(await live.handle(.unknown("updateOption")) == .ignored(.otherUpdate))
            let cache = TDUpdate.deleteMessages(
                chatID: Fixture.news.chatID, messageIDs: [3 << 20], isPermanent: false, fromCache: true)
            #expect(await live.handle(cache) == .ignored(.fromCache))
            let gone = TDUpdate.deleteMessages(
                chatID: Fixture.news.chatID, messageIDs: [3 << 20], isPermanent: true, fromCache: false)
            #expect(await live.handle(gone) == .deleted(postIDs: [postID], vectors: 0))
            try await fixture.client.close()
        }
    }

    @Test("a channel imported from a Desktop export (bare channel id) matches its TDLib chat id")
    func bareChannelID() async throws {
        #expect(ChannelRepository.channelID(fromChatID: -1_000_007_654_321) == 7_654_321)
        #expect(ChannelRepository.channelID(fromChatID: 424_242) == nil)
        #expect(ChannelRepository.channelID(fromChatID: -424_242) == nil)
        try await TestContext.with(.sqlite) { context in
            let channels = ChannelRepository(database: context.database)
            let channel = try await channels.upsert(
                ChannelInfo(username: "exported", title: "E", telegramID: 7_654_321), sourceKind: "export")
            #expect(try await channels.followed(telegramChatID: -1_000_007_654_321) == nil)  // nobody follows it yet
            let user = try await context.accounts.register(.init(telegramID: 32))
            _ = try await channels.subscribe(userID: user.id, channelID: channel.id)
            #expect(try await channels.followed(telegramChatID: -1_000_007_654_321)?.id == channel.id)
            #expect(try await channels.followed(telegramChatID: 7_654_321)?.id == channel.id)
            #expect(try await channels.followed(telegramChatID: -1_000_007_654_322) == nil)
        }
    }

    @Test("the service stops on graceful shutdown and on cancellation")
    func lifecycle() async throws {
        try await TestContext.with(.sqlite) { context in
            let fixture = try await Fixture.make(context)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: fixture.live)], logger: context.logger))
            let running = Task { try await group.run() }
            // The service subscribes when it starts: re-deliver (idempotent) until the post is stored.
            var stored = false
            for _ in 0..<1000 where !stored {
                fixture.fake.push(Fixture.message(11, "Live while running"), to: fixture.client.clientID)
                try await Task.sleep(for: .milliseconds(20))
                stored = try await fixture.posts()[11] != nil
            }
            #expect(stored)
            await group.triggerGracefulShutdown()
            try await running.value

            let cancelled = Task { try await fixture.live.run() }
            cancelled.cancel()
            try await cancelled.value
            #expect(try await fixture.queuedIndexing().count == 1)
            try await fixture.client.close()
        }
    }
}

extension TDLibLiveUpdatesTests {
    @Test(
        "a channel added through the web preview is matched by username and learns its chat id",
        arguments: Backend.allCases)
    func matchByUsername(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await Fixture.make(context)
            let channels = ChannelRepository(database: context.database)
            let web = try await channels.upsert(
                ChannelInfo(username: Fixture.stranger.username, title: "From the web"), sourceKind: "web")
            #expect(web.telegramID == nil)
            try await fixture.deliver([
                Fixture.message(3, "Other chat", in: Fixture.dormant.chatID),
                Fixture.message(4, "Other chat again", in: Fixture.dormant.chatID),
                Fixture.message(5, "Nobody follows it yet", in: Fixture.stranger.chatID),
            ])
            #expect(try await PostRepository(database: context.database).count() == 0)
            // Misses are remembered: the dormant chat's usernames were asked for once.
            let asked = fixture.fake.requests(ofType: "getSupergroup").compactMap { $0["supergroup_id"]?.intValue }
            #expect(asked.sorted() == [Fixture.dormant.supergroupID, Fixture.stranger.supergroupID])
            // The stored channel of that username learnt its chat id, though nobody follows it yet.
            #expect(try await channels.find(id: web.id)?.telegramID == Fixture.stranger.chatID)

            let user = try await context.accounts.register(.init(telegramID: 33))
            _ = try await channels.subscribe(userID: user.id, channelID: web.id)
            let second = try await Fixture.make(context, fake: fixture.fake)
            try await second.deliver([
                Fixture.message(6, "Matched by username", in: Fixture.stranger.chatID),
                Fixture.message(7, "Matched by chat id", in: Fixture.stranger.chatID),
            ])
            #expect(try await channels.find(id: web.id)?.telegramID == Fixture.stranger.chatID)
            let stored = try await PostRepository(database: context.database).recent(channelID: web.id)
            #expect(stored.map(\.messageID).sorted() == [6, 7])
        }
    }
}
