import Foundation

/// The channel header of a t.me web preview page.
package struct WebPreviewChannel: Sendable, Hashable {
    /// The public username without `@` (as the page spells it), or the expected channel when the page does
    /// not show one.
    package var username: String
    /// The channel title.
    package var title: String?
    /// The channel description (newlines preserved).
    package var description: String?
    /// The avatar image URL.
    package var avatarURL: String?
    /// The subscriber count when shown (abbreviated on the page, so `109K` → 109000).
    package var subscriberCount: Int?

    /// Creates a channel header.
    package init(username: String, title: String? = nil, description: String? = nil, avatarURL: String? = nil, subscriberCount: Int? = nil) {
        self.username = username
        self.title = title
        self.description = description
        self.avatarURL = avatarURL
        self.subscriberCount = subscriberCount
    }
}
