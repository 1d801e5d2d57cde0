import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Desktop export import")
struct ImportServiceTests {
    static func fixture(_ relative: String) -> String {
        FakeTelegramWeb.fixtureURL("tg-desktop-export/\(relative)").path
    }

    @Test(
        "every fixture export imports; a re-import creates no duplicate",
        arguments: Backend.allCases.flatMap { backend in
            [
                ("tkonverter/result.json", 25), ("tkonverter/result_group.json", 23),
                ("innerdvations-telegram-chat-parser/public_channel.json", -1),
                ("innerdvations-telegram-chat-parser/saved.json", -1), ("roboteam-telegram-json-ui/result.json", -1),
            ].map { (backend, $0.0, $0.1) }
        })
    func fixtures(backend: Backend, file: String, expectedMessages: Int) async throws {
        try await TestContext.with(backend) { context in
            let first = try await context.importer.run(path: Self.fixture(file), channelName: "exported_chan")
            #expect(first.new > 0)
            if expectedMessages >= 0 { #expect(first.new == expectedMessages) }
            #expect(first.new <= first.messagesRead)
            // Every new post is queued for indexing once, in jobs of at most 64.
            let queued = try await context.jobs.list(status: .queued, kind: JobKind.indexPosts, limit: 1000)
            let batches = try queued.map { try $0.decodePayload(IndexPostsPayload.self).postIDs }
            #expect(batches.flatMap { $0 }.count == first.new && Set(batches.flatMap { $0 }).count == first.new)
            #expect(batches.allSatisfy { $0.count <= 64 })
            let second = try await context.importer.run(path: Self.fixture(file), channelName: "exported_chan")
            #expect(second.new == 0)
            #expect(second.unchanged == first.new)
            let channel = try #require(try await context.channels.channels.find(username: "exported_chan"))
            #expect(try await context.channels.posts.count(channelID: channel.id) == first.new)
        }
    }

    @Test("malformed and unexpected exports fail clearly and store nothing", arguments: Backend.allCases)
    func invalid(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            for (file, fragment) in [
                ("innerdvations-telegram-chat-parser/error.json", "offset"),
                ("innerdvations-telegram-chat-parser/error-unexpected.json", "ERROR:wrong_type"),
            ] {
                do {
                    _ = try await context.importer.run(path: Self.fixture(file), channelName: "broken_chan")
                    Issue.record("\(file) was accepted")
                } catch {
                    #expect("\(error)".contains(fragment), "\(file): \(error)")
                }
            }
            await #expect(throws: (any Error).self) {
                _ = try await context.importer.run(path: "/nonexistent/result.json", channelName: "broken_chan")
            }
            await #expect(throws: DomainError.self) {
                _ = try await context.importer.run(
                    path: Self.fixture("tkonverter/result.json"), channelName: "bad name!")
            }
            #expect(try await context.channels.posts.count() == 0)
            let leftover = try await context.channels.channels.find(username: "broken_chan")
            #expect(leftover == nil)
        }
    }
}
