import Foundation

/// A TDLib update (an object without `@extra`, pushed by the instance), decoded for the kinds the client uses.
package enum TDUpdate: TDDecodable, Hashable {
    /// `updateAuthorizationState`.
    case authorizationState(TDAuthorizationState)
    /// `updateNewMessage`: a message arrived (or was loaded into a chat the app watches).
    case newMessage(TDMessage)
    /// `updateMessageContent`: a message was edited; ids are TDLib message ids.
    case messageContent(chatID: Int64, messageID: Int64, newContent: TDMessageContent)
    /// `updateDeleteMessages`: messages were deleted (`isPermanent`) or only dropped from TDLib's cache.
    case deleteMessages(chatID: Int64, messageIDs: [Int64], isPermanent: Bool, fromCache: Bool)
    /// Any other update, by `@type`.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = [
        "updateAuthorizationState", "updateNewMessage", "updateMessageContent", "updateDeleteMessages",
    ]
    /// Every other update decodes to `.unknown`.
    package static var acceptsUnknownConstructors: Bool { true }

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "updateAuthorizationState":
            self = .authorizationState(
                try container.decode(TDAuthorizationState.self, forKey: TDKey("authorization_state"))
            )
        case "updateNewMessage":
            self = .newMessage(try container.decode(TDMessage.self, forKey: TDKey("message")))
        case "updateMessageContent":
            self = .messageContent(
                chatID: try container.decode(Int64.self, forKey: TDKey("chat_id")),
                messageID: try container.decode(Int64.self, forKey: TDKey("message_id")),
                newContent: try container.decode(TDMessageContent.self, forKey: TDKey("new_content"))
            )
        case "updateDeleteMessages":
            self = .deleteMessages(
                chatID: try container.decode(Int64.self, forKey: TDKey("chat_id")),
                messageIDs: try container.decode([Int64].self, forKey: TDKey("message_ids")),
                isPermanent: try container.decode(Bool.self, forKey: TDKey("is_permanent"), default: false),
                fromCache: try container.decode(Bool.self, forKey: TDKey("from_cache"), default: false)
            )
        default:
            self = .unknown(type)
        }
    }
}
