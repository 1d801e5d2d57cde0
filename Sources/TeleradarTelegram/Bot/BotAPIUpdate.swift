extension BotAPI {
    /// An incoming update (`Update`); at most one of the optional fields is set.
    package struct Update: Sendable, Hashable, Codable {
        /// Sequential identifier; the next `getUpdates` offset is the highest seen plus one.
        package var updateID: Int64
        /// New incoming message.
        package var message: Message?
        /// New version of a known message.
        package var editedMessage: Message?
        /// New channel post.
        package var channelPost: Message?
        /// New version of a channel post.
        package var editedChannelPost: Message?
        /// Inline keyboard button press.
        package var callbackQuery: CallbackQuery?
        /// The bot's own membership changed (added, blocked, …); decoded but not acted on.
        package var myChatMember: ChatMemberUpdated?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case updateID = "update_id"
            case message
            case editedMessage = "edited_message"
            case channelPost = "channel_post"
            case editedChannelPost = "edited_channel_post"
            case callbackQuery = "callback_query"
            case myChatMember = "my_chat_member"
        }

        /// Memberwise initializer.
        package init(
            updateID: Int64, message: Message? = nil, editedMessage: Message? = nil, channelPost: Message? = nil,
            editedChannelPost: Message? = nil, callbackQuery: CallbackQuery? = nil, myChatMember: ChatMemberUpdated? = nil
        ) {
            self.updateID = updateID
            self.message = message
            self.editedMessage = editedMessage
            self.channelPost = channelPost
            self.editedChannelPost = editedChannelPost
            self.callbackQuery = callbackQuery
            self.myChatMember = myChatMember
        }

        /// Which kind of update this is; nil for kinds Teleradar does not model.
        package var kind: UpdateKind? {
            if message != nil { return .message }
            if editedMessage != nil { return .editedMessage }
            if channelPost != nil { return .channelPost }
            if editedChannelPost != nil { return .editedChannelPost }
            if callbackQuery != nil { return .callbackQuery }
            if myChatMember != nil { return .myChatMember }
            return nil
        }
    }
}
