import Foundation

/// A post as a source delivered it, before it is stored: the common shape of every `ChannelSource`
/// (Telegram Desktop export, t.me/s web preview, TDLib).
package struct IncomingPost: Sendable, Hashable, Codable {
    /// The message id inside its channel; unique per channel and the ingestion cursor.
    package var messageID: Int64
    /// When the post was published (UTC).
    package var postedAt: Date
    /// When the post was last edited, if ever.
    package var editedAt: Date?
    /// Plain text of the post (caption for media posts); empty for media without a caption.
    package var text: String
    /// Formatting and link entities over `text`, offsets in UTF-16 code units as Telegram counts them.
    package var entities: [TextEntity]
    /// View counter when the source reports it.
    package var views: Int?
    /// Display name or username of the original author when the post was forwarded.
    package var forwardedFrom: String?
    /// The kind of media attached, if any.
    package var mediaKind: MediaKind?
    /// The message this one replies to, inside the same chat.
    package var replyToMessageID: Int64?
    /// Author signature or sender name (groups, signed channels).
    package var author: String?
    /// The poll attached to the post, if any.
    package var poll: Poll?
    /// The link preview attached to the post, if any.
    package var linkPreview: LinkPreview?
    /// Service messages (pins, joins, title changes…) are kept apart from content posts.
    package var isService: Bool
    /// Service action name (`pin_message`, `create_channel`…) when `isService`.
    package var serviceAction: String?

    package init(
        messageID: Int64, postedAt: Date, editedAt: Date? = nil, text: String,
        entities: [TextEntity] = [], views: Int? = nil, forwardedFrom: String? = nil,
        mediaKind: MediaKind? = nil, replyToMessageID: Int64? = nil, author: String? = nil,
        poll: Poll? = nil, linkPreview: LinkPreview? = nil, isService: Bool = false,
        serviceAction: String? = nil
    ) {
        self.messageID = messageID
        self.postedAt = postedAt
        self.editedAt = editedAt
        self.text = text
        self.entities = entities
        self.views = views
        self.forwardedFrom = forwardedFrom
        self.mediaKind = mediaKind
        self.replyToMessageID = replyToMessageID
        self.author = author
        self.poll = poll
        self.linkPreview = linkPreview
        self.isService = isService
        self.serviceAction = serviceAction
    }

    /// Every URL the post links to: `url`/`text_link` entities first, then the link preview, de-duplicated
    /// in order of appearance.
    package var links: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for entity in entities {
            guard let url = entity.url(in: text), seen.insert(url).inserted else { continue }
            result.append(url)
        }
        if let url = linkPreview?.url, seen.insert(url).inserted { result.append(url) }
        return result
    }
}

/// A formatting or link span inside a post's text.
package struct TextEntity: Sendable, Hashable, Codable {
    /// Telegram's entity type name in snake case: `bold`, `italic`, `url`, `text_link`, `mention`,
    /// `hashtag`, `code`, `pre`, `spoiler`, `strikethrough`, `underline`, `custom_emoji`…
    package var type: String
    /// Start offset in UTF-16 code units.
    package var offset: Int
    /// Length in UTF-16 code units.
    package var length: Int
    /// Target of a `text_link`, or the language of a `pre` block, when present.
    package var url: String?
    package var language: String?

    package init(type: String, offset: Int, length: Int, url: String? = nil, language: String? = nil) {
        self.type = type
        self.offset = offset
        self.length = length
        self.url = url
        self.language = language
    }

    /// The URL this entity points to: `url` for `text_link`, the covered text for `url` entities.
    package func url(in text: String) -> String? {
        switch type {
        case "text_link": return url
        case "url":
            let utf16 = text.utf16
            guard offset >= 0, length > 0, offset + length <= utf16.count else { return nil }
            let start = utf16.index(utf16.startIndex, offsetBy: offset)
            let end = utf16.index(start, offsetBy: length)
            return String(utf16[start..<end])
        default: return nil
        }
    }
}

/// The kind of media attached to a post.
package enum MediaKind: String, Sendable, Hashable, Codable, CaseIterable {
    case photo, video, animation, audio, voice, videoNote = "video_note", document, sticker, poll
    case location, venue, contact, game, invoice, other
}

/// A poll attached to a post.
package struct Poll: Sendable, Hashable, Codable {
    package var question: String
    package var options: [String]
    package var totalVoters: Int?

    package init(question: String, options: [String], totalVoters: Int? = nil) {
        self.question = question
        self.options = options
        self.totalVoters = totalVoters
    }
}

/// A link preview attached to a post.
package struct LinkPreview: Sendable, Hashable, Codable {
    package var url: String
    package var siteName: String?
    package var title: String?
    package var description: String?

    package init(url: String, siteName: String? = nil, title: String? = nil, description: String? = nil) {
        self.url = url
        self.siteName = siteName
        self.title = title
        self.description = description
    }
}
