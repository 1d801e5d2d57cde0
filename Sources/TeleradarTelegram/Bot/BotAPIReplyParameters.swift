extension BotAPI {
    /// Which message a sent message replies to (`ReplyParameters`).
    package struct ReplyParameters: Sendable, Hashable, Codable {
        /// The message replied to.
        package var messageID: Int
        /// Its chat, if different from the target chat.
        package var chatID: ChatID?
        /// Send even if the replied message is gone.
        package var allowSendingWithoutReply: Bool?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case chatID = "chat_id"
            case allowSendingWithoutReply = "allow_sending_without_reply"
        }

        /// A reply to `messageID`.
        package init(messageID: Int, chatID: ChatID? = nil, allowSendingWithoutReply: Bool? = nil) {
            self.messageID = messageID
            self.chatID = chatID
            self.allowSendingWithoutReply = allowSendingWithoutReply
        }
    }
}
