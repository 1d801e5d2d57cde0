import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Posts/day quota in ingestion")
struct PostQuotaIngestionTests {
    /// 2027-01-15 08:00 UTC.
    static let dayOne = Date(timeIntervalSince1970: 1_800_000_000)
    static let dayTwo = dayOne.addingTimeInterval(86_400)

    struct Setup {
        let context: AppContext
        let store: FakeChannelStore
        let ingestion: IngestionService
        let channel: Channel
        let posts: PostRepository

        func storedIDs() async throws -> [Int64] {
            try await posts.recent(channelID: channel.id, limit: 1000).map(\.messageID).sorted()
        }

        func postsToday(_ user: User, at now: Date) async throws -> Int {
            try await context.quotas.usage(user: user, now: now).postsToday
        }

        func use(_ count: Int, of user: User, at now: Date) async throws {
            try await context.quotas.counters.charge(
                QuotaService.counterKey(.postsPerDay, userID: user.id), window: QuotaService.day, amount: count,
                cap: nil,
                now: now)
        }
    }

    static func setup(_ context: AppContext, posts ids: ClosedRange<Int64>) async throws -> Setup {
        let store = FakeChannelStore()
        await store.addChannel("quota_news", title: "Quota News")
        await store.addPosts("quota_news", ids: ids)
        var ingestion = IngestionService(
            database: context.database, source: FakeChannelSource(store: store), logger: context.logger)
        ingestion.batchSize = 40
        let channel = try await ChannelRepository(database: context.database).upsert(
            ChannelInfo(username: "quota_news", title: "Quota News"), sourceKind: "web")
        return Setup(
            context: context, store: store, ingestion: ingestion, channel: channel,
            posts: PostRepository(database: context.database))
    }

    static func follow(_ setup: Setup, telegramID: Int64, tier: Tier) async throws -> User {
        let user =
            tier == .free
            ? try await setup.context.accounts.register(.init(telegramID: telegramID), now: dayOne)
            : try await setup.context.accounts.grant(telegramID: telegramID, tier: tier, days: 90, by: nil, now: dayOne)
        _ = try await ChannelRepository(database: setup.context.database).subscribe(
            userID: user.id, channelID: setup.channel.id, now: dayOne)
        return user
    }

    static func deferredTotal() -> Double {
        let text = TeleradarMetrics.registry.emitToString()
        let line = text.split(separator: "\n").first { $0.hasPrefix("posts_deferred_total ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    @Test(
        "a free user's channel with 150 new posts: 100 stored, 50 deferred to the next day, nothing lost or doubled",
        arguments: Backend.allCases)
    func freeUserDefersThenCatchesUp(backend: Backend) async throws {
        TeleradarMetrics.bootstrap()
        try await TestContext.with(backend) { context in
            let setup = try await Self.setup(context, posts: 1...150)
            let user = try await Self.follow(setup, telegramID: 1, tier: .free)
            let deferredBefore = Self.deferredTotal()

            let first = await setup.ingestion.parse(setup.channel, now: { Self.dayOne })
            #expect(first.error == nil)
            #expect(first.stored.inserted == 100)
            #expect(first.deferred == 50)
            #expect(first.heldBack)
            #expect(try await setup.storedIDs() == Array(1...100))
            #expect(try await setup.posts.lastMessageID(channelID: setup.channel.id) == 100)
            #expect(try await setup.postsToday(user, at: Self.dayOne) == 100)
            let hold = try #require(try await setup.ingestion.quota.hold(channelID: setup.channel.id, now: Self.dayOne))
            #expect(hold.deferred == 50)
            #expect(hold.resetsAt == QuotaPolicy.nextReset(after: Self.dayOne))
            #expect(Self.deferredTotal() - deferredBefore >= 50)

            // Later the same day: not fetched at all.
            let requests = await setup.store.requests.count
            let again = await setup.ingestion.parse(setup.channel, now: { Self.dayOne.addingTimeInterval(3600) })
            #expect(again.heldBack)
            #expect(again.pages == 0)
            #expect(again.stored.inserted == 0)
            #expect(await setup.store.requests.count == requests)

            // The next day the other 50 arrive, from the cursor on.
            let next = await setup.ingestion.parse(setup.channel, now: { Self.dayTwo })
            #expect(next.error == nil)
            #expect(next.stored.inserted == 50)
            #expect(next.deferred == 0)
            #expect(!next.heldBack)
            #expect(try await setup.storedIDs() == Array(1...150))
            #expect(try await setup.postsToday(user, at: Self.dayTwo) == 50)
            #expect(try await setup.ingestion.quota.hold(channelID: setup.channel.id, now: Self.dayTwo) == nil)
            let queued = try await context.jobs.list(status: .queued, kind: JobKind.indexPosts, limit: 1000)
            let ids = try queued.flatMap { try $0.decodePayload(IndexPostsPayload.self).postIDs }
            #expect(ids.count == 150)
            #expect(Set(ids).count == 150)
        }
    }

    @Test(
        "two subscribers: the larger remaining allowance decides, each is charged at most their own remainder",
        arguments: Backend.allCases)
    func largestAllowanceWins(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let setup = try await Self.setup(context, posts: 1...150)
            let free = try await Self.follow(setup, telegramID: 1, tier: .free)
            let basic = try await Self.follow(setup, telegramID: 2, tier: .basic)
            try await setup.use(420, of: basic, at: Self.dayOne)  // 80 left; the free user has 100

            let first = await setup.ingestion.parse(setup.channel, now: { Self.dayOne })
            #expect(first.stored.inserted == 100)
            #expect(first.deferred == 50)
            #expect(try await setup.postsToday(free, at: Self.dayOne) == 100)
            #expect(try await setup.postsToday(basic, at: Self.dayOne) == 500)

            // Next day: 200 more. The basic user's 500 decides; the free user is charged up to 100 only.
            await setup.store.addPosts("quota_news", ids: 151...350)
            let next = await setup.ingestion.parse(setup.channel, now: { Self.dayTwo })
            #expect(next.stored.inserted == 250)
            #expect(next.deferred == 0)
            #expect(try await setup.storedIDs() == Array(1...350))
            #expect(try await setup.postsToday(free, at: Self.dayTwo) == 100)
            #expect(try await setup.postsToday(basic, at: Self.dayTwo) == 250)
        }
    }

    @Test(
        "live TDLib posts are charged; past the quota they are deferred to the parse, not stored out of order",
        arguments: Backend.allCases)
    func livePostsChargedThenDeferred(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let fixture = try await LiveUpdatesFixture.make(context)
            let user = try await context.accounts.user(telegramID: 31, now: LiveUpdatesFixture.now)
            try await context.quotas.counters.charge(
                QuotaService.counterKey(.postsPerDay, userID: user.id), window: QuotaService.day, amount: 99, cap: nil,
                now: LiveUpdatesFixture.now)
            try await fixture.deliver([
                LiveUpdatesFixture.message(1, "Fits the quota"),
                LiveUpdatesFixture.message(2, "Past the quota"),
            ])
            #expect(try await fixture.posts().keys.sorted() == [1])
            #expect(try await context.quotas.usage(user: user, now: LiveUpdatesFixture.now).postsToday == 100)
            let hold = try await fixture.live.quota.hold(channelID: fixture.channel.id, now: LiveUpdatesFixture.now)
            #expect(hold?.resetsAt == QuotaPolicy.nextReset(after: LiveUpdatesFixture.now))
        }
    }

    @Test(
        "the first parse of an added channel is charged too, and the result says it was held back",
        arguments: Backend.allCases)
    func firstParse(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let now = Date()
            let setup = try await Self.setup(context, posts: 1...30)
            let user = try await context.accounts.register(.init(telegramID: 7), now: now)
            try await setup.use(90, of: user, at: now)
            let service = ChannelService(
                database: context.database, quotas: context.quotas, ingestion: setup.ingestion, logger: context.logger)
            let added = try await service.add(user: user, name: "@quota_news", now: now)
            #expect(added.postsFound == 10)
            #expect(added.heldBackUntil == QuotaPolicy.nextReset(after: now))
            #expect(try await setup.storedIDs() == Array(1...10))
            #expect(try await setup.postsToday(user, at: now) == 100)
        }
    }

    @Test("/my_channels says which channel is held back and when it resumes", arguments: Backend.allCases)
    func botShowsHold(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let now = Date()
            let setup = try await Self.setup(context, posts: 1...20)
            let bob = BotUsers.bob
            let user = try await context.accounts.grant(telegramID: bob.id, tier: .basic, days: 30, by: nil, now: now)
            _ = try await ChannelRepository(database: context.database).subscribe(
                userID: user.id, channelID: setup.channel.id)
            try await setup.use(490, of: user, at: now)
            let result = await setup.ingestion.parse(setup.channel, now: { now })
            #expect(result.deferred == 10)

            let bot = try BotHarness(context: context)
            let reply = try await bot.say("/my_channels", from: bob, via: bot.service())
            let text = try #require(reply.first)
            #expect(text.contains("@quota_news"))
            #expect(text.contains("new posts are waiting"))
            #expect(text.contains(BotFormat.dateTime(QuotaPolicy.nextReset(after: now))))
        }
    }

    @Test("GET /api/v1/channels lists the held-back channels with the reset time", arguments: Backend.allCases)
    func apiShowsHold(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let now = Date()
            let setup = try await Self.setup(context, posts: 1...20)
            let caller = try await APITest.user(context, telegramID: 8)
            _ = try await ChannelRepository(database: context.database).subscribe(
                userID: caller.id, channelID: setup.channel.id)
            let user = try await context.accounts.user(id: caller.id)
            try await setup.use(90, of: user, at: now)
            #expect(await setup.ingestion.parse(setup.channel, now: { now }).deferred == 10)
            try await client.execute(uri: "/api/v1/channels", method: .get, headers: APITest.headers(caller.token)) {
                response in
                #expect(response.status == .ok)
                let body = APITest.json(response)
                let held = try #require(body["posts_held_back"] as? [[String: Any]])
                #expect(held.count == 1)
                #expect(held.first?["channel"] as? String == "quota_news")
                #expect(held.first?["deferred"] as? Int == 10)
                #expect(held.first?["resets_at"] is String)
            }
        }
    }
}
