import Foundation

/// TDLib's `chat`, reduced to what channel resolution needs.
package struct TDChat: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["chat"]

    /// TDLib chat id (`-100<supergroup id>` for channels and supergroups).
    package var id: Int64
    /// The chat title.
    package var title: String
    /// What kind of chat it is.
    package var type: TDChatType

    enum CodingKeys: String, CodingKey {
        case id, title, type
    }

    /// A chat value.
    package init(id: Int64, title: String, type: TDChatType) {
        self.id = id
        self.title = title
        self.type = type
    }
}

/// TDLib's `ChatType`.
package enum TDChatType: Decodable, Sendable, Hashable {
    /// `chatTypePrivate`: a user or bot.
    case privateChat(userID: Int64)
    /// `chatTypeBasicGroup`: a small group (never public).
    case basicGroup(basicGroupID: Int64)
    /// `chatTypeSupergroup`: a supergroup, or a channel when `isChannel`.
    case supergroup(supergroupID: Int64, isChannel: Bool)
    /// `chatTypeSecret`: an end-to-end encrypted chat.
    case secret(secretChatID: Int32, userID: Int64)
    /// A chat type this client does not know.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = [
        "chatTypePrivate", "chatTypeBasicGroup", "chatTypeSupergroup", "chatTypeSecret",
    ]

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "chatTypePrivate":
            self = .privateChat(userID: try container.decode(Int64.self, forKey: TDKey("user_id")))
        case "chatTypeBasicGroup":
            self = .basicGroup(basicGroupID: try container.decode(Int64.self, forKey: TDKey("basic_group_id")))
        case "chatTypeSupergroup":
            self = .supergroup(
                supergroupID: try container.decode(Int64.self, forKey: TDKey("supergroup_id")),
                isChannel: try container.decode(Bool.self, forKey: TDKey("is_channel"), default: false)
            )
        case "chatTypeSecret":
            self = .secret(
                secretChatID: try container.decode(Int32.self, forKey: TDKey("secret_chat_id")),
                userID: try container.decode(Int64.self, forKey: TDKey("user_id"))
            )
        default:
            self = .unknown(type)
        }
    }
}
