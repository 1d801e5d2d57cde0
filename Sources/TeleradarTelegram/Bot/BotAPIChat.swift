extension BotAPI {
    /// A chat (`Chat`).
    package struct Chat: Sendable, Hashable, Codable {
        /// Unique identifier; negative for groups, supergroups and channels.
        package var id: Int64
        /// `private`, `group`, `supergroup` or `channel`.
        package var type: String
        /// Title of groups, supergroups and channels.
        package var title: String?
        /// Username without `@`.
        package var username: String?
        /// First name of the other party in a private chat.
        package var firstName: String?
        /// Last name of the other party in a private chat.
        package var lastName: String?
        /// True for supergroups with topics.
        package var isForum: Bool?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case id, type, title, username
            case firstName = "first_name"
            case lastName = "last_name"
            case isForum = "is_forum"
        }

        /// Memberwise initializer.
        package init(
            id: Int64, type: String, title: String? = nil, username: String? = nil,
            firstName: String? = nil, lastName: String? = nil, isForum: Bool? = nil
        ) {
            self.id = id
            self.type = type
            self.title = title
            self.username = username
            self.firstName = firstName
            self.lastName = lastName
            self.isForum = isForum
        }

        /// True for a one-to-one dialog with the bot.
        package var isPrivate: Bool { type == "private" }
        /// This chat as a `chat_id` parameter.
        package var chatID: ChatID { .id(id) }
    }
}
