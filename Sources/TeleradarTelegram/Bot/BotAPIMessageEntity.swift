extension BotAPI {
    /// A special entity in a text message (`MessageEntity`): command, link, bold, …
    package struct MessageEntity: Sendable, Hashable, Codable {
        /// `mention`, `hashtag`, `bot_command`, `url`, `bold`, `text_link`, `pre`, …
        package var type: String
        /// Offset in UTF-16 code units to the start of the entity.
        package var offset: Int
        /// Length of the entity in UTF-16 code units.
        package var length: Int
        /// For `text_link`: the URL.
        package var url: String?
        /// For `text_mention`: the user.
        package var user: User?
        /// For `pre`: the programming language.
        package var language: String?

        /// Memberwise initializer.
        package init(type: String, offset: Int, length: Int, url: String? = nil, user: User? = nil, language: String? = nil) {
            self.type = type
            self.offset = offset
            self.length = length
            self.url = url
            self.user = user
            self.language = language
        }

        /// The slice of `text` this entity covers, counted in UTF-16 as Telegram does; nil if out of range.
        package func substring(of text: String) -> String? {
            let units = text.utf16
            guard offset >= 0, length >= 0, offset + length <= units.count else { return nil }
            let start = units.index(units.startIndex, offsetBy: offset)
            let end = units.index(start, offsetBy: length)
            guard let lower = start.samePosition(in: text.unicodeScalars),
                  let upper = end.samePosition(in: text.unicodeScalars) else { return nil }
            return String(text.unicodeScalars[lower..<upper])
        }
    }
}
