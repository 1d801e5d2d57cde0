import Foundation
import Testing

@testable import TeleradarCore
@testable import TeleradarSearch
@testable import TeleradarStorage

@Suite("Keyword search: very common words left out in large indexes")
struct KeywordPruningTests {
    @Test(
        "a word in most posts is left out when a rarer word remains; alone, it is still searched",
        arguments: Backend.allCases)
    func commonWords(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let channel = try await ChannelRepository(database: database).upsert(
                ChannelInfo(username: "pruning", title: "Pruning"), sourceKind: "web")
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            // «новости» in all 40 posts; «вулкан» in two of them.
            let posts = (1...40).map { number in
                IncomingPost(
                    messageID: Int64(number), postedAt: t0,
                    text: number % 20 == 0
                        ? "Новости: извержение, вулкан проснулся \(number)" : "Новости города номер \(number)")
            }
            _ = try await PostRepository(database: database).upsert(channelID: channel.id, posts: posts)
            var searcher = KeywordSearcher(database: database)
            searcher.pruningMinimumPosts = 10
            let scope = SearchScope(channelIDs: [channel.id])
            let both = try await searcher.search("новости вулкан", scope: scope, limit: 50)
            if database.kind == .sqlite {
                // «новости» is in every post: left out, so only the two volcano posts match.
                #expect(both.count == 2)
                let pruning = searcher
                let kept = try await database.read { db in
                    try await pruning.withoutCommonWords(KeywordQuery("новости вулкан"), on: db)
                }
                #expect(kept.included.count == 1)
            } else {
                #expect(both.count == 40)
            }
            let volcano = try await PostRepository(database: database).posts(ids: both.prefix(2).map(\.postID))
            #expect(volcano.allSatisfy { $0.text.contains("вулкан") })
            // Alone, the common word is searched.
            #expect(try await searcher.search("новости", scope: scope, limit: 50).count == 40)
            // Below the index size, nothing is left out.
            searcher.pruningMinimumPosts = 1_000
            #expect(try await searcher.search("новости вулкан", scope: scope, limit: 50).count == 40)
        }
    }
}
