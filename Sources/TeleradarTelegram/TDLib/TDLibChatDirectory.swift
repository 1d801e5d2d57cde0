import Foundation

/// Chats already resolved by username, so that paging a channel does not call `searchPublicChat` (which
/// Telegram rate-limits strictly) for every page. Shared by every copy of a `TDLibChannelSource`.
package actor TDLibChatDirectory {
    private var chats: [String: TDChat] = [:]

    /// An empty directory.
    package init() {}

    /// The chat resolved for `username` (case-insensitive), if any.
    package func chat(for username: String) -> TDChat? {
        chats[username.lowercased()]
    }

    /// Remembers `chat` as the resolution of `username`.
    package func remember(_ chat: TDChat, for username: String) {
        chats[username.lowercased()] = chat
    }

    /// Forgets the resolution of `username` (after the chat became inaccessible).
    package func forget(_ username: String) {
        chats.removeValue(forKey: username.lowercased())
    }
}
