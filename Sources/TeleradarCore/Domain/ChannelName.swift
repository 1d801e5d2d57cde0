import Foundation

/// A public channel's username, validated by Telegram's rules and normalised to lower case.
///
/// Accepts what users paste: `@name`, `name`, `t.me/name`, `https://t.me/name`, `https://t.me/s/name`,
/// `telegram.me/name`, optionally with a post id or query after it.
package struct ChannelName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lower-case username without `@`.
    package let value: String

    package var description: String { "@" + value }

    /// The public link of the channel.
    package var url: String { "https://t.me/\(value)" }

    /// The link of one post.
    package func postURL(_ messageID: Int64) -> String { "https://t.me/\(value)/\(messageID)" }

    package init(parsing raw: String) throws(DomainError) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalidArgument("give a channel name like @durov or a t.me link") }
        guard text.count <= 200 else { throw .invalidArgument("that is too long to be a channel name") }
        for prefix in ["https://", "http://"] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        let lower = text.lowercased()
        for host in ["www.t.me/", "t.me/", "telegram.me/", "telegram.dog/"] where lower.hasPrefix(host) {
            text = String(text.dropFirst(host.count))
            if text.lowercased().hasPrefix("s/") { text = String(text.dropFirst(2)) }
            text = String(text.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
            break
        }
        if text.hasPrefix("@") { text = String(text.dropFirst()) }
        if text.hasPrefix("+") || text.lowercased().hasPrefix("joinchat") {
            throw .invalidArgument("private invite links cannot be followed; give a public channel's @name")
        }
        try Self.validate(text)
        value = text.lowercased()
    }

    /// Telegram's username rules: 5–32 characters of a–z, 0–9 and `_`, starting with a letter, not ending
    /// with `_`, no `__`.
    static func validate(_ name: String) throws(DomainError) {
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        guard (5...32).contains(name.count) else {
            throw .invalidArgument("'\(shown)' is not a valid channel name: it must be 5 to 32 characters long")
        }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .invalidArgument("'\(shown)' is not a valid channel name: only letters a–z, digits and _ are allowed")
        }
        guard let first = name.first, first.isLetter else {
            throw .invalidArgument("'\(shown)' is not a valid channel name: it must start with a letter")
        }
        guard !name.hasSuffix("_"), !name.contains("__") else {
            throw .invalidArgument("'\(shown)' is not a valid channel name: it cannot end with _ or contain __")
        }
    }
}
