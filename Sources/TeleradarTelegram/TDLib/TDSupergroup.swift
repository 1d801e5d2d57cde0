import Foundation

/// TDLib's `supergroup` (a channel or supergroup), reduced to its public usernames.
package struct TDSupergroup: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["supergroup"]

    /// The supergroup id (the chat id is `-(10^12 + id)`).
    package var id: Int64
    /// Active public usernames, the main one first; empty for private chats.
    package var usernames: [String]
    /// True for channels, false for groups.
    package var isChannel: Bool

    enum CodingKeys: String, CodingKey {
        case id, usernames
        case isChannel = "is_channel"
    }

    private struct Usernames: Decodable {
        var active: [String]
        enum CodingKeys: String, CodingKey { case active = "active_usernames" }
    }

    /// A value field by field.
    package init(id: Int64, usernames: [String], isChannel: Bool) {
        self.id = id
        self.usernames = usernames
        self.isChannel = isChannel
    }

    /// Decodes `id` (required), `usernames` (absent or null when the chat has none) and `is_channel`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        usernames = try container.decodeIfPresent(Usernames.self, forKey: .usernames)?.active ?? []
        isChannel = try container.decodeIfPresent(Bool.self, forKey: .isChannel) ?? false
    }
}
