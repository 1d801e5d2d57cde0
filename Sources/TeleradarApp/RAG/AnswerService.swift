import Crypto
import Foundation
import Logging
import Metrics
import SQLKit
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// `/ask`: hybrid retrieval over the user's channels, an answer in the question's language with numbered
/// sources — from the configured model chain, or extractive when none is configured or all fail — never
/// an empty reply. Answers are cached for an hour; every question is kept in the user's history.
package struct AnswerService: Sendable {
    package let retrieval: RetrievalService
    package let chatModel: (any ChatModel)?
    package let quotas: QuotaService
    package let cache: KVCache
    package let database: Database
    package let logger: Logger

    package init(
        retrieval: RetrievalService, chatModel: (any ChatModel)?, quotas: QuotaService, database: Database,
        logger: Logger
    ) {
        self.retrieval = retrieval
        self.chatModel = chatModel
        self.quotas = quotas
        cache = KVCache(database: database)
        self.database = database
        self.logger = logger
    }

    /// One answer.
    package struct Answer: Sendable, Codable, Equatable {
        package var question: String
        package var answer: String
        package var sources: [Source]
        package var contextUsed: Int
        /// The model that wrote it; `extractive` when built from sentences; nil when nothing was found.
        package var model: String?
        package var language: String
        package var cached: Bool
        package var durationMs: Int
    }

    /// A cited post.
    package struct Source: Sendable, Codable, Equatable {
        package var number: Int
        package var postID: Int64
        package var channel: String
        package var messageID: Int64
        package var postedAt: Date
        package var url: String
    }

    /// Answers `question` for `user`, counting one question against the daily quota.
    package func ask(
        user: User, question raw: String, filters: RetrievalService.Filters = .init(), contextLimit: Int = 8,
        now: Date = Date()
    ) async throws -> Answer {
        let question = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else {
            throw DomainError.invalidArgument(
                "the question is empty: ask something, e.g. /ask what is new about the elections?")
        }
        guard question.count <= 2000 else {
            throw DomainError.invalidArgument("the question is longer than 2000 characters")
        }
        guard (1...20).contains(contextLimit) else {
            throw DomainError.invalidArgument("context_limit must be from 1 to 20")
        }
        if user.isBlocked { throw DomainError.blocked }
        let started = ContinuousClock.now
        let scope = try await retrieval.scope(user: user, filters: filters, now: now)
        try await quotas.consume(.ragQueriesPerDay, user: user, now: now)
        Counter(label: "rag_queries_total").increment()
        let cacheKey = Self.cacheKey(
            question: question, scope: scope, contextLimit: contextLimit, model: chatModel?.name)
        if var cached = try await cache.getJSON("answers", cacheKey, as: Answer.self, now: now) {
            cached.cached = true
            try await record(user: user, answer: cached, now: now)
            return cached
        }
        var answer = try await compose(question: question, scope: scope, contextLimit: contextLimit)
        let elapsed = ContinuousClock.now - started
        answer.durationMs = Int(elapsed.milliseconds)
        Timer(label: "rag_query_duration_seconds").record(duration: elapsed)
        if answer.model != nil {
            try await cache.setJSON("answers", cacheKey, value: answer, ttl: .seconds(3600), now: now)
        }
        try await record(user: user, answer: answer, now: now)
        return answer
    }

    private func compose(question: String, scope: SearchScope, contextLimit: Int) async throws -> Answer {
        let language = LanguageDetector.detect(question)
        let results = try await retrieval.search(question, scope: scope, limit: contextLimit)
        let contextPosts = results.map {
            ContextPost(
                postID: $0.post.id, channel: $0.post.channelUsername, messageID: $0.post.messageID,
                postedAt: $0.post.postedAt, text: $0.post.searchableText)
        }
        guard !contextPosts.isEmpty else {
            return Answer(
                question: question, answer: AnswerPrompt.nothingFound(language), sources: [], contextUsed: 0,
                model: nil,
                language: language.rawValue, cached: false, durationMs: 0)
        }
        if let chatModel {
            let built = ContextBuilder().build(posts: contextPosts)
            do {
                let response = try await chatModel.complete(
                    ChatRequest(
                        messages: AnswerPrompt.messages(question: question, context: built.text, language: language)))
                let cited = CitationMapper.map(response.text, sources: built.sources)
                if !cited.needsFallback {
                    return Answer(
                        question: question, answer: cited.text, sources: cited.sources.map(Self.source),
                        contextUsed: built.sources.count,
                        model: response.model, language: language.rawValue, cached: false, durationMs: 0)
                }
                logger.notice(
                    "model answer had no valid citation; answering extractively",
                    metadata: ["model": "\(response.model)"])
            } catch {
                logger.warning("no model answered; answering extractively", metadata: ["error": "\(error)"])
            }
        }
        guard let extractive = ExtractiveAnswerer().answer(question: question, posts: contextPosts) else {
            return Answer(
                question: question, answer: AnswerPrompt.nothingFound(language), sources: [],
                contextUsed: contextPosts.count,
                model: nil, language: language.rawValue, cached: false, durationMs: 0)
        }
        return Answer(
            question: question, answer: extractive.text, sources: extractive.sources.map(Self.source),
            contextUsed: contextPosts.count,
            model: "extractive", language: extractive.language.rawValue, cached: false, durationMs: 0)
    }

    static func source(_ source: AnswerSource) -> Source {
        Source(
            number: source.number, postID: source.postID, channel: source.channel, messageID: source.messageID,
            postedAt: source.postedAt, url: source.link ?? "https://t.me/\(source.channel)/\(source.messageID)")
    }

    static func cacheKey(question: String, scope: SearchScope, contextLimit: Int, model: String?) -> String {
        var parts = [question.lowercased(), String(contextLimit), model ?? "extractive"]
        parts.append(scope.channelIDs.sorted().map(String.init).joined(separator: ","))
        parts.append(scope.tags.sorted().joined(separator: ","))
        parts.append(scope.until.map { String($0.millis / 3_600_000) } ?? "")
        return SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }
            .joined()
    }

    /// Keeps the question with its topics (its most frequent stems) for history and recommendations.
    private func record(user: User, answer: Answer, now: Date) async throws {
        var counts: [String: Int] = [:]
        for stem in SearchText.stems(answer.question) where stem.count >= 4 { counts[stem, default: 0] += 1 }
        let topics = counts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }.prefix(5).map(\.key)
        let sources = answer.sources.map(\.url)
        try await database.write { db in
            try await db.insert(into: "rag_queries")
                .columns("user_id", "query", "answer", "topics", "sources", "model", "duration_ms", "created_at")
                .values(
                    SQLBind(user.id), SQLBind(answer.question), SQLBind(answer.answer), SQLBind(Self.json(topics)),
                    SQLBind(Self.json(sources)), SQLBind(answer.model), SQLBind(answer.durationMs), SQLBind(now.millis)
                ).run()
        }
    }

    static func json(_ value: [String]) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
