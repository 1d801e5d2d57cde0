import Foundation
import Synchronization

@testable import TeleradarTelegram

/// A Bot API test double: checks every request against api.json (``BotAPISpec``), records it, feeds scripted
/// updates to `getUpdates` (honouring `offset`) and can answer `sendMessage` with a 429.
final class FakeBotAPI: BotAPITransport {
    /// One recorded call.
    struct Call: Sendable {
        var method: String
        var body: Data
        /// Fake time of the call (from `now`).
        var at: Duration
        /// Whether it was answered with success.
        var accepted: Bool
        /// The `message_id` answered for a `sendMessage`/`editMessageText`.
        var resultMessageID: Int?

        /// The decoded JSON parameters.
        var parameters: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        /// `chat_id` as a number.
        var chatID: Int64? { (parameters["chat_id"] as? NSNumber)?.int64Value }
        /// `text`.
        var text: String? { parameters["text"] as? String }
        /// Every `callback_data` / `web_app.url` of the keyboard, row by row flattened.
        var buttons: [[String: Any]] {
            guard let markup = parameters["reply_markup"] as? [String: Any],
                let rows = markup["inline_keyboard"] as? [[[String: Any]]]
            else { return [] }
            return rows.flatMap { $0 }
        }
    }

    private struct State {
        var calls: [Call] = []
        var violations: [String] = []
        var updates: [BotAPI.Update] = []
        var nextUpdateID: Int64 = 1000
        var nextMessageID = 1
        var sendMessage429: [Int] = []
        /// Methods whose next calls are refused with a 400, and how many times.
        var refusals: [String: Int] = [:]
        /// Text and keyboard of each message the bot sent, by chat and message id (for "message is not modified").
        var contents: [String: String] = [:]
    }

    private let state = Mutex(State())
    private let spec: BotAPISpec
    /// The fake time stamped on calls.
    let now: @Sendable () -> Duration

    /// A fake stamping calls with `now` (zero by default).
    init(now: @escaping @Sendable () -> Duration = { .zero }) throws {
        spec = try BotAPISpec.loaded()
        self.now = now
    }

    /// Every call so far.
    var calls: [Call] { state.withLock { $0.calls } }
    /// Every spec violation seen so far (must stay empty).
    var violations: [String] { state.withLock { $0.violations } }

    /// Accepted `sendMessage`/`editMessageText` calls to `chatID`.
    func messages(to chatID: Int64) -> [Call] {
        calls.filter {
            ($0.method == "sendMessage" || $0.method == "editMessageText") && $0.accepted && $0.chatID == chatID
        }
    }

    /// Texts of ``messages(to:)``.
    func texts(to chatID: Int64) -> [String] { messages(to: chatID).compactMap(\.text) }

    /// The next `count` calls of `method` are refused with a 400 and `description`.
    func refuseNext(_ method: String, count: Int = 1) {
        state.withLock { $0.refusals[method, default: 0] += count }
    }

    /// The next `count` `sendMessage` calls are refused with 429 and `retry_after`.
    func refuseNextSend(retryAfter: Int, count: Int = 1) {
        state.withLock { $0.sendMessage429 += Array(repeating: retryAfter, count: count) }
    }

    /// Queues a text message from `user` (a `bot_command` entity is added when it starts with `/`).
    @discardableResult
    func enqueue(_ text: String, from user: BotAPI.User) -> Int64 {
        state.withLock { state in append(Self.messageUpdate(text, from: user, state: &state), to: &state) }
    }

    /// A text message update from `user` that is not queued (for webhook deliveries), with a fresh update id.
    func webhookUpdate(_ text: String, from user: BotAPI.User) -> BotAPI.Update {
        state.withLock { state in
            var update = Self.messageUpdate(text, from: user, state: &state)
            update.updateID = state.nextUpdateID
            state.nextUpdateID += 1
            return update
        }
    }

    private static func messageUpdate(_ text: String, from user: BotAPI.User, state: inout State) -> BotAPI.Update {
        var entities: [BotAPI.MessageEntity]?
        if text.hasPrefix("/") {
            let command = text.prefix { !$0.isWhitespace }
            entities = [BotAPI.MessageEntity(type: "bot_command", offset: 0, length: command.utf16.count)]
        }
        let chat = BotAPI.Chat(id: user.id, type: "private", firstName: user.firstName)
        let message = BotAPI.Message(
            messageID: state.nextMessageID, date: 1_800_000_000, chat: chat, from: user, text: text, entities: entities)
        state.nextMessageID += 1
        return BotAPI.Update(updateID: 0, message: message)
    }

    /// Queues a press of the button with `data` under the bot message `messageID`.
    @discardableResult
    func press(_ data: String, from user: BotAPI.User, messageID: Int) -> Int64 {
        state.withLock { state in
            let chat = BotAPI.Chat(id: user.id, type: "private", firstName: user.firstName)
            let message = BotAPI.Message(messageID: messageID, date: 1_800_000_000, chat: chat, text: "buttons")
            let query = BotAPI.CallbackQuery(
                id: "cq\(state.nextUpdateID)", from: user, message: message, chatInstance: "ci", data: data)
            return append(BotAPI.Update(updateID: 0, callbackQuery: query), to: &state)
        }
    }

    private func append(_ update: BotAPI.Update, to state: inout State) -> Int64 {
        var update = update
        update.updateID = state.nextUpdateID
        state.nextUpdateID += 1
        state.updates.append(update)
        return update.updateID
    }

    func post(url: String, body: Data, timeout: Duration) async throws -> BotAPIHTTPResponse {
        let method = String(url.split(separator: "/").last ?? "")
        let problems = spec.violations(method: method, body: body)
        let (status, json, empty) = try state.withLock { state -> (Int, String, Bool) in
            state.violations += problems.map { "\(method): \($0)" }
            var call = Call(method: method, body: body, at: now(), accepted: true)
            defer { state.calls.append(call) }
            if let left = state.refusals[method], left > 0 {
                state.refusals[method] = left - 1
                call.accepted = false
                return (400, #"{"ok":false,"error_code":400,"description":"Bad Request: refused by the test"}"#, false)
            }
            switch method {
            case "getUpdates":
                let offset = (call.parameters["offset"] as? NSNumber)?.int64Value ?? 0
                state.updates.removeAll { $0.updateID < offset }
                let data = try JSONEncoder().encode(state.updates)
                return (
                    200, #"{"ok":true,"result":"# + String(decoding: data, as: UTF8.self) + "}", state.updates.isEmpty
                )
            case "sendMessage", "editMessageText":
                if method == "sendMessage", !state.sendMessage429.isEmpty {
                    let retry = state.sendMessage429.removeFirst()
                    call.accepted = false
                    return (
                        429,
                        #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(retry)","parameters":{"retry_after":\#(retry)}}"#,
                        false
                    )
                }
                let id =
                    method == "sendMessage"
                    ? state.nextMessageID : ((call.parameters["message_id"] as? NSNumber)?.intValue ?? 0)
                if method == "sendMessage" { state.nextMessageID += 1 }
                // Like Telegram: an edit to the same text and keyboard is refused.
                let key = "\(call.chatID ?? 0)/\(id)"
                let markup = (call.parameters["reply_markup"]).flatMap {
                    try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])
                }
                let content = (call.text ?? "") + "\u{0}" + (markup.map { String(decoding: $0, as: UTF8.self) } ?? "")
                if method == "editMessageText", state.contents[key] == content {
                    call.accepted = false
                    return (
                        400,
                        #"{"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}"#,
                        false
                    )
                }
                state.contents[key] = content
                call.resultMessageID = id
                let message: [String: Any] = [
                    "message_id": id, "date": 1_800_000_000,
                    "chat": ["id": call.chatID ?? 0, "type": "private"], "text": call.text ?? "",
                ]
                let data = try JSONSerialization.data(withJSONObject: ["ok": true, "result": message])
                return (200, String(decoding: data, as: UTF8.self), false)
            default:
                return (200, #"{"ok":true,"result":true}"#, false)
            }
        }
        // Like a long poll with nothing to deliver: do not spin.
        if empty { try await Task.sleep(for: .milliseconds(20)) }
        return BotAPIHTTPResponse(status: status, body: Data(json.utf8))
    }
}
