import Foundation

/// A numbered source of an answer: what `[number]` in the answer text points to.
package struct AnswerSource: Sendable, Equatable, Hashable {
    /// The citation number, from 1.
    package var number: Int
    /// The post's database id.
    package var postID: Int64
    /// The channel's username without `@` (empty when it has none).
    package var channel: String
    /// The message id within the channel.
    package var messageID: Int64
    /// When the post was published.
    package var postedAt: Date
    /// `https://t.me/<channel>/<message id>`, or `nil` when the channel has no valid public username.
    package var link: String?

    /// The source numbered `number` for `post`.
    package init(number: Int, post: ContextPost) {
        let channel = Self.username(post.channel)
        self.number = number
        self.postID = post.postID
        self.channel = channel
        self.messageID = post.messageID
        self.postedAt = post.postedAt
        self.link = Self.link(channel: channel, messageID: post.messageID)
    }

    /// `channel` without a leading `@`, `https://t.me/` or surrounding spaces.
    package static func username(_ channel: String) -> String {
        var name = Substring(channel.trimmingCharacters(in: .whitespaces))
        for prefix in ["https://t.me/", "http://t.me/", "t.me/", "@"] where name.lowercased().hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        return String(name)
    }

    /// The public link of a message, or `nil` when `channel` is not a valid username
    /// (letters, digits and `_`, 4–32 characters, ASCII only) or the message id is not positive.
    package static func link(channel: String, messageID: Int64) -> String? {
        let valid = (4...32).contains(channel.count) && channel.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
        guard valid, messageID > 0 else { return nil }
        return "https://t.me/\(channel)/\(messageID)"
    }
}
