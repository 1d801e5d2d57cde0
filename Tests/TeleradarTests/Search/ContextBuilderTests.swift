import Foundation
import Testing

@testable import TeleradarSearch

@Suite("LLM context building and token estimates")
struct ContextBuilderTests {
    static let date = Date(timeIntervalSince1970: 1_714_573_800)  // 2024-05-01 14:30 UTC

    static func post(_ id: Int64, _ text: String, channel: String = "@technews") -> ContextPost {
        ContextPost(postID: id, channel: channel, messageID: id * 10, postedAt: date, text: text)
    }

    static let estimateCases: [(String, Int)] = [
        (String(repeating: "abcd", count: 100), 100),
        (String(repeating: "абвгд", count: 50), 100),
        ("", 0),
        ("a", 1),
        ("🚀🚀", 2),
    ]

    @Test("Latin text costs about a token per 4 characters, Cyrillic per 2.5", arguments: ContextBuilderTests.estimateCases)
    func estimates(text: String, tokens: Int) {
        #expect(TokenEstimator.estimate(text) == tokens)
    }

    @Test("truncation stays within the budget, ends on a word and marks the cut", arguments: [5, 12, 30, 80])
    func truncation(budget: Int) {
        let text = String(repeating: "Новости рынка и технологий каждый день. ", count: 20)
        let (cut, truncated) = TokenEstimator.truncate(text, toTokens: budget)
        #expect(truncated)
        #expect(TokenEstimator.estimate(cut) <= budget)
        #expect(cut.hasSuffix("…"))
        #expect(!cut.dropLast().hasSuffix(" "))
        #expect(TokenEstimator.truncate("short", toTokens: budget) == ("short", false))
    }

    @Test("sources are numbered in order with headers and t.me links; empty and repeated posts are skipped")
    func numbering() throws {
        let context = ContextBuilder().build(posts: [
            Self.post(1, "  First post.\n\n\n\nSecond line.  "),
            Self.post(2, "   "),
            Self.post(1, "Duplicate of the first."),
            Self.post(3, "Третий пост.", channel: "https://t.me/ru_news"),
            Self.post(4, "No public username.", channel: ""),
        ])
        #expect(context.sources.map(\.number) == [1, 2, 3])
        #expect(context.sources.map(\.postID) == [1, 3, 4])
        #expect(context.sources[0].link == "https://t.me/technews/10")
        #expect(context.sources[1].link == "https://t.me/ru_news/30")
        #expect(context.sources[2].link == nil)
        #expect(context.text == """
            [1] @technews · 2024-05-01 14:30
            First post.

            Second line.

            [2] @ru_news · 2024-05-01 14:30
            Третий пост.

            [3] 2024-05-01 14:30
            No public username.
            """)
        #expect(context.estimatedTokens == TokenEstimator.estimate(context.text))
        #expect(context.truncatedCount == 0 && context.omittedCount == 0)
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        #expect(ContextBuilder(timeZone: moscow).build(posts: [Self.post(1, "x")]).text.hasPrefix("[1] @technews · 2024-05-01 17:30"))
    }

    @Test("the token budget is never exceeded; long posts are cut, the rest left out", arguments: [60, 150, 400, 1_000, 5_000])
    func budget(tokens: Int) {
        let long = String(repeating: "Центральный банк сохранил ключевую ставку на прежнем уровне. ", count: 40)
        let posts = (1...12).map { Self.post(Int64($0), $0 % 3 == 0 ? long : "Короткий пост номер \($0) о событиях дня.") }
        let builder = ContextBuilder(tokenBudget: tokens, maxTokensPerPost: 300, minTokensPerPost: 30)
        let context = builder.build(posts: posts)
        #expect(context.estimatedTokens <= tokens)
        #expect(context.sources.count + context.omittedCount == 12)
        #expect(context.sources.map(\.number) == Array(1...context.sources.count))
        #expect(context.sources.map(\.postID) == posts.prefix(context.sources.count).map(\.postID))
        for block in context.text.components(separatedBy: "\n\n[").dropFirst() {
            #expect(TokenEstimator.estimate(block) <= 300 + 20)
        }
        if tokens >= 1_000 {
            #expect(context.truncatedCount > 0)
            #expect(context.text.contains("…"))
        }
    }
}
