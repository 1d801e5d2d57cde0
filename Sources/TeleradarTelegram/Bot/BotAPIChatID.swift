extension BotAPI {
    /// A `chat_id` parameter: a numeric id or `@username` of a channel or supergroup.
    package enum ChatID: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
        /// Numeric chat id; negative for groups, supergroups and channels.
        case id(Int64)
        /// `@channelusername`.
        case username(String)

        /// A numeric chat id from a literal.
        package init(integerLiteral value: Int64) { self = .id(value) }

        /// True for chats that are not private dialogs (negative ids and `@usernames`),
        /// which get the stricter group limit.
        package var isGroupLike: Bool {
            switch self {
            case .id(let id): id < 0
            case .username: true
            }
        }

        /// The id or username as text.
        package var description: String {
            switch self {
            case .id(let id): String(id)
            case .username(let name): name
            }
        }

        /// Decodes a JSON integer or string.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let id = try? container.decode(Int64.self) {
                self = .id(id)
            } else {
                self = .username(try container.decode(String.self))
            }
        }

        /// Encodes as a JSON integer or string.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .id(let id): try container.encode(id)
            case .username(let name): try container.encode(name)
            }
        }
    }
}
