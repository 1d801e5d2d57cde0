/// Namespace for the Telegram Bot API types (`BotAPI.User`, `BotAPI.Message`, …).
///
/// The names follow the Bot API documentation; they live in a namespace because `TeleradarCore`
/// has its own `User` and `Poll`. Only the fields Teleradar uses are modelled; unknown JSON fields are ignored.
package enum BotAPI {
    /// Text formatting mode of `parse_mode`.
    package enum ParseMode: String, Sendable, Codable, Hashable {
        /// Telegram's HTML subset; escape text with ``TelegramHTML``.
        case html = "HTML"
        /// MarkdownV2.
        case markdownV2 = "MarkdownV2"
    }

    /// The `action` of `sendChatAction`.
    package enum ChatAction: String, Sendable, Codable, Hashable {
        /// "typing…"
        case typing
        /// "sending photo…"
        case uploadPhoto = "upload_photo"
        /// "sending file…"
        case uploadDocument = "upload_document"
        /// "choosing sticker…"
        case chooseSticker = "choose_sticker"
    }

    /// Update kinds for `allowed_updates`.
    package enum UpdateKind: String, Sendable, Codable, Hashable, CaseIterable {
        /// New incoming message.
        case message
        /// Edited message.
        case editedMessage = "edited_message"
        /// New channel post.
        case channelPost = "channel_post"
        /// Edited channel post.
        case editedChannelPost = "edited_channel_post"
        /// Inline keyboard button press.
        case callbackQuery = "callback_query"
        /// The bot's own membership changed.
        case myChatMember = "my_chat_member"
    }
}
