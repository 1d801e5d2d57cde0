import Foundation

extension BotAPIRequest where Result == BotAPI.User {
    /// `getMe`: the bot's own user.
    package static func getMe() -> Self {
        Self(method: "getMe")
    }
}

extension BotAPIRequest where Result == [BotAPI.Update] {
    /// `getUpdates`: long polling; `timeout` seconds of waiting, updates from `offset` on.
    package static func getUpdates(
        offset: Int64? = nil, limit: Int? = nil, timeout: Int? = nil, allowedUpdates: [BotAPI.UpdateKind]? = nil
    ) -> Self {
        Self(
            method: "getUpdates",
            parameters: GetUpdatesParameters(
                offset: offset, limit: limit, timeout: timeout, allowedUpdates: allowedUpdates?.map(\.rawValue)),
            longPollSeconds: timeout ?? 0)
    }
}

extension BotAPIRequest where Result == Bool {
    /// `setWebhook`: deliver updates to `url` (HTTPS) with `secretToken` in `X-Telegram-Bot-Api-Secret-Token`.
    package static func setWebhook(
        url: String, secretToken: String? = nil, allowedUpdates: [BotAPI.UpdateKind]? = nil,
        dropPendingUpdates: Bool? = nil, maxConnections: Int? = nil
    ) -> Self {
        Self(method: "setWebhook", parameters: SetWebhookParameters(
            url: url, secretToken: secretToken, allowedUpdates: allowedUpdates?.map(\.rawValue),
            dropPendingUpdates: dropPendingUpdates, maxConnections: maxConnections))
    }

    /// `deleteWebhook`: switch back to `getUpdates`.
    package static func deleteWebhook(dropPendingUpdates: Bool? = nil) -> Self {
        Self(method: "deleteWebhook", parameters: DeleteWebhookParameters(dropPendingUpdates: dropPendingUpdates))
    }

    /// `answerCallbackQuery`: stop the button's spinner, optionally with a notification or alert.
    package static func answerCallbackQuery(
        _ callbackQueryID: String, text: String? = nil, showAlert: Bool? = nil, url: String? = nil, cacheTime: Int? = nil
    ) -> Self {
        Self(method: "answerCallbackQuery", parameters: AnswerCallbackQueryParameters(
            callbackQueryID: callbackQueryID, text: text, showAlert: showAlert, url: url, cacheTime: cacheTime))
    }

    /// `setMyCommands`: the command menu for `scope` and `languageCode` (nil: all languages without their own list).
    package static func setMyCommands(
        _ commands: [BotAPI.BotCommand], scope: BotAPI.BotCommandScope? = nil, languageCode: String? = nil
    ) -> Self {
        Self(method: "setMyCommands", parameters: SetMyCommandsParameters(
            commands: commands, scope: scope, languageCode: languageCode))
    }

    /// `sendChatAction`: show "typing…" (or another action) for about 5 seconds.
    package static func sendChatAction(chatID: BotAPI.ChatID, action: BotAPI.ChatAction = .typing) -> Self {
        Self(method: "sendChatAction", parameters: SendChatActionParameters(chatID: chatID, action: action))
    }

    /// `deleteMessage`.
    package static func deleteMessage(chatID: BotAPI.ChatID, messageID: Int) -> Self {
        Self(method: "deleteMessage", parameters: DeleteMessageParameters(chatID: chatID, messageID: messageID))
    }
}

extension BotAPIRequest where Result == BotAPI.Message {
    /// `sendMessage`; `text` must already be escaped for `parseMode` (see ``TelegramHTML``) and at most 4096
    /// characters after entity parsing (see ``MessageSplitter``).
    package static func sendMessage(
        chatID: BotAPI.ChatID, text: String, parseMode: BotAPI.ParseMode? = .html,
        replyMarkup: BotAPI.InlineKeyboardMarkup? = nil, linkPreviewOptions: BotAPI.LinkPreviewOptions? = nil,
        replyParameters: BotAPI.ReplyParameters? = nil, disableNotification: Bool? = nil, messageThreadID: Int? = nil
    ) -> Self {
        Self(method: "sendMessage", parameters: SendMessageParameters(
            chatID: chatID, messageThreadID: messageThreadID, text: text, parseMode: parseMode,
            linkPreviewOptions: linkPreviewOptions, disableNotification: disableNotification,
            replyParameters: replyParameters, replyMarkup: replyMarkup))
    }

    /// `editMessageText` of a message the bot sent in `chatID`.
    package static func editMessageText(
        chatID: BotAPI.ChatID, messageID: Int, text: String, parseMode: BotAPI.ParseMode? = .html,
        replyMarkup: BotAPI.InlineKeyboardMarkup? = nil, linkPreviewOptions: BotAPI.LinkPreviewOptions? = nil
    ) -> Self {
        Self(method: "editMessageText", parameters: EditMessageTextParameters(
            chatID: chatID, messageID: messageID, text: text, parseMode: parseMode,
            linkPreviewOptions: linkPreviewOptions, replyMarkup: replyMarkup))
    }
}

/// Parameters of `getUpdates`.
private struct GetUpdatesParameters: Encodable, Sendable {
    var offset: Int64?
    var limit: Int?
    var timeout: Int?
    var allowedUpdates: [String]?

    enum CodingKeys: String, CodingKey {
        case offset, limit, timeout
        case allowedUpdates = "allowed_updates"
    }
}

/// Parameters of `setWebhook`.
private struct SetWebhookParameters: Encodable, Sendable {
    var url: String
    var secretToken: String?
    var allowedUpdates: [String]?
    var dropPendingUpdates: Bool?
    var maxConnections: Int?

    enum CodingKeys: String, CodingKey {
        case url
        case secretToken = "secret_token"
        case allowedUpdates = "allowed_updates"
        case dropPendingUpdates = "drop_pending_updates"
        case maxConnections = "max_connections"
    }
}

/// Parameters of `deleteWebhook`.
private struct DeleteWebhookParameters: Encodable, Sendable {
    var dropPendingUpdates: Bool?

    enum CodingKeys: String, CodingKey {
        case dropPendingUpdates = "drop_pending_updates"
    }
}

/// Parameters of `sendMessage`.
private struct SendMessageParameters: Encodable, Sendable {
    var chatID: BotAPI.ChatID
    var messageThreadID: Int?
    var text: String
    var parseMode: BotAPI.ParseMode?
    var linkPreviewOptions: BotAPI.LinkPreviewOptions?
    var disableNotification: Bool?
    var replyParameters: BotAPI.ReplyParameters?
    var replyMarkup: BotAPI.InlineKeyboardMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageThreadID = "message_thread_id"
        case text
        case parseMode = "parse_mode"
        case linkPreviewOptions = "link_preview_options"
        case disableNotification = "disable_notification"
        case replyParameters = "reply_parameters"
        case replyMarkup = "reply_markup"
    }
}

/// Parameters of `editMessageText`.
private struct EditMessageTextParameters: Encodable, Sendable {
    var chatID: BotAPI.ChatID
    var messageID: Int
    var text: String
    var parseMode: BotAPI.ParseMode?
    var linkPreviewOptions: BotAPI.LinkPreviewOptions?
    var replyMarkup: BotAPI.InlineKeyboardMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
        case text
        case parseMode = "parse_mode"
        case linkPreviewOptions = "link_preview_options"
        case replyMarkup = "reply_markup"
    }
}

/// Parameters of `answerCallbackQuery`.
private struct AnswerCallbackQueryParameters: Encodable, Sendable {
    var callbackQueryID: String
    var text: String?
    var showAlert: Bool?
    var url: String?
    var cacheTime: Int?

    enum CodingKeys: String, CodingKey {
        case callbackQueryID = "callback_query_id"
        case text
        case showAlert = "show_alert"
        case url
        case cacheTime = "cache_time"
    }
}

/// Parameters of `setMyCommands`.
private struct SetMyCommandsParameters: Encodable, Sendable {
    var commands: [BotAPI.BotCommand]
    var scope: BotAPI.BotCommandScope?
    var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case commands, scope
        case languageCode = "language_code"
    }
}

/// Parameters of `sendChatAction`.
private struct SendChatActionParameters: Encodable, Sendable {
    var chatID: BotAPI.ChatID
    var action: BotAPI.ChatAction

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case action
    }
}

/// Parameters of `deleteMessage`.
private struct DeleteMessageParameters: Encodable, Sendable {
    var chatID: BotAPI.ChatID
    var messageID: Int

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
    }
}
