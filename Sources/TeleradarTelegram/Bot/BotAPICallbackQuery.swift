extension BotAPI {
    /// A press of an inline keyboard callback button (`CallbackQuery`); answer it with `answerCallbackQuery`.
    package struct CallbackQuery: Sendable, Hashable, Codable {
        /// Unique identifier, passed to `answerCallbackQuery`.
        package var id: String
        /// Who pressed the button.
        package var from: User
        /// The message with the button (an `InaccessibleMessage`, `date` 0, if too old).
        package var message: Message?
        /// For buttons on inline-mode messages.
        package var inlineMessageID: String?
        /// Global identifier of the chat the message was in.
        package var chatInstance: String
        /// `callback_data` of the button (1–64 bytes); may be forged, so treat as untrusted input.
        package var data: String?
        /// Short name of a game.
        package var gameShortName: String?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case id, from, message
            case inlineMessageID = "inline_message_id"
            case chatInstance = "chat_instance"
            case data
            case gameShortName = "game_short_name"
        }

        /// Memberwise initializer.
        package init(id: String, from: User, message: Message? = nil, chatInstance: String, data: String? = nil) {
            self.id = id
            self.from = from
            self.message = message
            self.chatInstance = chatInstance
            self.data = data
        }
    }
}
