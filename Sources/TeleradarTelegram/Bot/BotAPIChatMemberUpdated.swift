extension BotAPI {
    /// A change of a chat member's status (`ChatMemberUpdated`), e.g. the bot added to a group or blocked.
    package struct ChatMemberUpdated: Sendable, Hashable, Codable {
        /// The chat.
        package var chat: Chat
        /// Who made the change.
        package var from: User
        /// Unix time of the change.
        package var date: Int
        /// Previous membership.
        package var oldChatMember: ChatMember
        /// New membership.
        package var newChatMember: ChatMember

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case chat, from, date
            case oldChatMember = "old_chat_member"
            case newChatMember = "new_chat_member"
        }
    }

    /// The common part of the `ChatMember` variants: status and user.
    package struct ChatMember: Sendable, Hashable, Codable {
        /// `creator`, `administrator`, `member`, `restricted`, `left` or `kicked`.
        package var status: String
        /// The member.
        package var user: User
    }
}
