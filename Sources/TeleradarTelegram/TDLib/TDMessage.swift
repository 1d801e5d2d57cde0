import Foundation

/// TDLib's `message`, reduced to what a stored post needs.
package struct TDMessage: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["message"]
    /// TDLib message ids of server messages are the public (t.me) id shifted left by this many bits.
    package static let serverIDShift: Int64 = 20

    /// TDLib message id: `public id << 20` for messages stored on the server.
    package var id: Int64
    /// The chat the message belongs to.
    package var chatID: Int64
    /// Unix time of sending.
    package var date: Int
    /// Unix time of the last edit; 0 when never edited.
    package var editDate: Int
    /// The content.
    package var content: TDMessageContent
    /// Where the message was forwarded from, if it was.
    package var forwardInfo: TDMessageForwardInfo?
    /// View counter (channels), when TDLib knows it.
    package var viewCount: Int?
    /// What the message replies to.
    package var replyTo: TDMessageReplyTo?
    /// The signature of the author in signed channels; may be empty.
    package var authorSignature: String
    /// True for posts of a channel.
    package var isChannelPost: Bool

    enum CodingKeys: String, CodingKey {
        case id
        case chatID = "chat_id"
        case date
        case editDate = "edit_date"
        case content
        case forwardInfo = "forward_info"
        case interactionInfo = "interaction_info"
        case replyTo = "reply_to"
        case authorSignature = "author_signature"
        case isChannelPost = "is_channel_post"
    }

    private struct InteractionInfo: Decodable {
        var viewCount: Int?
        enum CodingKeys: String, CodingKey { case viewCount = "view_count" }
    }

    /// A message field by field.
    package init(
        id: Int64, chatID: Int64, date: Int, editDate: Int = 0, content: TDMessageContent,
        forwardInfo: TDMessageForwardInfo? = nil, viewCount: Int? = nil, replyTo: TDMessageReplyTo? = nil,
        authorSignature: String = "", isChannelPost: Bool = true
    ) {
        self.id = id
        self.chatID = chatID
        self.date = date
        self.editDate = editDate
        self.content = content
        self.forwardInfo = forwardInfo
        self.viewCount = viewCount
        self.replyTo = replyTo
        self.authorSignature = authorSignature
        self.isChannelPost = isChannelPost
    }

    /// Decodes the fields used; `id`, `chat_id`, `date` and `content` are required.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        chatID = try container.decode(Int64.self, forKey: .chatID)
        date = try container.decode(Int.self, forKey: .date)
        editDate = try container.decodeIfPresent(Int.self, forKey: .editDate) ?? 0
        content = try container.decode(TDMessageContent.self, forKey: .content)
        forwardInfo = try container.decodeIfPresent(TDMessageForwardInfo.self, forKey: .forwardInfo)
        viewCount = try container.decodeIfPresent(InteractionInfo.self, forKey: .interactionInfo)?.viewCount
        replyTo = try container.decodeIfPresent(TDMessageReplyTo.self, forKey: .replyTo)
        authorSignature = try container.decodeIfPresent(String.self, forKey: .authorSignature) ?? ""
        isChannelPost = try container.decodeIfPresent(Bool.self, forKey: .isChannelPost) ?? false
    }

    /// True when `id` is a server message id (a multiple of 2^20): local or yet-unsent messages are not.
    package var isServerMessage: Bool {
        Self.isServerMessageID(id)
    }

    /// True when TDLib message id `id` is a server message id (a multiple of 2^20).
    package static func isServerMessageID(_ id: Int64) -> Bool {
        id > 0 && id & ((1 << serverIDShift) - 1) == 0
    }

    /// The public message id (as in `t.me/<channel>/<id>`).
    package var publicID: Int64 {
        Self.publicID(fromTDLibID: id)
    }

    /// TDLib message id → public message id.
    package static func publicID(fromTDLibID id: Int64) -> Int64 {
        id >> serverIDShift
    }

    /// Public message id → TDLib message id; nil when it would overflow.
    package static func tdlibID(fromPublicID id: Int64) -> Int64? {
        guard id >= 0, id <= Int64.max >> serverIDShift else { return nil }
        return id << serverIDShift
    }
}
