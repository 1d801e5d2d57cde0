import Foundation

/// `searchPublicChat`: the public chat (channel, group, user or bot) with a username.
package struct TDSearchPublicChat: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDChat
    /// The TL function.
    package static let typeName = "searchPublicChat"

    /// The username, without `@`.
    package var username: String

    /// The request for `username`.
    package init(username: String) {
        self.username = username
    }
}

/// `getChat`: a chat already known to the instance, by TDLib chat id.
package struct TDGetChat: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDChat
    /// The TL function.
    package static let typeName = "getChat"

    /// TDLib chat id (`-100…` for channels).
    package var chatID: Int64

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
    }

    /// The request for `chatID`.
    package init(chatID: Int64) {
        self.chatID = chatID
    }
}

/// `getChatHistory`: messages of a chat, newest first, starting below `from_message_id`.
///
/// TDLib may return fewer messages than `limit` (even when more exist); only an empty answer means the
/// beginning of the chat was reached.
package struct TDGetChatHistory: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDMessages
    /// The TL function.
    package static let typeName = "getChatHistory"
    /// The most messages TDLib returns at once.
    package static let maximumLimit: Int32 = 100

    /// TDLib chat id.
    package var chatID: Int64
    /// TDLib message id (server id << 20) to start from; 0 for the newest message.
    package var fromMessageID: Int64
    /// 0 for messages older than `fromMessageID`; negative (down to -99) to include newer ones.
    package var offset: Int32
    /// How many messages, 1…100 and greater than `-offset`.
    package var limit: Int32
    /// Only messages already in the local database, without asking the server.
    package var onlyLocal: Bool

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case fromMessageID = "from_message_id"
        case offset
        case limit
        case onlyLocal = "only_local"
    }

    /// The request.
    /// - Throws: `.invalidRequest` when `limit` is outside 1…100, `offset` outside -99…0 or `limit <= -offset`.
    package init(
        chatID: Int64, fromMessageID: Int64, offset: Int32 = 0, limit: Int32 = maximumLimit, onlyLocal: Bool = false
    ) throws(TDLibError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw .invalidRequest("getChatHistory limit must be 1…\(Self.maximumLimit), got \(limit)")
        }
        guard (-99...0).contains(offset), limit > -offset else {
            throw .invalidRequest("getChatHistory offset must be -99…0 and above -limit, got \(offset)")
        }
        self.chatID = chatID
        self.fromMessageID = fromMessageID
        self.offset = offset
        self.limit = limit
        self.onlyLocal = onlyLocal
    }
}

/// `getSupergroupFullInfo`: description and member count of a supergroup or channel.
package struct TDGetSupergroupFullInfo: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDSupergroupFullInfo
    /// The TL function.
    package static let typeName = "getSupergroupFullInfo"

    /// The supergroup id (from `chatTypeSupergroup`, not the chat id).
    package var supergroupID: Int64

    enum CodingKeys: String, CodingKey {
        case supergroupID = "supergroup_id"
    }

    /// The request for `supergroupID`.
    package init(supergroupID: Int64) {
        self.supergroupID = supergroupID
    }
}

/// `getSupergroup`: a supergroup or channel (its usernames), by supergroup id.
package struct TDGetSupergroup: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDSupergroup
    /// The TL function.
    package static let typeName = "getSupergroup"

    /// The supergroup id (from `chatTypeSupergroup`, not the chat id).
    package var supergroupID: Int64

    enum CodingKeys: String, CodingKey {
        case supergroupID = "supergroup_id"
    }

    /// The request for `supergroupID`.
    package init(supergroupID: Int64) {
        self.supergroupID = supergroupID
    }
}
