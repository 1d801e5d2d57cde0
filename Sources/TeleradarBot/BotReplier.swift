import Foundation
import TeleradarTelegram

/// Sends the bot's replies: every message through ``BotOutbox`` (flood limits, `retry_after`) and split by
/// ``MessageSplitter`` so no part exceeds 4096 characters. Texts must already be Telegram HTML.
package struct BotReplier: Sendable {
    /// The Bot API client.
    package let client: BotAPIClient
    /// The outbound limiter.
    package let outbox: BotOutbox
    /// Splits long texts.
    package let splitter: MessageSplitter

    /// A replier sending through `client`, limited by `outbox`.
    package init(client: BotAPIClient, outbox: BotOutbox, splitter: MessageSplitter = MessageSplitter()) {
        self.client = client
        self.outbox = outbox
        self.splitter = splitter
    }

    /// Sends `html` to `chatID` in as many parts as needed; the keyboard goes under the last part.
    /// Link previews are off when `preview` is false.
    package func send(
        _ chatID: Int64, _ html: String, keyboard: BotAPI.InlineKeyboardMarkup? = nil, preview: Bool = false
    ) async throws {
        let parts = splitter.split(html)
        let options = preview ? nil : BotAPI.LinkPreviewOptions(isDisabled: true)
        for (index, part) in parts.enumerated() {
            let markup = index == parts.count - 1 ? keyboard : nil
            _ = try await outbox.send(
                .sendMessage(chatID: .id(chatID), text: part, replyMarkup: markup, linkPreviewOptions: options),
                to: .id(chatID), via: client)
        }
    }

    /// Replaces the text (and keyboard) of a message the bot sent; falls back to a new message when the
    /// text no longer fits one message or the message can no longer be edited (too old, deleted). An edit
    /// that changes nothing (the same button pressed twice) is not an error.
    package func edit(
        _ chatID: Int64, messageID: Int, _ html: String, keyboard: BotAPI.InlineKeyboardMarkup? = nil
    ) async throws {
        guard splitter.split(html).count == 1 else {
            try await send(chatID, html, keyboard: keyboard)
            return
        }
        do {
            try await editInPlace(chatID, messageID: messageID, html, keyboard: keyboard)
        } catch let error as BotAPIError where error.errorCode == 400 {
            let description = error.description.lowercased()
            if description.contains("message is not modified") { return }
            guard description.contains("message can't be edited") || description.contains("message to edit not found")
            else {
                throw error
            }
            try await send(chatID, html, keyboard: keyboard)
        }
    }

    private func editInPlace(
        _ chatID: Int64, messageID: Int, _ html: String, keyboard: BotAPI.InlineKeyboardMarkup?
    ) async throws {
        _ = try await outbox.send(
            .editMessageText(
                chatID: .id(chatID), messageID: messageID, text: html, replyMarkup: keyboard,
                linkPreviewOptions: BotAPI.LinkPreviewOptions(isDisabled: true)),
            to: .id(chatID), via: client)
    }

    /// Answers a callback query (not a message, so not limited by the outbox).
    package func answer(callbackID: String, text: String? = nil) async throws {
        _ = try await client.answerCallbackQuery(callbackID, text: text)
    }
}
