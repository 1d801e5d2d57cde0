import Foundation
import TeleradarApp
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// Where a `/search` looks, chosen with the buttons `sr:<mode>:<token>`.
    enum SearchMode: String, CaseIterable {
        case posts = "p", web = "w", both = "b"
    }

    /// How many results each source shows.
    static let postResultsAlone = 10
    static let webResultsAlone = 8
    static let resultsEach = 5

    /// Remembered queries of `/search`.
    var searches: BotSearchStore { BotSearchStore(cache: context.cache) }

    /// The web search client, when `SEARXNG_URL` is set.
    var webSearch: SearxngClient? { context.config.searxngURL.map { SearxngClient(baseURL: $0, http: context.http) } }

    /// `/search <query>`: asks where to search ([Posts] [Web] [Both]); without a query, asks for one and waits.
    func search(_ query: String, request: BotRequest) async throws {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            try await conversations.set(
                BotConversation(step: .awaitingSearchQuery, startedAt: request.now), chatID: request.chatID,
                now: request.now)
            try await replier.send(request.chatID, request.text(.searchAsk))
            return
        }
        guard trimmed.count <= 500 else { throw DomainError.invalidArgument("the query is longer than 500 characters") }
        try await conversations.clear(chatID: request.chatID)
        let token = try await searches.save(query: trimmed, userID: request.user.id, now: request.now)
        try await replier.send(
            request.chatID, request.text(.searchChoose, ["query": TelegramHTML.escape(trimmed)]),
            keyboard: searchKeyboard(token, request))
    }

    /// The buttons `sr:<mode>:<token>`: runs the search and puts the results in place of the message, keeping
    /// the buttons so the user can switch between posts, web and both.
    func searchCallback(_ parts: [String], messageID: Int, callbackID: String, request: BotRequest) async throws {
        guard parts.count == 3, let mode = SearchMode(rawValue: parts[1]),
            let entry = try await searches.get(token: parts[2], now: request.now), entry.userID == request.user.id,
            try await hasAccess(request.user, now: request.now)
        else {
            try await replier.answer(callbackID: callbackID, text: request.text(.callbackExpired))
            return
        }
        let web = webSearch
        if mode == .web, web == nil {
            try await replier.answer(callbackID: callbackID, text: request.text(.webNotConfigured))
            return
        }
        try await replier.answer(callbackID: callbackID)
        _ = try? await replier.client.sendChatAction(chatID: .id(request.chatID))
        let limit = mode == .both ? Self.resultsEach : nil
        // Posts and web run side by side for [Both].
        async let posts: String? =
            mode == .web ? nil : postSection(entry.query, limit: limit ?? Self.postResultsAlone, request: request)
        async let webResults: String? =
            mode == .posts
            ? nil : webSection(entry.query, client: web, limit: limit ?? Self.webResultsAlone, request: request)
        let sections =
            [request.text(.searchFor, ["query": TelegramHTML.escape(entry.query)])]
            + [try await posts, await webResults].compactMap { $0 }
        try await replier.edit(
            request.chatID, messageID: messageID, sections.joined(separator: "\n\n"),
            keyboard: searchKeyboard(parts[2], request, selected: mode))
    }

    /// [Posts] [Web] [Both] for the search saved under `token`; the `selected` one is marked.
    func searchKeyboard(_ token: String, _ request: BotRequest, selected: SearchMode? = nil)
        -> BotAPI.InlineKeyboardMarkup
    {
        let labels: [(SearchMode, BotTextKey)] = [
            (.posts, .searchButtonPosts), (.web, .searchButtonWeb), (.both, .searchButtonBoth),
        ]
        return BotAPI.InlineKeyboardMarkup([
            labels.map { mode, key in
                .callback((mode == selected ? "✓ " : "") + request.text(key), data: "sr:\(mode.rawValue):\(token)")
            }
        ])
    }

    /// The best posts of the user's channels (keyword or hybrid search), as HTML.
    func postSection(_ query: String, limit: Int, request: BotRequest) async throws -> String {
        let scope = try await context.retrieval.scope(user: request.user, filters: .init(), now: request.now)
        let results = try await context.retrieval.search(query, scope: scope, limit: limit)
        guard !results.isEmpty else { return request.text(.searchNothing) }
        return ([request.text(.searchHeader, ["count": String(results.count)])] + Self.postLines(results)).joined(
            separator: "\n")
    }

    /// Numbered `@channel · date` links with a snippet of each post.
    static func postLines(_ results: [RetrievalService.Result]) -> [String] {
        results.enumerated().map { index, result in
            let post = result.post
            let label = "@\(post.channelUsername) · \(BotFormat.date(post.postedAt))"
            return "\n\(index + 1). " + TelegramHTML.link(label, url: post.url) + "\n"
                + TelegramHTML.escape(BotFormat.snippet(post.text))
        }
    }

    /// Web results from Searxng as HTML; a failure or a missing configuration is a line in the reply, not an error.
    func webSection(_ query: String, client: SearxngClient?, limit: Int, request: BotRequest) async -> String {
        guard let client else { return request.text(.webNotConfigured) }
        let results: [SearxngClient.Result]
        do {
            results = try await client.search(query, limit: limit)
        } catch {
            logger.warning("bot: web search failed", metadata: ["error": "\(error)"])
            return request.text(.webFailed, ["error": TelegramHTML.escape(error.description)])
        }
        guard !results.isEmpty else { return request.text(.webNothing) }
        var lines = [request.text(.webHeader, ["count": String(results.count)])]
        for (index, result) in results.enumerated() {
            let source = URL(string: result.url)?.host ?? result.engine ?? ""
            var line =
                "\n\(index + 1). " + TelegramHTML.link(BotFormat.snippet(result.title, limit: 120), url: result.url)
            if !source.isEmpty { line += " · " + TelegramHTML.escape(source) }
            if !result.content.isEmpty { line += "\n" + TelegramHTML.escape(BotFormat.snippet(result.content)) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
