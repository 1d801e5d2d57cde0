import Foundation

/// The `chat` object of Mini App `initData` (Telegram's `WebAppChat`), sent for apps opened from an attachment menu.
package struct MiniAppChat: Sendable, Hashable, Codable {
    /// Chat id.
    package var id: Int64
    /// `group`, `supergroup` or `channel`.
    package var type: String
    /// Chat title.
    package var title: String
    /// Username without `@`, if set.
    package var username: String?
    /// URL of the chat photo, if sent.
    package var photoURL: String?

    /// JSON keys as Telegram spells them.
    enum CodingKeys: String, CodingKey {
        case id, type, title, username
        case photoURL = "photo_url"
    }

    /// Memberwise initializer.
    package init(id: Int64, type: String, title: String, username: String? = nil, photoURL: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.username = username
        self.photoURL = photoURL
    }

    /// Decodes leniently: the id may arrive as a string.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeLenientInt64(forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        username = try container.decodeIfPresent(String.self, forKey: .username)
        photoURL = try container.decodeIfPresent(String.self, forKey: .photoURL)
    }
}
