extension BotAPI {
    /// A Telegram user or bot (`User`).
    package struct User: Sendable, Hashable, Codable {
        /// Unique identifier (up to 52 significant bits).
        package var id: Int64
        /// True for bots.
        package var isBot: Bool
        /// First name.
        package var firstName: String
        /// Last name.
        package var lastName: String?
        /// Username without `@`.
        package var username: String?
        /// IETF language tag of the user's client.
        package var languageCode: String?
        /// True for Telegram Premium users.
        package var isPremium: Bool?
        /// For `getMe`: whether the bot can be invited to groups.
        package var canJoinGroups: Bool?
        /// For `getMe`: whether privacy mode is off.
        package var canReadAllGroupMessages: Bool?
        /// For `getMe`: whether the bot has a main Mini App.
        package var hasMainWebApp: Bool?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case id
            case isBot = "is_bot"
            case firstName = "first_name"
            case lastName = "last_name"
            case username
            case languageCode = "language_code"
            case isPremium = "is_premium"
            case canJoinGroups = "can_join_groups"
            case canReadAllGroupMessages = "can_read_all_group_messages"
            case hasMainWebApp = "has_main_web_app"
        }

        /// Memberwise initializer.
        package init(
            id: Int64, isBot: Bool = false, firstName: String, lastName: String? = nil, username: String? = nil,
            languageCode: String? = nil, isPremium: Bool? = nil, canJoinGroups: Bool? = nil,
            canReadAllGroupMessages: Bool? = nil, hasMainWebApp: Bool? = nil
        ) {
            self.id = id
            self.isBot = isBot
            self.firstName = firstName
            self.lastName = lastName
            self.username = username
            self.languageCode = languageCode
            self.isPremium = isPremium
            self.canJoinGroups = canJoinGroups
            self.canReadAllGroupMessages = canReadAllGroupMessages
            self.hasMainWebApp = hasMainWebApp
        }
    }
}
