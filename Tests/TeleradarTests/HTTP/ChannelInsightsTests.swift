import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarStorage

@Suite("Similar posts, channel stats, index requests")
struct ChannelInsightsTests {
    @Test(
        "similar posts, channel stats and queued indexing stay inside the caller's channels",
        arguments: Backend.allCases)
    func insights(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await APITest.with(backend, base: base) { context, client in
                let a = try await APITest.user(context, telegramID: 1)
                let b = try await APITest.user(context, telegramID: 2)
                try await client.execute(
                    uri: "/api/v1/channels", method: .post, headers: APITest.headers(a.token),
                    body: ByteBuffer(string: #"{"name": "@smallchan"}"#)
                ) { response in
                    #expect(response.status == .created)
                }
                let posts = try await context.channels.posts.visible(userID: a.id, since: .distantPast, limit: 5)
                let postID = try #require(posts.first?.id)
                try await client.execute(
                    uri: "/api/v1/rag/similar/\(postID)?limit=5", method: .get, headers: APITest.headers(a.token)
                ) { response in
                    #expect(response.status == .ok)
                    let json = APITest.json(response)
                    #expect(json["method"] as? String == "keyword")
                    let results = json["results"] as? [[String: Any]] ?? []
                    #expect((1...5).contains(results.count))
                    let ids = results.compactMap { ($0["post"] as? [String: Any])?["id"] as? Int }
                    #expect(!ids.contains(Int(postID)))
                }
                try await client.execute(
                    uri: "/api/v1/rag/similar/\(postID)", method: .get, headers: APITest.headers(b.token)
                ) { response in
                    #expect(response.status == .notFound)
                }
                let all = try await context.channels.posts.visible(userID: a.id, since: .distantPast, limit: 100)
                let dayCount = all.filter { $0.postedAt >= Date().addingTimeInterval(-86_400) }.count
                let weekCount = all.filter { $0.postedAt >= Date().addingTimeInterval(-7 * 86_400) }.count
                try await client.execute(
                    uri: "/api/v1/channels/smallchan/stats", method: .get, headers: APITest.headers(a.token)
                ) { response in
                    #expect(response.status == .ok)
                    let stats = APITest.json(response)["stats"] as? [String: Any] ?? [:]
                    #expect(stats["posts"] as? Int == 30)
                    #expect(stats["posts_last_day"] as? Int == dayCount)
                    #expect(stats["posts_last_week"] as? Int == weekCount)
                    #expect(stats["last_post_at"] is String)
                    #expect((stats["indexing"] as? [String: Int])?["pending"] == 30)
                    let perDay = stats["per_day"] as? [[String: Any]] ?? []
                    #expect(perDay.count == 14)
                    #expect(perDay.compactMap { $0["posts"] as? Int }.reduce(0, +) == 30)
                }
                // Bad names are refused naming the parameter.
                try await client.execute(
                    uri: "/api/v1/channels/ab/stats", method: .get, headers: APITest.headers(a.token)
                ) { response in
                    #expect(response.status == .badRequest)
                    #expect((APITest.json(response)["message"] as? String)?.hasPrefix("name is invalid") == true)
                }
                try await client.execute(
                    uri: "/api/v1/rag/search", method: .post, headers: APITest.headers(a.token),
                    body: ByteBuffer(string: #"{"query": "новость", "channels": ["not a name"]}"#)
                ) { response in
                    #expect(response.status == .badRequest)
                    #expect((APITest.json(response)["message"] as? String)?.hasPrefix("channels is invalid") == true)
                }
                // All posts, page by page: every post once, newest first.
                var seen: [Int] = []
                var cursor: String?
                repeat {
                    let uri = "/api/v1/posts?hours_back=8760&limit=7" + (cursor.map { "&before=\($0)" } ?? "")
                    try await client.execute(uri: uri, method: .get, headers: APITest.headers(a.token)) { response in
                        let json = APITest.json(response)
                        seen += (json["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                        cursor = json["next_before"] as? String
                    }
                } while cursor != nil && seen.count < 100
                #expect(seen.count == 30 && Set(seen).count == 30)
                #expect(seen == all.map { Int($0.id) })
                let jobsBefore = try await context.jobs.counts(kind: JobKind.indexPosts)[.queued] ?? 0
                try await client.execute(
                    uri: "/api/v1/rag/index", method: .post, headers: APITest.headers(b.token),
                    body: ByteBuffer(string: #"{"post_ids": [\#(postID)]}"#)
                ) { response in
                    #expect(response.status == .notFound)
                }
                #expect(try await context.jobs.counts(kind: JobKind.indexPosts)[.queued] ?? 0 == jobsBefore)
                let two = posts.prefix(2).map { String($0.id) }.joined(separator: ", ")
                try await client.execute(
                    uri: "/api/v1/rag/index", method: .post, headers: APITest.headers(a.token),
                    body: ByteBuffer(string: #"{"post_ids": [\#(two)]}"#)
                ) { response in
                    #expect(response.status == .accepted)
                    #expect(APITest.json(response)["queued"] as? Int == 2)
                }
                #expect(try await context.jobs.counts(kind: JobKind.indexPosts)[.queued] ?? 0 == jobsBefore + 1)
            }
        }
    }
}
