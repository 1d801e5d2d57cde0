import AsyncHTTPClient
import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("t.me/s web preview source")
struct WebPreviewSourceTests {
    static func source(_ base: String) -> WebPreviewSource {
        WebPreviewSource(
            http: HTTPClient.shared, baseURL: base, minimumInterval: .zero, retries: 2, retryBase: .milliseconds(10))
    }

    @Test("the saved page parses into the right posts and channel, and paging walks to the end")
    func fixturePage() async throws {
        try await FakeTelegramWeb.withServer { base in
            let source = Self.source(base)
            let info = try await source.resolve(username: "topwar_official")
            #expect(info.title == "Военное обозрение")
            let first = try await source.page(username: "topwar_official", before: nil)
            #expect(first.posts.count == 12)
            #expect(first.posts.map(\.messageID).sorted().first == 70989)
            #expect(first.olderCursor == 70989)
            let post = try #require(first.posts.first { $0.messageID == 70990 })
            #expect(post.postedAt.timeIntervalSince1970 > 1_677_500_000)
            #expect(first.posts.contains { $0.forwardedFrom != nil })
            #expect(first.posts.contains { $0.mediaKind == .photo })
            #expect(first.posts.allSatisfy { ($0.views ?? 0) > 0 })
            let second = try await source.page(username: "topwar_official", before: 70989)
            #expect(second.posts.map(\.messageID).sorted() == Array(70980...70988))
            #expect(second.olderCursor == nil)
        }
    }

    @Test("429 becomes a flood wait with Retry-After; a missing channel is not found")
    func errors() async throws {
        try await FakeTelegramWeb.withServer { base in
            let source = Self.source(base)
            await #expect(throws: SourceError.floodWait(seconds: 7)) {
                _ = try await source.page(username: "limited", before: nil)
            }
            await #expect(throws: SourceError.channelNotFound("no_such_channel")) {
                _ = try await source.resolve(username: "no_such_channel")
            }
        }
    }

    @Test(
        "adding a channel served by the fake t.me stores all its posts, paging backwards", arguments: Backend.allCases)
    func endToEnd(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await TestContext.with(backend) { context in
                let ingestion = IngestionService(
                    database: context.database, source: Self.source(base), logger: context.logger)
                let service = ChannelService(
                    database: context.database, quotas: context.quotas, ingestion: ingestion, logger: context.logger)
                // Basic: 500 posts a day, so the posts/day quota (PostQuotaIngestionTests) does not defer any of 250.
                let user = try await context.accounts.grant(telegramID: 42, tier: .basic, days: 30, by: nil)
                let result = try await service.add(user: user, name: "https://t.me/s/pagedchan")
                #expect(result.postsFound == 250)
                #expect(result.parseError == nil)
                let posts = try await PostRepository(database: context.database).recent(
                    channelID: result.channel.id, limit: 3)
                #expect(posts.map(\.messageID) == [250, 249, 248])
                #expect(posts.first?.url == "https://t.me/pagedchan/250")
                #expect(posts.first?.text.hasPrefix("Новость номер 250") == true)
            }
        }
    }
}
