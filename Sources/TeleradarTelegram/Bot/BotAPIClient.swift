import Foundation
import Logging

/// A Telegram Bot API client: POSTs JSON to `<baseURL>/bot<token>/<method>` and decodes the answer.
///
/// The token appears only in the request URL: it is never logged, never part of an error, and
/// ``description`` hides it.
package struct BotAPIClient: Sendable, CustomStringConvertible, CustomReflectable {
    /// The public Bot API server.
    package static let defaultBaseURL = "https://api.telegram.org"

    /// The bot token (`123456:ABC…`).
    private let token: String
    /// Server root without a trailing slash, e.g. a local `telegram-bot-api` server.
    package let baseURL: String
    /// HTTP transport.
    private let transport: any BotAPITransport
    /// Logger for calls; messages carry the method name, never the token.
    private let logger: Logger
    /// HTTP timeout of ordinary calls; long polls add their `timeout`.
    package let requestTimeout: Duration

    /// A client for the bot with `token`.
    package init(
        token: String, baseURL: String = Self.defaultBaseURL, transport: any BotAPITransport = HTTPClientBotAPITransport(),
        logger: Logger = Logger(label: "teleradar.bot-api"), requestTimeout: Duration = .seconds(30)
    ) {
        self.token = token
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        self.baseURL = root
        self.transport = transport
        self.logger = logger
        self.requestTimeout = requestTimeout
    }

    /// The numeric bot id, the part of the token before `:`.
    package var botID: Int64? { token.split(separator: ":").first.flatMap { Int64($0) } }

    /// Describes the client without its token.
    package var description: String { "BotAPIClient(baseURL: \(baseURL), bot: \(botID.map(String.init) ?? "?"))" }

    /// Reflects only the base URL, so `dump` cannot reveal the token.
    package var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL], displayStyle: .struct) }

    /// Runs `request` and returns its result, or throws ``BotAPIError`` (Telegram said no) or
    /// ``BotAPIClientError`` (no usable answer).
    package func send<Result>(_ request: BotAPIRequest<Result>) async throws -> Result {
        let body: Data
        do {
            body = try request.encodedBody()
        } catch {
            throw BotAPIClientError.encoding(method: request.method, message: String(describing: error))
        }
        let timeout = requestTimeout + .seconds(request.longPollSeconds)
        let response: BotAPIHTTPResponse
        do {
            response = try await transport.post(url: "\(baseURL)/bot\(token)/\(request.method)", body: body, timeout: timeout)
        } catch let error as CancellationError {
            throw error
        } catch {
            let message = redacted(String(describing: error))
            logger.debug("bot api transport failure", metadata: ["method": "\(request.method)", "error": "\(message)"])
            throw BotAPIClientError.transport(method: request.method, message: message)
        }
        let envelope: BotAPIResponse<Result>
        do {
            envelope = try JSONDecoder().decode(BotAPIResponse<Result>.self, from: response.body)
        } catch {
            guard response.status == 200 else {
                throw BotAPIClientError.unexpectedResponse(method: request.method, status: response.status)
            }
            throw BotAPIClientError.decoding(method: request.method, message: redacted(String(describing: error)))
        }
        guard envelope.ok, let result = envelope.result else {
            let error = envelope.error(status: response.status)
            logger.debug("bot api error", metadata: [
                "method": "\(request.method)", "error_code": "\(error.errorCode)", "description": "\(error.description)",
            ])
            throw error
        }
        return result
    }

    /// `getMe`.
    package func getMe() async throws -> BotAPI.User {
        try await send(.getMe())
    }

    /// `getUpdates` (long polling for up to `timeout` seconds).
    package func getUpdates(
        offset: Int64? = nil, limit: Int? = nil, timeout: Int? = nil, allowedUpdates: [BotAPI.UpdateKind]? = nil
    ) async throws -> [BotAPI.Update] {
        try await send(.getUpdates(offset: offset, limit: limit, timeout: timeout, allowedUpdates: allowedUpdates))
    }

    /// `setWebhook`.
    @discardableResult
    package func setWebhook(
        url: String, secretToken: String? = nil, allowedUpdates: [BotAPI.UpdateKind]? = nil, dropPendingUpdates: Bool? = nil
    ) async throws -> Bool {
        try await send(.setWebhook(
            url: url, secretToken: secretToken, allowedUpdates: allowedUpdates, dropPendingUpdates: dropPendingUpdates))
    }

    /// `deleteWebhook`.
    @discardableResult
    package func deleteWebhook(dropPendingUpdates: Bool? = nil) async throws -> Bool {
        try await send(.deleteWebhook(dropPendingUpdates: dropPendingUpdates))
    }

    /// `sendMessage` (HTML by default).
    @discardableResult
    package func sendMessage(
        chatID: BotAPI.ChatID, text: String, parseMode: BotAPI.ParseMode? = .html,
        replyMarkup: BotAPI.InlineKeyboardMarkup? = nil, linkPreviewOptions: BotAPI.LinkPreviewOptions? = nil,
        replyParameters: BotAPI.ReplyParameters? = nil
    ) async throws -> BotAPI.Message {
        try await send(.sendMessage(
            chatID: chatID, text: text, parseMode: parseMode, replyMarkup: replyMarkup,
            linkPreviewOptions: linkPreviewOptions, replyParameters: replyParameters))
    }

    /// `editMessageText` (HTML by default).
    @discardableResult
    package func editMessageText(
        chatID: BotAPI.ChatID, messageID: Int, text: String, parseMode: BotAPI.ParseMode? = .html,
        replyMarkup: BotAPI.InlineKeyboardMarkup? = nil, linkPreviewOptions: BotAPI.LinkPreviewOptions? = nil
    ) async throws -> BotAPI.Message {
        try await send(.editMessageText(
            chatID: chatID, messageID: messageID, text: text, parseMode: parseMode,
            replyMarkup: replyMarkup, linkPreviewOptions: linkPreviewOptions))
    }

    /// `answerCallbackQuery`.
    @discardableResult
    package func answerCallbackQuery(_ id: String, text: String? = nil, showAlert: Bool? = nil) async throws -> Bool {
        try await send(.answerCallbackQuery(id, text: text, showAlert: showAlert))
    }

    /// `setMyCommands`.
    @discardableResult
    package func setMyCommands(
        _ commands: [BotAPI.BotCommand], scope: BotAPI.BotCommandScope? = nil, languageCode: String? = nil
    ) async throws -> Bool {
        try await send(.setMyCommands(commands, scope: scope, languageCode: languageCode))
    }

    /// `sendChatAction`.
    @discardableResult
    package func sendChatAction(chatID: BotAPI.ChatID, action: BotAPI.ChatAction = .typing) async throws -> Bool {
        try await send(.sendChatAction(chatID: chatID, action: action))
    }

    /// `deleteMessage`.
    @discardableResult
    package func deleteMessage(chatID: BotAPI.ChatID, messageID: Int) async throws -> Bool {
        try await send(.deleteMessage(chatID: chatID, messageID: messageID))
    }

    /// `text` with every occurrence of the token replaced.
    private func redacted(_ text: String) -> String {
        guard !token.isEmpty else { return text }
        let escaped = token.replacingOccurrences(of: ":", with: "%3A")
        return text.replacingOccurrences(of: token, with: "<token>").replacingOccurrences(of: escaped, with: "<token>")
    }
}
