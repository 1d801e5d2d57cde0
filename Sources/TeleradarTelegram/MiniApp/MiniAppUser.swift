import Foundation

/// The `user` (or `receiver`) object of Mini App `initData` (Telegram's `WebAppUser`).
package struct MiniAppUser: Sendable, Hashable, Codable {
    /// Telegram user id.
    package var id: Int64
    /// True for bots (only in `receiver`).
    package var isBot: Bool?
    /// First name.
    package var firstName: String
    /// Last name, if set.
    package var lastName: String?
    /// Username without `@`, if set.
    package var username: String?
    /// IETF language tag of the user's client, if known.
    package var languageCode: String?
    /// True for Telegram Premium users.
    package var isPremium: Bool?
    /// True if the user added the bot to the attachment menu.
    package var addedToAttachmentMenu: Bool?
    /// True if the user allowed the bot to message them.
    package var allowsWriteToPm: Bool?
    /// URL of the profile photo (`.svg` or `.jpeg`), if sent.
    package var photoURL: String?

    /// JSON keys as Telegram spells them.
    enum CodingKeys: String, CodingKey {
        case id
        case isBot = "is_bot"
        case firstName = "first_name"
        case lastName = "last_name"
        case username
        case languageCode = "language_code"
        case isPremium = "is_premium"
        case addedToAttachmentMenu = "added_to_attachment_menu"
        case allowsWriteToPm = "allows_write_to_pm"
        case photoURL = "photo_url"
    }

    /// Memberwise initializer.
    package init(
        id: Int64, isBot: Bool? = nil, firstName: String, lastName: String? = nil, username: String? = nil,
        languageCode: String? = nil, isPremium: Bool? = nil, addedToAttachmentMenu: Bool? = nil,
        allowsWriteToPm: Bool? = nil, photoURL: String? = nil
    ) {
        self.id = id
        self.isBot = isBot
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.languageCode = languageCode
        self.isPremium = isPremium
        self.addedToAttachmentMenu = addedToAttachmentMenu
        self.allowsWriteToPm = allowsWriteToPm
        self.photoURL = photoURL
    }

    /// Decodes leniently: ids and flags may arrive as strings.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeLenientInt64(forKey: .id)
        isBot = try container.decodeLenientBoolIfPresent(forKey: .isBot)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName) ?? ""
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        languageCode = try container.decodeIfPresent(String.self, forKey: .languageCode)
        isPremium = try container.decodeLenientBoolIfPresent(forKey: .isPremium)
        addedToAttachmentMenu = try container.decodeLenientBoolIfPresent(forKey: .addedToAttachmentMenu)
        allowsWriteToPm = try container.decodeLenientBoolIfPresent(forKey: .allowsWriteToPm)
        photoURL = try container.decodeIfPresent(String.self, forKey: .photoURL)
    }
}
