import Foundation

/// A retrieved post handed to answer building (``ContextBuilder``, ``ExtractiveAnswerer``), in
/// retrieval order.
package struct ContextPost: Sendable, Equatable {
    /// The post's database id.
    package var postID: Int64
    /// The channel's public username (with or without `@`); empty for a channel without one.
    package var channel: String
    /// The message id within the channel.
    package var messageID: Int64
    /// When the post was published.
    package var postedAt: Date
    /// The post's text.
    package var text: String

    /// A post with all its fields.
    package init(postID: Int64, channel: String, messageID: Int64, postedAt: Date, text: String) {
        self.postID = postID
        self.channel = channel
        self.messageID = messageID
        self.postedAt = postedAt
        self.text = text
    }
}
