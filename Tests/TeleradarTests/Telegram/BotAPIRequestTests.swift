import Foundation
import Testing
@testable import TeleradarTelegram

/// A built request with its name for test output.
struct NamedBotRequest: Sendable, CustomTestStringConvertible {
    var name: String
    var method: String
    var body: @Sendable () throws -> Data
    var testDescription: String { name }

    init<Result>(_ name: String, _ request: BotAPIRequest<Result>) {
        self.name = name
        method = request.method
        body = { try request.encodedBody() }
    }

    /// Every request shape the client builds.
    static let all: [NamedBotRequest] = {
        let keyboard = BotAPI.InlineKeyboardMarkup([
            [.callback("Подписаться", data: "sub:1001234567890"), .webApp("Dashboard", url: "https://radar.example/app")],
            [.url("Open", url: "https://t.me/durov"), .copy("Copy code", value: "INV-42")],
        ])
        return [
            NamedBotRequest("getMe", .getMe()),
            NamedBotRequest("getUpdates bare", .getUpdates()),
            NamedBotRequest("getUpdates full", .getUpdates(offset: 812_345_679, limit: 100, timeout: 50, allowedUpdates: [.message, .callbackQuery, .myChatMember])),
            NamedBotRequest("setWebhook", .setWebhook(url: "https://radar.example/telegram/webhook", secretToken: BotWebhookSecret.random().value, allowedUpdates: BotAPI.UpdateKind.allCases, dropPendingUpdates: true, maxConnections: 40)),
            NamedBotRequest("deleteWebhook", .deleteWebhook(dropPendingUpdates: false)),
            NamedBotRequest("sendMessage plain", .sendMessage(chatID: 123_456_789, text: "Hello", parseMode: nil)),
            NamedBotRequest("sendMessage full", .sendMessage(
                chatID: -1_001_234_567_890, text: "<b>Новое</b> &lt;3 " + TelegramHTML.link("пост", url: "https://t.me/c/1/2?a=1&b=\"x\""),
                replyMarkup: keyboard, linkPreviewOptions: .disabled,
                replyParameters: BotAPI.ReplyParameters(messageID: 77, chatID: .username("@teleradar"), allowSendingWithoutReply: true),
                disableNotification: true, messageThreadID: 5)),
            NamedBotRequest("sendMessage 4096", .sendMessage(chatID: 1, text: String(repeating: "я", count: 4_000) + String(repeating: "&amp;", count: 96))),
            NamedBotRequest("sendMessage preview url", .sendMessage(chatID: .username("@channel"), text: "x", linkPreviewOptions: BotAPI.LinkPreviewOptions(url: "https://example.com", preferSmallMedia: true, showAboveText: true))),
            NamedBotRequest("editMessageText", .editMessageText(chatID: 42, messageID: 9, text: "<i>edited</i>", replyMarkup: keyboard, linkPreviewOptions: .disabled)),
            NamedBotRequest("answerCallbackQuery", .answerCallbackQuery("4382bfdwdsb323b2d9", text: "Готово", showAlert: false, url: nil, cacheTime: 5)),
            NamedBotRequest("answerCallbackQuery bare", .answerCallbackQuery("4382bfdwdsb323b2d9")),
            NamedBotRequest("setMyCommands default", .setMyCommands([BotAPI.BotCommand(command: "start", description: "Start"), BotAPI.BotCommand(command: "digest", description: "Daily digest")])),
            NamedBotRequest("setMyCommands ru private", .setMyCommands([BotAPI.BotCommand(command: "search", description: "Поиск по каналам")], scope: .allPrivateChats, languageCode: "ru")),
            NamedBotRequest("setMyCommands chat admins", .setMyCommands([BotAPI.BotCommand(command: "admin", description: "Admin panel")], scope: .chatAdministrators(-100_123))),
            NamedBotRequest("setMyCommands chat member", .setMyCommands([BotAPI.BotCommand(command: "me", description: "Me")], scope: .chatMember(.id(-100_123), userID: 77))),
            NamedBotRequest("setMyCommands default scope", .setMyCommands([BotAPI.BotCommand(command: "help", description: "Help")], scope: .default)),
            NamedBotRequest("sendChatAction", .sendChatAction(chatID: 42)),
            NamedBotRequest("sendChatAction document", .sendChatAction(chatID: .username("@teleradar"), action: .uploadDocument)),
            NamedBotRequest("deleteMessage", .deleteMessage(chatID: -1_001_234_567_890, messageID: 1_234)),
        ]
    }()
}

@Suite("Bot API requests against api.json")
struct BotAPIRequestTests {
    @Test func specLoads() throws {
        let spec = try BotAPISpec.loaded()
        #expect(spec.version.hasPrefix("Bot API"))
        #expect(spec.methods.count > 150)
        for method in ["getMe", "getUpdates", "setWebhook", "deleteWebhook", "sendMessage", "editMessageText",
                       "answerCallbackQuery", "setMyCommands", "sendChatAction", "deleteMessage"] {
            #expect(spec.methods[method] != nil, "\(method) in the spec")
        }
        #expect(NamedBotRequest.all.count == 20)
    }

    @Test("every request the client builds passes the checker", arguments: NamedBotRequest.all)
    func requestPassesSpec(_ request: NamedBotRequest) throws {
        let spec = try BotAPISpec.loaded()
        let problems = spec.violations(method: request.method, body: try request.body())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func sendMessageEncoding() throws {
        let body = try BotAPIRequest.sendMessage(
            chatID: -100_5, text: "<b>x</b>", replyMarkup: BotAPI.InlineKeyboardMarkup([[.webApp("App", url: "https://a.example/app")]]),
            linkPreviewOptions: .disabled, replyParameters: BotAPI.ReplyParameters(messageID: 3)
        ).encodedBody()
        let json = try TestJSON.parse(String(decoding: body, as: UTF8.self))
        #expect(json["chat_id"] == .int(-1_005))
        #expect(json["parse_mode"] == .string("HTML"))
        #expect(json["link_preview_options"] == .object(["is_disabled": .bool(true)]))
        #expect(json["reply_parameters"] == .object(["message_id": .int(3)]))
        #expect(json["reply_markup"] == .object(["inline_keyboard": .array([.array([
            .object(["text": .string("App"), "web_app": .object(["url": .string("https://a.example/app")])]),
        ])])]))
        #expect(json["message_thread_id"] == nil, "absent optionals are omitted")
    }

    @Test func commandScopesEncodeTheirDiscriminator() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = try [BotAPI.BotCommandScope.default, .allGroupChats, .chat(.username("@x")), .chatMember(5, userID: 6)]
            .map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        #expect(encoded == [#"{"type":"default"}"#, #"{"type":"all_group_chats"}"#, #"{"chat_id":"@x","type":"chat"}"#,
                            #"{"chat_id":5,"type":"chat_member","user_id":6}"#])
        let decoded = try encoded.map { try JSONDecoder().decode(BotAPI.BotCommandScope.self, from: Data($0.utf8)) }
        #expect(decoded == [.default, .allGroupChats, .chat(.username("@x")), .chatMember(5, userID: 6)])
    }
}
