import Foundation

/// A Telegram channel known to Teleradar. Channels are global: one row per channel however many users
/// follow it; `subscriptions` link users to channels.
package struct Channel: Sendable, Hashable, Codable {
    package var id: Int64
    package var username: String
    package var telegramID: Int64?
    package var title: String
    package var description: String
    package var avatarURL: String?
    /// `web`, `tdlib` or `export`.
    package var sourceKind: String
    /// The ingestion cursor: the highest message id stored.
    package var lastMessageID: Int64
    package var lastParsedAt: Date?
    package var lastError: String?
    package var createdAt: Date

    package init(
        id: Int64, username: String, telegramID: Int64? = nil, title: String, description: String = "",
        avatarURL: String? = nil, sourceKind: String = "web", lastMessageID: Int64 = 0, lastParsedAt: Date? = nil,
        lastError: String? = nil, createdAt: Date = Date()
    ) {
        self.id = id
        self.username = username
        self.telegramID = telegramID
        self.title = title
        self.description = description
        self.avatarURL = avatarURL
        self.sourceKind = sourceKind
        self.lastMessageID = lastMessageID
        self.lastParsedAt = lastParsedAt
        self.lastError = lastError
        self.createdAt = createdAt
    }

    /// The link of one post.
    package func postURL(_ messageID: Int64) -> String { "https://t.me/\(username)/\(messageID)" }
}

/// A stored post.
package struct Post: Sendable, Hashable, Codable {
    package var id: Int64
    package var channelID: Int64
    package var channelUsername: String
    package var messageID: Int64
    package var text: String
    package var entities: [TextEntity]
    package var links: [String]
    package var views: Int?
    package var forwardedFrom: String?
    package var mediaKind: MediaKind?
    package var replyToMessageID: Int64?
    package var author: String?
    package var poll: Poll?
    package var linkPreview: LinkPreview?
    package var postedAt: Date
    package var editedAt: Date?
    package var tags: [String]
    package var enrichedText: String
    package var taggingStatus: String
    package var indexingStatus: String

    package init(
        id: Int64, channelID: Int64, channelUsername: String, messageID: Int64, text: String, entities: [TextEntity] = [],
        links: [String] = [], views: Int? = nil, forwardedFrom: String? = nil, mediaKind: MediaKind? = nil,
        replyToMessageID: Int64? = nil, author: String? = nil, poll: Poll? = nil, linkPreview: LinkPreview? = nil,
        postedAt: Date, editedAt: Date? = nil, tags: [String] = [], enrichedText: String = "",
        taggingStatus: String = "pending", indexingStatus: String = "pending"
    ) {
        self.id = id
        self.channelID = channelID
        self.channelUsername = channelUsername
        self.messageID = messageID
        self.text = text
        self.entities = entities
        self.links = links
        self.views = views
        self.forwardedFrom = forwardedFrom
        self.mediaKind = mediaKind
        self.replyToMessageID = replyToMessageID
        self.author = author
        self.poll = poll
        self.linkPreview = linkPreview
        self.postedAt = postedAt
        self.editedAt = editedAt
        self.tags = tags
        self.enrichedText = enrichedText
        self.taggingStatus = taggingStatus
        self.indexingStatus = indexingStatus
    }

    /// `https://t.me/<channel>/<id>`.
    package var url: String { "https://t.me/\(channelUsername)/\(messageID)" }

    /// Everything searchable about the post: text, poll, link preview and enriched link text.
    package var searchableText: String {
        Self.searchableText(
            text: text, poll: poll, linkPreview: linkPreview, enrichedText: enrichedText)
    }

    /// The searchable text of a post's parts.
    package static func searchableText(text: String, poll: Poll?, linkPreview: LinkPreview?, enrichedText: String) -> String {
        var parts = [text]
        if let poll { parts.append(poll.question); parts.append(contentsOf: poll.options) }
        if let preview = linkPreview { parts.append(contentsOf: [preview.title, preview.description].compactMap { $0 }) }
        if !enrichedText.isEmpty { parts.append(enrichedText) }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
