import Foundation

extension BotAPI {
    /// A message (`Message`); also used for `InaccessibleMessage` inside callback queries, which has `date` 0.
    package struct Message: Sendable, Hashable, Codable {
        /// Identifier inside the chat.
        package var messageID: Int
        /// Forum topic or thread the message belongs to.
        package var messageThreadID: Int?
        /// Sender; absent for channel posts.
        package var from: User?
        /// Sender on behalf of a chat (channels, anonymous admins).
        package var senderChat: Chat?
        /// Unix time the message was sent; 0 for an inaccessible message.
        package var date: Int
        /// The chat it belongs to.
        package var chat: Chat
        /// Unix time of the last edit.
        package var editDate: Int?
        /// True if sent to a forum topic.
        package var isTopicMessage: Bool?
        /// Album identifier.
        package var mediaGroupID: String?
        /// Text of a text message (up to 4096 characters).
        package var text: String?
        /// Entities of `text`.
        package var entities: [MessageEntity]?
        /// Caption of a media message.
        package var caption: String?
        /// Entities of `caption`.
        package var captionEntities: [MessageEntity]?
        /// Members added to a group.
        package var newChatMembers: [User]?
        /// Member removed from a group.
        package var leftChatMember: User?
        /// The group moved to a supergroup with this id.
        package var migrateToChatID: Int64?
        /// The supergroup was migrated from the group with this id.
        package var migrateFromChatID: Int64?
        /// Data sent by a Mini App opened from a keyboard button.
        package var webAppData: WebAppData?
        /// Inline keyboard attached to the message.
        package var replyMarkup: InlineKeyboardMarkup?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case messageThreadID = "message_thread_id"
            case from
            case senderChat = "sender_chat"
            case date, chat
            case editDate = "edit_date"
            case isTopicMessage = "is_topic_message"
            case mediaGroupID = "media_group_id"
            case text, entities, caption
            case captionEntities = "caption_entities"
            case newChatMembers = "new_chat_members"
            case leftChatMember = "left_chat_member"
            case migrateToChatID = "migrate_to_chat_id"
            case migrateFromChatID = "migrate_from_chat_id"
            case webAppData = "web_app_data"
            case replyMarkup = "reply_markup"
        }

        /// A message with the required fields; set the others as needed.
        package init(messageID: Int, date: Int, chat: Chat, from: User? = nil, text: String? = nil, entities: [MessageEntity]? = nil) {
            self.messageID = messageID
            self.date = date
            self.chat = chat
            self.from = from
            self.text = text
            self.entities = entities
        }

        /// False for an `InaccessibleMessage` (too old, or deleted), which has `date` 0.
        package var isAccessible: Bool { date != 0 }
        /// `date` as a `Date`.
        package var sentAt: Date { Date(timeIntervalSince1970: TimeInterval(date)) }
        /// The leading `/command` of the text, if any.
        package var command: BotCommandInvocation? { BotCommandInvocation(message: self) }
    }

    /// Data sent from a Mini App to the bot (`WebAppData`).
    package struct WebAppData: Sendable, Hashable, Codable {
        /// The data; may be forged by the user, so treat as untrusted input.
        package var data: String
        /// Text of the keyboard button that opened the Mini App.
        package var buttonText: String

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case data
            case buttonText = "button_text"
        }
    }
}
