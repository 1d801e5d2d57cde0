import Foundation
import Testing
@testable import TeleradarTelegram

@Suite("Bot API client over a fake transport")
struct BotAPIClientTests {
    static let token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

    static func client(_ transport: FakeBotAPITransport, baseURL: String = BotAPIClient.defaultBaseURL) -> (BotAPIClient, BotCapturingLogHandler.Store) {
        let (logger, store) = BotCapturingLogHandler.logger()
        return (BotAPIClient(token: token, baseURL: baseURL, transport: transport, logger: logger), store)
    }

    @Test func tokenGoesInThePathAndBodyIsJSON() async throws {
        let transport = FakeBotAPITransport([.json(status: 200, #"{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Teleradar","username":"teleradar_bot","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":false,"has_main_web_app":true}}"#)])
        let (client, _) = Self.client(transport)
        let me = try await client.getMe()
        #expect(me.username == "teleradar_bot")
        #expect(me.isBot)
        #expect(me.hasMainWebApp == true)
        let call = try #require(transport.calls.first)
        #expect(call.url == "https://api.telegram.org/bot\(Self.token)/getMe")
        #expect(String(decoding: call.body, as: UTF8.self) == "{}")
        #expect(client.botID == 123_456_789)
    }

    @Test func baseURLIsConfigurable() async throws {
        let transport = FakeBotAPITransport()
        let (client, _) = Self.client(transport, baseURL: "http://127.0.0.1:8081/")
        try await client.deleteWebhook(dropPendingUpdates: true)
        #expect(transport.calls.first?.url == "http://127.0.0.1:8081/bot\(Self.token)/deleteWebhook")
    }

    @Test func everyClientMethodSendsASpecValidRequest() async throws {
        let spec = try BotAPISpec.loaded()
        let message = #"{"ok":true,"result":{"message_id":5,"date":1760000000,"chat":{"id":42,"type":"private","first_name":"A"},"text":"hi"}}"#
        let transport = FakeBotAPITransport([
            .json(status: 200, #"{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"B"}}"#),
            .json(status: 200, #"{"ok":true,"result":[]}"#),
            .json(status: 200, message), .json(status: 200, message),
        ])
        let (client, _) = Self.client(transport)
        _ = try await client.getMe()
        _ = try await client.getUpdates(offset: 10, timeout: 30, allowedUpdates: [.message, .callbackQuery])
        let sent = try await client.sendMessage(chatID: 42, text: "<b>hi</b>", replyMarkup: BotAPI.InlineKeyboardMarkup([[.callback("ok", data: "ok")]]))
        #expect(sent.messageID == 5)
        try await client.editMessageText(chatID: 42, messageID: 5, text: "edited", linkPreviewOptions: .disabled)
        try await client.setWebhook(url: "https://radar.example/hook", secretToken: "s3cr3t", allowedUpdates: [.message], dropPendingUpdates: true)
        try await client.deleteWebhook()
        try await client.answerCallbackQuery("99", text: "ok", showAlert: true)
        try await client.setMyCommands([BotAPI.BotCommand(command: "start", description: "Начать")], scope: .allPrivateChats, languageCode: "ru")
        try await client.sendChatAction(chatID: 42)
        try await client.deleteMessage(chatID: 42, messageID: 5)
        let calls = transport.calls
        #expect(calls.count == 10)
        for call in calls {
            let method = try #require(call.url.components(separatedBy: "/").last)
            let problems = spec.violations(method: method, body: call.body)
            #expect(problems.isEmpty, "\(method): \(problems)")
        }
    }

    @Test func longPollingExtendsTheHTTPTimeout() async throws {
        let transport = FakeBotAPITransport([.json(status: 200, #"{"ok":true,"result":[]}"#), .json(status: 200, #"{"ok":true,"result":[]}"#)])
        let (client, _) = Self.client(transport)
        _ = try await client.getUpdates(timeout: 50)
        _ = try await client.getUpdates()
        #expect(transport.calls.map(\.timeout) == [client.requestTimeout + .seconds(50), client.requestTimeout])
    }

    @Test func floodControlErrorCarriesRetryAfter() async throws {
        let transport = FakeBotAPITransport([.json(status: 429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#)])
        let (client, _) = Self.client(transport)
        let error = await #expect(throws: BotAPIError.self) { try await client.sendMessage(chatID: 1, text: "x") }
        #expect(error == BotAPIError(errorCode: 429, description: "Too Many Requests: retry after 3", retryAfter: 3))
        #expect(error?.isRateLimited == true)
        #expect(error?.retryAfterDuration == .seconds(3))
    }

    @Test func migrationErrorCarriesTheNewChat() async throws {
        let transport = FakeBotAPITransport([.json(status: 400, #"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}}"#)])
        let (client, _) = Self.client(transport)
        let error = await #expect(throws: BotAPIError.self) { try await client.sendMessage(chatID: -123, text: "x") }
        #expect(error?.migrateToChatID == -1_001_234_567_890)
        #expect(error?.retryAfter == nil)
        #expect(error?.isRateLimited == false)
    }

    @Test func forbiddenAndUnauthorized() async throws {
        let transport = FakeBotAPITransport([
            .json(status: 403, #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#),
            .json(status: 401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#),
        ])
        let (client, _) = Self.client(transport)
        let blocked = await #expect(throws: BotAPIError.self) { try await client.sendChatAction(chatID: 1) }
        #expect(blocked?.isForbidden == true)
        await #expect(throws: BotAPIError(errorCode: 401, description: "Unauthorized")) { try await client.getMe() }
    }

    @Test func nonJSONAndBadShapes() async throws {
        let transport = FakeBotAPITransport([
            .json(status: 502, "<html>Bad Gateway</html>"),
            .json(status: 200, #"{"ok":true,"result":{"unexpected":1}}"#),
        ])
        let (client, _) = Self.client(transport)
        await #expect(throws: BotAPIClientError.unexpectedResponse(method: "getMe", status: 502)) { try await client.getMe() }
        let decoding = await #expect(throws: BotAPIClientError.self) { try await client.getMe() }
        guard case .decoding(let method, _) = decoding else {
            Issue.record("expected .decoding, got \(String(describing: decoding))")
            return
        }
        #expect(method == "getMe")
    }

    @Test func theTokenNeverLeaks() async throws {
        let url = "https://api.telegram.org/bot\(Self.token)/sendMessage"
        let escaped = "https://api.telegram.org/bot\(Self.token.replacingOccurrences(of: ":", with: "%3A"))/sendMessage"
        let transport = FakeBotAPITransport([
            .failure("connect failed for \(url)"), .failure("timeout on \(escaped)"),
            .json(status: 400, #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#),
        ])
        let (client, logs) = Self.client(transport)
        var errors: [String] = []
        for _ in 0..<3 {
            do {
                try await client.sendMessage(chatID: 1, text: "x")
            } catch {
                errors.append(String(describing: error))
                errors.append(String(reflecting: error))
            }
        }
        #expect(errors.count == 6)
        let secretPart = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
        for text in errors + logs.all + [client.description, String(describing: client)] {
            #expect(!text.contains(secretPart), "token leaked in: \(text)")
        }
        #expect(!logs.all.isEmpty, "calls are logged")
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(secretPart), "token leaked in dump: \(dumped)")
        #expect(!String(reflecting: client).contains(secretPart))
    }
}
