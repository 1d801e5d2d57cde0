import Foundation
import Testing
@testable import TeleradarTelegram

@Suite("The api.json request checker catches wrong requests")
struct BotAPISpecCheckerTests {
    @Test(arguments: [
        ("sendMesage", #"{"chat_id":1,"text":"x"}"#, "unknown method"),
        ("sendMessage", #"{"chat_id":1}"#, "missing required text"),
        ("sendMessage", #"{"chat_id":1,"text":"x","disable_web_page_preview":true}"#, "unknown field disable_web_page_preview"),
        ("sendMessage", #"{"chat_id":true,"text":"x"}"#, "fits none of Integer, String"),
        ("sendMessage", #"{"chat_id":1,"text":""}"#, "length 0 outside 1-4096"),
        ("sendMessage", #"{"chat_id":1,"text":"<b>x","parse_mode":"HTML"}"#, "unclosed b"),
        ("sendMessage", #"{"chat_id":1,"text":"a < b","parse_mode":"HTML"}"#, "bare <"),
        ("sendMessage", #"{"chat_id":1,"text":"a & b","parse_mode":"HTML"}"#, "bare &"),
        ("sendMessage", #"{"chat_id":1,"text":"<div>x</div>","parse_mode":"HTML"}"#, "tag <div> not allowed"),
        ("sendMessage", #"{"chat_id":1,"text":"x","reply_markup":{"inline_keyboard":[[{"text":"a","callback":"b"}]]}}"#, "fits none of InlineKeyboardMarkup"),
        ("sendMessage", #"{"chat_id":1,"text":"x","link_preview_options":{"is_disabled":"yes"}}"#, "expected Boolean, got string"),
        ("getUpdates", #"{"offset":"5"}"#, "expected Integer, got string"),
        ("getUpdates", #"{"allowed_updates":"message"}"#, "expected Array of String"),
        ("setMyCommands", #"{"commands":[{"command":"start"}]}"#, "missing required description"),
        ("setMyCommands", #"{"commands":[],"scope":{"type":"chat"}}"#, "fits no subtype of BotCommandScope"),
        ("setMyCommands", #"{"commands":[],"scope":{"type":"everyone"}}"#, "fits no subtype of BotCommandScope"),
        ("deleteMessage", #"{"chat_id":1,"message_id":1.5}"#, "expected Integer, got float"),
        ("answerCallbackQuery", #"{"callback_query_id":"1","text":null}"#, "expected String, got null"),
        ("setWebhook", #"{"url":"https://x","secret_token":""}"#, "length 0 outside 1-256"),
    ])
    func wrongRequestFails(method: String, body: String, expected: String) throws {
        let problems = try BotAPISpec.loaded().violations(method: method, body: Data(body.utf8))
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func textLimitIsCountedAfterEntityParsingInUTF16() throws {
        let spec = try BotAPISpec.loaded()
        func check(_ text: String, parseMode: BotAPI.ParseMode?) throws -> [String] {
            spec.violations(method: "sendMessage", body: try BotAPIRequest.sendMessage(chatID: 1, text: text, parseMode: parseMode).encodedBody())
        }
        let fitting = "<b>" + String(repeating: "&lt;", count: 4_096) + "</b>"
        #expect(try check(fitting, parseMode: .html).isEmpty)
        #expect(try !check(fitting + "x", parseMode: .html).isEmpty)
        #expect(try !check(fitting, parseMode: nil).isEmpty, "without parse mode the tags count")
        let emoji = String(repeating: "😀", count: 2_048)
        #expect(try check(emoji, parseMode: .html).isEmpty)
        #expect(try !check(emoji + "a", parseMode: .html).isEmpty, "an emoji is two UTF-16 units")
    }

    @Test func callbackDataIsLimitedTo64Bytes() throws {
        let spec = try BotAPISpec.loaded()
        let ok = BotAPIRequest.sendMessage(chatID: 1, text: "x", replyMarkup: BotAPI.InlineKeyboardMarkup([[.callback("a", data: String(repeating: "я", count: 32))]]))
        let tooLong = BotAPIRequest.sendMessage(chatID: 1, text: "x", replyMarkup: BotAPI.InlineKeyboardMarkup([[.callback("a", data: String(repeating: "я", count: 33))]]))
        #expect(spec.violations(method: "sendMessage", body: try ok.encodedBody()).isEmpty)
        #expect(!spec.violations(method: "sendMessage", body: try tooLong.encodedBody()).isEmpty)
    }
}
