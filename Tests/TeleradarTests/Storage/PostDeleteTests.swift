import Foundation
import Testing

@testable import TeleradarCore
@testable import TeleradarSearch
@testable import TeleradarStorage

@Suite("Posts: delete by message id, update-only upserts")
struct PostDeleteTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two channels holding the same message ids 1…3, each post with one vector.
    static func seed(_ database: Database) async throws -> (a: Int64, b: Int64) {
        let channels = ChannelRepository(database: database)
        let posts = PostRepository(database: database)
        let vectors = VectorRepository(database: database)
        var ids: [Int64] = []
        for name in ["alpha_news", "beta_news"] {
            let channel = try await channels.upsert(ChannelInfo(username: name, title: name), sourceKind: "web")
            let summary = try await posts.upsert(
                channelID: channel.id,
                posts: (1...3).map {
                    IncomingPost(messageID: $0, postedAt: now, text: "\(name) story \($0) satellites")
                },
                now: now)
            for postID in summary.changedPostIDs {
                try await vectors.store(postID: postID, model: "m", vectors: [[1, 0, 0, 0]], now: now)
            }
            ids.append(channel.id)
        }
        return (ids[0], ids[1])
    }

    @Test("deletes only that channel's posts, with their vectors and keyword entries", arguments: Backend.allCases)
    func delete(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (a, b) = try await Self.seed(database)
            let posts = PostRepository(database: database)
            let stored = try await posts.postIDs(channelID: a, messageIDs: [1, 2, 3, 4])
            #expect(stored.keys.sorted() == [1, 2, 3])
            let deleted = try await posts.delete(channelID: a, messageIDs: [2, 3, 3, 77])
            #expect(Set(deleted) == Set([stored[2], stored[3]].compactMap { $0 }))
            #expect(try await posts.delete(channelID: a, messageIDs: [2, 3]).isEmpty)
            #expect(try await posts.delete(channelID: a, messageIDs: []).isEmpty)
            #expect(try await posts.postIDs(channelID: a, messageIDs: [1, 2, 3]).keys.sorted() == [1])
            #expect(try await posts.count(channelID: b) == 3)
            #expect(try await VectorRepository(database: database).counts() == ["m": 4])
            let hits = try await KeywordSearcher(database: database).search(
                "satellites", scope: SearchScope(channelIDs: [a, b]))
            #expect(hits.count == 4)
            #expect(Set(hits.map(\.postID)).isDisjoint(with: deleted))
            #expect(try await posts.lastMessageID(channelID: a) == 1)
        }
    }

    @Test(
        "an update-only upsert edits stored posts and neither inserts nor moves the cursor",
        arguments: Backend.allCases)
    func updateOnly(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (a, _) = try await Self.seed(database)
            let posts = PostRepository(database: database)
            let summary = try await posts.upsert(
                channelID: a,
                posts: [
                    IncomingPost(
                        messageID: 2, postedAt: Date(timeIntervalSince1970: 0), editedAt: Self.now, text: "edited"),
                    IncomingPost(messageID: 9, postedAt: Date(timeIntervalSince1970: 0), text: "never stored"),
                ],
                now: Self.now, insertingNew: false)
            #expect(summary.inserted == 0)
            #expect(summary.updated == 1)
            #expect(try await posts.count(channelID: a) == 3)
            #expect(try await ChannelRepository(database: database).find(id: a)?.lastMessageID == 3)
            let edited = try #require(try await posts.recent(channelID: a).first { $0.messageID == 2 })
            #expect(edited.text == "edited")
            #expect(edited.postedAt == Self.now)
            #expect(edited.editedAt == Self.now)
        }
    }
}
