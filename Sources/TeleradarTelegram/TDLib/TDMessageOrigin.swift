import Foundation

/// TDLib's `messageForwardInfo`, reduced to the origin and original date.
package struct TDMessageForwardInfo: Decodable, Sendable, Hashable {
    /// The TL constructor.
    package static let constructors = ["messageForwardInfo"]

    /// Who originally sent the message.
    package var origin: TDMessageOrigin
    /// Unix time the original was sent.
    package var date: Int

    enum CodingKeys: String, CodingKey {
        case origin, date
    }

    /// A value field by field.
    package init(origin: TDMessageOrigin, date: Int) {
        self.origin = origin
        self.date = date
    }
}

/// TDLib's `MessageOrigin`: the original sender of a forwarded message.
package enum TDMessageOrigin: Decodable, Sendable, Hashable {
    /// `messageOriginUser`: a user whose account is visible.
    case user(senderUserID: Int64)
    /// `messageOriginHiddenUser`: a user who hides their account; only the name is known.
    case hiddenUser(senderName: String)
    /// `messageOriginChat`: posted anonymously on behalf of a group.
    case chat(senderChatID: Int64, authorSignature: String)
    /// `messageOriginChannel`: a channel post (`messageID` is the TDLib id in that channel).
    case channel(chatID: Int64, messageID: Int64, authorSignature: String)
    /// An origin kind this client does not know.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = [
        "messageOriginUser", "messageOriginHiddenUser", "messageOriginChat", "messageOriginChannel",
    ]

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        let signature = try container.decode(String.self, forKey: TDKey("author_signature"), default: "")
        switch type {
        case "messageOriginUser":
            self = .user(senderUserID: try container.decode(Int64.self, forKey: TDKey("sender_user_id")))
        case "messageOriginHiddenUser":
            self = .hiddenUser(senderName: try container.decode(String.self, forKey: TDKey("sender_name"), default: ""))
        case "messageOriginChat":
            self = .chat(
                senderChatID: try container.decode(Int64.self, forKey: TDKey("sender_chat_id")),
                authorSignature: signature
            )
        case "messageOriginChannel":
            self = .channel(
                chatID: try container.decode(Int64.self, forKey: TDKey("chat_id")),
                messageID: try container.decode(Int64.self, forKey: TDKey("message_id"), default: 0),
                authorSignature: signature
            )
        default:
            self = .unknown(type)
        }
    }

    /// The chat whose title names this origin, for chat and channel origins.
    package var chatID: Int64? {
        switch self {
        case .chat(let id, _), .channel(let id, _, _): id
        default: nil
        }
    }

    /// A display string: the hidden user's name, or the chat's title from `chatTitles` (falling back to
    /// `chat <id>` / `user <id>`), with the author signature in parentheses when there is one.
    package func displayName(chatTitles: [Int64: String] = [:]) -> String? {
        func signed(_ name: String, _ signature: String) -> String {
            signature.isEmpty ? name : "\(name) (\(signature))"
        }
        switch self {
        case .user(let id): return "user \(id)"
        case .hiddenUser(let name): return name.isEmpty ? nil : name
        case .chat(let id, let signature): return signed(chatTitles[id] ?? "chat \(id)", signature)
        case .channel(let id, _, let signature): return signed(chatTitles[id] ?? "channel \(id)", signature)
        case .unknown: return nil
        }
    }
}
