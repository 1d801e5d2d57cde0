import Foundation
import TeleradarCore
import TeleradarTelegram

/// One incoming message or button press, with the sender resolved to a Teleradar user.
package struct BotRequest: Sendable {
    /// The chat to answer in.
    package var chatID: Int64
    /// The Telegram sender.
    package var from: BotAPI.User
    /// The reply language.
    package var language: BotLanguage
    /// The Teleradar user (registered on first contact, tier expiry applied).
    package var user: User
    /// When the request is handled.
    package var now: Date

    /// The text for `key` in this request's language.
    package func text(_ key: BotTextKey, _ values: [String: String] = [:]) -> String {
        BotTexts.render(key, language, values)
    }
}

/// Small formatting helpers shared by the handlers.
package enum BotFormat {
    /// `yyyy-MM-dd HH:mm` in UTC.
    package static func dateTime(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm") }

    /// `yyyy-MM-dd` in UTC.
    package static func date(_ date: Date) -> String { format(date, "yyyy-MM-dd") }

    /// A display name for a Telegram sender, escaped for HTML.
    package static func name(of user: BotAPI.User) -> String {
        TelegramHTML.escape(user.firstName.isEmpty ? (user.username ?? "👋") : user.firstName)
    }

    /// `@channel`, escaped for HTML.
    package static func channel(_ username: String) -> String { TelegramHTML.escape("@\(username)") }

    /// `text` cut to at most `limit` characters with an ellipsis.
    package static func snippet(_ text: String, limit: Int = 200) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
