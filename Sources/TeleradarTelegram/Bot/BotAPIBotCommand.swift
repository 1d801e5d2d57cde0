extension BotAPI {
    /// A command shown in the bot's menu (`BotCommand`).
    package struct BotCommand: Sendable, Hashable, Codable {
        /// 1–32 characters: lower-case letters, digits and underscores, without `/`.
        package var command: String
        /// 1–256 characters.
        package var description: String

        /// A menu entry.
        package init(command: String, description: String) {
            self.command = command
            self.description = description
        }
    }

    /// Which users see a command list (`BotCommandScope` and its subtypes).
    package enum BotCommandScope: Sendable, Hashable, Codable {
        /// `BotCommandScopeDefault`.
        case `default`
        /// `BotCommandScopeAllPrivateChats`.
        case allPrivateChats
        /// `BotCommandScopeAllGroupChats`.
        case allGroupChats
        /// `BotCommandScopeAllChatAdministrators`.
        case allChatAdministrators
        /// `BotCommandScopeChat`.
        case chat(ChatID)
        /// `BotCommandScopeChatAdministrators`.
        case chatAdministrators(ChatID)
        /// `BotCommandScopeChatMember`.
        case chatMember(ChatID, userID: Int64)

        /// JSON keys of the subtypes.
        enum CodingKeys: String, CodingKey {
            case type
            case chatID = "chat_id"
            case userID = "user_id"
        }

        /// The `type` discriminator.
        package var type: String {
            switch self {
            case .default: "default"
            case .allPrivateChats: "all_private_chats"
            case .allGroupChats: "all_group_chats"
            case .allChatAdministrators: "all_chat_administrators"
            case .chat: "chat"
            case .chatAdministrators: "chat_administrators"
            case .chatMember: "chat_member"
            }
        }

        /// Encodes `type` plus the subtype's fields.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            switch self {
            case .default, .allPrivateChats, .allGroupChats, .allChatAdministrators:
                break
            case .chat(let chat), .chatAdministrators(let chat):
                try container.encode(chat, forKey: .chatID)
            case .chatMember(let chat, let userID):
                try container.encode(chat, forKey: .chatID)
                try container.encode(userID, forKey: .userID)
            }
        }

        /// Decodes by `type`.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "default": self = .default
            case "all_private_chats": self = .allPrivateChats
            case "all_group_chats": self = .allGroupChats
            case "all_chat_administrators": self = .allChatAdministrators
            case "chat": self = .chat(try container.decode(ChatID.self, forKey: .chatID))
            case "chat_administrators": self = .chatAdministrators(try container.decode(ChatID.self, forKey: .chatID))
            case "chat_member":
                self = .chatMember(
                    try container.decode(ChatID.self, forKey: .chatID),
                    userID: try container.decode(Int64.self, forKey: .userID))
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unknown scope type \(other)")
            }
        }
    }
}
