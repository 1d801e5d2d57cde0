import Foundation

/// TDLib's `MessageReplyTo`.
package enum TDMessageReplyTo: Decodable, Sendable, Hashable {
    /// `messageReplyToMessage`: a reply to `messageID` (TDLib id) in `chatID` (0 when unknown).
    case message(chatID: Int64, messageID: Int64)
    /// `messageReplyToStory`: a reply to a story.
    case story(storyPosterChatID: Int64, storyID: Int32)
    /// A kind this client does not know.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = ["messageReplyToMessage", "messageReplyToStory"]

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "messageReplyToMessage":
            self = .message(
                chatID: try container.decode(Int64.self, forKey: TDKey("chat_id"), default: 0),
                messageID: try container.decode(Int64.self, forKey: TDKey("message_id"))
            )
        case "messageReplyToStory":
            self = .story(
                storyPosterChatID: try container.decode(Int64.self, forKey: TDKey("story_poster_chat_id")),
                storyID: try container.decode(Int32.self, forKey: TDKey("story_id"))
            )
        default:
            self = .unknown(type)
        }
    }
}
