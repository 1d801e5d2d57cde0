import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Channel ingestion")
struct IngestionTests {
    func makeIngestion(_ context: AppContext, store: FakeChannelStore, recorder: SleepRecorder? = nil)
        -> IngestionService
    {
        var ingestion = IngestionService(
            database: context.database, source: FakeChannelSource(store: store), logger: context.logger)
        ingestion.batchSize = 100
        if let recorder { ingestion.sleep = { await recorder.record($0) } }
        return ingestion
    }

    @Test("500 posts arriving between two runs are all stored; a re-run stores none", arguments: Backend.allCases)
    func gapFree(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            await store.addChannel("newsroom", title: "Newsroom")
            await store.addPosts("newsroom", ids: 1...30)
            let ingestion = makeIngestion(context, store: store)
            // Enterprise: 99,999 posts a day, so the posts/day quota (PostQuotaIngestionTests) does not defer.
            let user = try await context.accounts.grant(telegramID: 1, tier: .enterprise, days: 30, by: nil)
            let service = ChannelService(
                database: context.database, quotas: context.quotas, ingestion: ingestion, logger: context.logger)
            let added = try await service.add(user: user, name: "https://t.me/s/NewsRoom")
            #expect(added.postsFound == 30)
            #expect(added.channel.title == "Newsroom")

            await store.addPosts("newsroom", ids: 31...530)
            let second = try #require(try await ingestion.runAll(holder: "test"))
            #expect(second.first?.stored.inserted == 500)
            #expect(second.first?.error == nil)
            let posts = PostRepository(database: context.database)
            #expect(try await posts.count(channelID: added.channel.id) == 530)
            #expect(try await posts.lastMessageID(channelID: added.channel.id) == 530)
            #expect(
                try await ChannelRepository(database: context.database).find(id: added.channel.id)?.lastMessageID == 530
            )

            let third = try #require(try await ingestion.runAll(holder: "test"))
            #expect(third.first?.stored.inserted == 0)
            #expect(try await posts.count(channelID: added.channel.id) == 530)
            // Only the newest page is fetched when nothing is new.
            #expect(third.first?.pages == 1)
            // Every stored post was queued for indexing exactly once: 30 → 1 job; 500 in batches of 100 → 2 jobs
            // (64 + 36 ids) per batch; unchanged posts queue nothing.
            let queued = try await context.jobs.list(status: .queued, kind: JobKind.indexPosts, limit: 1000)
            #expect(queued.count == 11)
            let ids = try queued.flatMap { try $0.decodePayload(IndexPostsPayload.self).postIDs }
            #expect(ids.count == 530)
            #expect(Set(ids).count == 530)
        }
    }

    @Test("an edit updates text and edited_at; views refresh", arguments: Backend.allCases)
    func edits(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            await store.addChannel("editors", title: "Editors")
            await store.addPosts("editors", ids: 1...10)
            let ingestion = makeIngestion(context, store: store)
            let channel = try await ChannelRepository(database: context.database).upsert(
                ChannelInfo(username: "editors", title: "Editors"), sourceKind: "web")
            _ = await ingestion.parse(channel)
            await store.edit("editors", id: 9, text: "Исправленный текст про субботу")
            await store.setViews("editors", id: 10, views: 999)
            let result = await ingestion.parse(channel)
            #expect(result.stored.updated == 1)
            #expect(result.stored.inserted == 0)
            let posts = try await PostRepository(database: context.database).recent(channelID: channel.id, limit: 2)
            let edited = try #require(posts.first { $0.messageID == 9 })
            #expect(edited.text == "Исправленный текст про субботу")
            #expect(edited.editedAt != nil)
            #expect(edited.indexingStatus == "pending")
            #expect(posts.first { $0.messageID == 10 }?.views == 999)
        }
    }

    @Test("FLOOD_WAIT is honoured up to the cap, recorded, and other channels go on", arguments: Backend.allCases)
    func floodWait(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            for name in ["alphachan", "betachan"] {
                await store.addChannel(name, title: name)
                await store.addPosts(name, ids: 1...5)
            }
            let recorder = SleepRecorder()
            var ingestion = makeIngestion(context, store: store, recorder: recorder)
            ingestion.floodWaitCap = .seconds(60)
            let repo = ChannelRepository(database: context.database)
            let user = try await context.accounts.register(.init(telegramID: 2))
            for name in ["alphachan", "betachan"] {
                let channel = try await repo.upsert(ChannelInfo(username: name, title: name), sourceKind: "web")
                try await repo.subscribe(userID: user.id, channelID: channel.id)
            }
            await store.scriptFloodWaits([17])
            let first = try #require(try await ingestion.runAll(holder: "t"))
            #expect(first.map(\.floodWaits) == [[17], []])
            #expect(await recorder.sleeps == [.seconds(17)])
            #expect(first.allSatisfy { $0.error == nil && $0.stored.inserted == 5 })

            // A wait above the cap fails only that channel, without sleeping.
            await store.addPosts("alphachan", ids: 6...8)
            await store.addPosts("betachan", ids: 6...8)
            await store.scriptFloodWaits([3600])
            let second = try #require(try await ingestion.runAll(holder: "t"))
            #expect(second[0].error?.contains("3600") == true)
            #expect(second[1].stored.inserted == 3)
            #expect(await recorder.sleeps == [.seconds(17)])
            #expect(try await repo.find(username: "alphachan")?.lastError?.contains("cap") == true)
        }
    }

    @Test("one failing channel never stops the run", arguments: Backend.allCases)
    func isolation(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            let repo = ChannelRepository(database: context.database)
            let user = try await context.accounts.register(.init(telegramID: 3))
            for name in ["first_one", "broken_one", "third_one"] {
                await store.addChannel(name, title: name)
                await store.addPosts(name, ids: 1...4)
                let channel = try await repo.upsert(ChannelInfo(username: name, title: name), sourceKind: "web")
                try await repo.subscribe(userID: user.id, channelID: channel.id)
            }
            await store.fail("broken_one")
            let results = try #require(try await makeIngestion(context, store: store).runAll(holder: "t"))
            #expect(results.map(\.stored.inserted) == [4, 0, 4])
            #expect(results[1].error != nil)
        }
    }

    @Test("two runs started together: one parse run at a time", arguments: Backend.allCases)
    func noOverlap(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            await store.addChannel("slowchan", title: "slow")
            await store.addPosts("slowchan", ids: 1...200)
            let repo = ChannelRepository(database: context.database)
            // Enterprise: 99,999 posts a day, so the posts/day quota (PostQuotaIngestionTests) does not defer.
            let user = try await context.accounts.grant(telegramID: 4, tier: .enterprise, days: 30, by: nil)
            let channel = try await repo.upsert(ChannelInfo(username: "slowchan", title: "slow"), sourceKind: "web")
            try await repo.subscribe(userID: user.id, channelID: channel.id)
            let ingestion = makeIngestion(context, store: store)
            async let a = ingestion.runAll(holder: "scheduler-A")
            async let b = ingestion.runAll(holder: "scheduler-B")
            let outcomes = try await [a, b]
            #expect(outcomes.filter { $0 != nil }.count == 1)
            #expect(try await PostRepository(database: context.database).count(channelID: channel.id) == 200)
        }
    }

    @Test("adding channels enforces the tier limit and rejects bad names", arguments: Backend.allCases)
    func addRules(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = FakeChannelStore()
            for name in ["chan_one", "chan_two", "chan_three", "chan_four"] {
                await store.addChannel(name, title: name)
            }
            let service = ChannelService(
                database: context.database, quotas: context.quotas, ingestion: makeIngestion(context, store: store),
                logger: context.logger)
            let user = try await context.accounts.register(.init(telegramID: 5))
            for name in ["@chan_one", "t.me/chan_two", "chan_three"] {
                _ = try await service.add(user: user, name: name)
            }
            do {
                _ = try await service.add(user: user, name: "chan_four")
                Issue.record("the 4th channel on free was accepted")
            } catch DomainError.quotaExceeded(let denial) {
                #expect(denial.kind == .channels)
                #expect(denial.limit == 3)
            }
            let again = try await service.add(user: user, name: "@CHAN_ONE")
            #expect(again.newlyFollowed == false)
            for bad in [
                "", "ab", "1channel", "bad__name", "name_", "имя_канала", "https://t.me/+AbCdEf",
                String(repeating: "x", count: 300),
            ] {
                await #expect(throws: DomainError.self) { _ = try await service.add(user: user, name: bad) }
            }
            _ = try await service.remove(user: user, name: "chan_one")
            await #expect(throws: SourceError.channelNotFound("no_such_channel")) {
                _ = try await service.add(user: user, name: "no_such_channel")
            }
            #expect(try await service.list(user: user).map(\.username) == ["chan_three", "chan_two"])
        }
    }
}
