extension BotAPI {
    /// An inline keyboard under a message (`InlineKeyboardMarkup`).
    package struct InlineKeyboardMarkup: Sendable, Hashable, Codable {
        /// Rows of buttons.
        package var inlineKeyboard: [[InlineKeyboardButton]]

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case inlineKeyboard = "inline_keyboard"
        }

        /// A keyboard with `rows` of buttons.
        package init(_ rows: [[InlineKeyboardButton]]) {
            inlineKeyboard = rows
        }
    }

    /// One inline keyboard button (`InlineKeyboardButton`); exactly one action field must be set,
    /// which the factory functions guarantee.
    package struct InlineKeyboardButton: Sendable, Hashable, Codable {
        /// Label.
        package var text: String
        /// HTTP or `tg://` URL to open.
        package var url: String?
        /// Data sent back in a callback query, 1–64 bytes.
        package var callbackData: String?
        /// Mini App to open (private chats only).
        package var webApp: WebAppInfo?
        /// Text to copy to the clipboard.
        package var copyText: CopyTextButton?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case text, url
            case callbackData = "callback_data"
            case webApp = "web_app"
            case copyText = "copy_text"
        }

        /// The largest `callback_data` Telegram accepts, in bytes.
        package static let maxCallbackDataBytes = 64

        /// A button that sends `data` back in a callback query; data longer than 64 UTF-8 bytes is rejected by Telegram.
        package static func callback(_ text: String, data: String) -> Self {
            Self(text: text, callbackData: data)
        }

        /// A button that opens `url`.
        package static func url(_ text: String, url: String) -> Self {
            Self(text: text, url: url)
        }

        /// A button that opens the Mini App at `url` (HTTPS).
        package static func webApp(_ text: String, url: String) -> Self {
            Self(text: text, webApp: WebAppInfo(url: url))
        }

        /// A button that copies `value` to the clipboard.
        package static func copy(_ text: String, value: String) -> Self {
            Self(text: text, copyText: CopyTextButton(text: value))
        }

        /// Memberwise initializer; prefer the factory functions.
        package init(
            text: String, url: String? = nil, callbackData: String? = nil,
            webApp: WebAppInfo? = nil, copyText: CopyTextButton? = nil
        ) {
            self.text = text
            self.url = url
            self.callbackData = callbackData
            self.webApp = webApp
            self.copyText = copyText
        }
    }

    /// A Mini App to open (`WebAppInfo`).
    package struct WebAppInfo: Sendable, Hashable, Codable {
        /// HTTPS URL of the Mini App.
        package var url: String

        /// A Mini App at `url`.
        package init(url: String) { self.url = url }
    }

    /// Clipboard text of a copy button (`CopyTextButton`).
    package struct CopyTextButton: Sendable, Hashable, Codable {
        /// Text to copy, 1–256 characters.
        package var text: String

        /// Copies `text`.
        package init(text: String) { self.text = text }
    }
}
