import Foundation
import Testing
@testable import TeleradarCore
@testable import TeleradarSearch
@testable import TeleradarStorage

@Suite("Keyword search")
struct KeywordSearchTests {
    /// Stores posts in two channels and returns their channel ids.
    static func seed(_ database: Database) async throws -> (news: Int64, tech: Int64) {
        let channels = ChannelRepository(database: database)
        let posts = PostRepository(database: database)
        let news = try await channels.upsert(ChannelInfo(username: "citynews", title: "City"), sourceKind: "web")
        let tech = try await channels.upsert(ChannelInfo(username: "technews", title: "Tech"), sourceKind: "web")
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        func post(_ id: Int64, _ text: String, daysAgo: Double = 0) -> IncomingPost {
            IncomingPost(messageID: id, postedAt: t0.addingTimeInterval(-daysAgo * 86_400), text: text)
        }
        _ = try await posts.upsert(
            channelID: news.id,
            posts: [
                post(1, "В субботу в парке пройдёт фестиваль уличной еды."),
                post(2, "Новый канал городской администрации запущен сегодня."),
                post(3, "Погода: в воскресенье ожидается дождь и сильный ветер.", daysAgo: 40),
                post(4, "The city council approved the new budget for running tracks."),
            ])
        _ = try await posts.upsert(
            channelID: tech.id,
            posts: [
                post(1, "Суббота — день релиза: вышла новая версия компилятора."),
                post(2, "Обзор каналов о программировании на Swift."),
            ])
        return (news.id, tech.id)
    }

    @Test(
        "inflected Russian and English queries find their posts",
        arguments: Backend.allCases.flatMap { backend in
            [
                (backend, "субботу", [1]), (backend, "каналов", [2]), (backend, "канал", [2]),
                (backend, "воскресенье дождь", [3]), (backend, "run", [4]), (backend, "budgets", [4]),
                (backend, "фестивали", [1]),
            ]
        })
    func inflections(backend: Backend, query: String, expected: [Int64]) async throws {
        try await TestDatabase.with(backend) { database in
            let (news, _) = try await Self.seed(database)
            let hits = try await KeywordSearcher(database: database).search(query, scope: SearchScope(channelIDs: [news]))
            let messageIDs = try await PostRepository(database: database).posts(ids: hits.map(\.postID)).map(\.messageID)
            #expect(Set(messageIDs) == Set(expected), "query «\(query)» on \(backend)")
        }
    }

    @Test(
        "a small scope under a crowded index still gets every match (the exact path after the first window)",
        arguments: Backend.allCases)
    func crowdedIndex(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let channels = ChannelRepository(database: database)
            let posts = PostRepository(database: database)
            let big = try await channels.upsert(ChannelInfo(username: "bignews", title: "Big"), sourceKind: "web")
            let small = try await channels.upsert(ChannelInfo(username: "smallnews", title: "Small"), sourceKind: "web")
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            // 700 posts that match better than the small channel's (shorter, the word twice), more than the
            // first window of 500 looked at.
            _ = try await posts.upsert(
                channelID: big.id,
                posts: (1...700).map { IncomingPost(messageID: Int64($0), postedAt: t0, text: "Фестиваль! Фестиваль \($0)") })
            _ = try await posts.upsert(
                channelID: small.id,
                posts: (1...3).map {
                    IncomingPost(messageID: Int64($0), postedAt: t0, text: "Долгий рассказ о городе, парках, людях и фестивале номер \($0).")
                })
            let searcher = KeywordSearcher(database: database)
            let hits = try await searcher.search("фестиваль", scope: SearchScope(channelIDs: [small.id]), limit: 10)
            let found = try await posts.posts(ids: hits.map(\.postID))
            #expect(found.count == 3)
            #expect(found.allSatisfy { $0.channelID == small.id })
            let wide = try await searcher.search("фестиваль", scope: SearchScope(channelIDs: [big.id, small.id]), limit: 20)
            #expect(wide.count == 20)
        }
    }

    @Test("a user never sees posts of channels outside their scope", arguments: Backend.allCases)
    func isolation(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (news, tech) = try await Self.seed(database)
            let searcher = KeywordSearcher(database: database)
            let onlyTech = try await searcher.search("суббота", scope: SearchScope(channelIDs: [tech]))
            let posts = try await PostRepository(database: database).posts(ids: onlyTech.map(\.postID))
            #expect(posts.map(\.channelID) == [tech])
            #expect(try await searcher.search("суббота", scope: SearchScope(channelIDs: [])).isEmpty)
            let both = try await searcher.search("суббота", scope: SearchScope(channelIDs: [news, tech]))
            #expect(both.count == 2)
        }
    }

    @Test("the retention window and date filters narrow results", arguments: Backend.allCases)
    func dates(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (news, _) = try await Self.seed(database)
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let within30 = SearchScope(channelIDs: [news], since: t0.addingTimeInterval(-30 * 86_400))
            #expect(try await KeywordSearcher(database: database).search("дождь", scope: within30).isEmpty)
        }
    }

    @Test(
        "user syntax never breaks a query",
        arguments: Backend.allCases.flatMap { backend in
            ["\"", "*", "-", ":", "\"суббот", "NEAR(a b)", "a AND OR NOT", "'; DROP TABLE posts; --", "канал*", "-дождь погода",
             "\"в субботу\"", "(((", "😀", String(repeating: "слово ", count: 2000), "c:\\path", "$$", "&|!"]
                .map { (backend, $0) }
        })
    func hostile(backend: Backend, query: String) async throws {
        try await TestDatabase.with(backend) { database in
            let (news, tech) = try await Self.seed(database)
            _ = try await KeywordSearcher(database: database).search(query, scope: SearchScope(channelIDs: [news, tech]))
            #expect(try await PostRepository(database: database).count() == 6)
        }
    }

    @Test("phrases and exclusions", arguments: Backend.allCases)
    func phrases(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (news, tech) = try await Self.seed(database)
            let searcher = KeywordSearcher(database: database)
            let repo = PostRepository(database: database)
            let phrase = try await repo.posts(ids: try await searcher.search("\"новая версия\"", scope: SearchScope(channelIDs: [news, tech])).map(\.postID))
            #expect(phrase.map(\.channelID) == [tech])
            let excluded = try await repo.posts(ids: try await searcher.search("суббота -компилятора", scope: SearchScope(channelIDs: [news, tech])).map(\.postID))
            #expect(excluded.map(\.channelID) == [news])
        }
    }
}
