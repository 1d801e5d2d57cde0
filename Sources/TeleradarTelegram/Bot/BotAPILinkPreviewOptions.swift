extension BotAPI {
    /// How the link preview of a message is generated (`LinkPreviewOptions`).
    package struct LinkPreviewOptions: Sendable, Hashable, Codable {
        /// True to show no preview.
        package var isDisabled: Bool?
        /// URL to preview instead of the first one in the text.
        package var url: String?
        /// Shrink the preview's media.
        package var preferSmallMedia: Bool?
        /// Enlarge the preview's media.
        package var preferLargeMedia: Bool?
        /// Show the preview above the text.
        package var showAboveText: Bool?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case isDisabled = "is_disabled"
            case url
            case preferSmallMedia = "prefer_small_media"
            case preferLargeMedia = "prefer_large_media"
            case showAboveText = "show_above_text"
        }

        /// No link preview.
        package static let disabled = Self(isDisabled: true)

        /// Memberwise initializer.
        package init(
            isDisabled: Bool? = nil, url: String? = nil, preferSmallMedia: Bool? = nil,
            preferLargeMedia: Bool? = nil, showAboveText: Bool? = nil
        ) {
            self.isDisabled = isDisabled
            self.url = url
            self.preferSmallMedia = preferSmallMedia
            self.preferLargeMedia = preferLargeMedia
            self.showAboveText = showAboveText
        }
    }
}
