import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage

/// Parsing through a subscriber's session first, the web preview when there is none or it fails.
@Suite("Channel ingestion through a session")
struct SessionSourceIngestionTests {
    @Test(
        "the session's source is used when given; a failing session falls back to the web preview",
        arguments: Backend.allCases)
    func preferSession(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let web = FakeChannelStore()
            let session = FakeChannelStore()
            for store in [web, session] {
                await store.addChannel("newsroom", title: "Newsroom")
            }
            await web.addPosts("newsroom", ids: 1...5, text: { "web \($0)" })
            await session.addPosts("newsroom", ids: 1...8, text: { "session \($0)" })
            var ingestion = IngestionService(
                database: context.database, source: FakeChannelSource(store: web), logger: context.logger)
            ingestion.sessionSource = { _ in FakeChannelSource(store: session) }
            let user = try await context.accounts.register(.init(telegramID: 1))
            let channel = try await ChannelRepository(database: context.database).upsert(
                ChannelInfo(username: "newsroom", title: "Newsroom"), sourceKind: "web")
            _ = try await ChannelRepository(database: context.database).subscribe(
                userID: user.id, channelID: channel.id)

            let first = await ingestion.parse(channel)
            #expect(first.error == nil)
            #expect(first.stored.inserted == 8)
            #expect(await web.requests.isEmpty)

            await session.fail("newsroom")
            await web.addPosts("newsroom", ids: 9...10, text: { "web \($0)" })
            let second = await ingestion.parse(channel)
            #expect(second.error == nil)
            #expect(second.stored.inserted == 2)
            #expect(await !web.requests.isEmpty)
            let texts = try await PostRepository(database: context.database).recent(channelID: channel.id, limit: 20)
                .map(\.text)
            #expect(texts.contains("session 8") && texts.contains("web 10"))
        }
    }
}
