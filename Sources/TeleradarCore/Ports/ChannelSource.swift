import Foundation

/// Where channel posts come from: the t.me/s web preview, a TDLib user session, or (for one-off imports)
/// a Telegram Desktop export. Implementations live in `TeleradarTelegram`; the use cases see only this.
package protocol ChannelSource: Sendable {
    /// The kind stored with the channel (`web`, `tdlib`, `export`).
    var kind: String { get }
    /// Looks a public channel up by username (without `@`). Throws `SourceError.channelNotFound` when absent.
    func resolve(username: String) async throws -> ChannelInfo
    /// One page of history, newest first, holding only posts with `messageID < before` (the newest page when
    /// `before` is nil). `olderCursor` is where the next older page starts, nil at the channel's beginning.
    func page(username: String, before: Int64?) async throws -> SourcePage
}

/// What a source knows about a channel.
package struct ChannelInfo: Sendable, Hashable, Codable {
    package var username: String
    package var title: String
    package var description: String
    package var avatarURL: String?
    package var telegramID: Int64?
    package var subscriberCount: Int?

    package init(
        username: String, title: String, description: String = "", avatarURL: String? = nil, telegramID: Int64? = nil,
        subscriberCount: Int? = nil
    ) {
        self.username = username
        self.title = title
        self.description = description
        self.avatarURL = avatarURL
        self.telegramID = telegramID
        self.subscriberCount = subscriberCount
    }
}

/// One page of a channel's history.
package struct SourcePage: Sendable, Hashable {
    /// Posts of the page, in any order (callers sort).
    package var posts: [IncomingPost]
    /// The `before` value of the next older page; nil when this page reaches the start of the channel.
    package var olderCursor: Int64?

    package init(posts: [IncomingPost], olderCursor: Int64?) {
        self.posts = posts
        self.olderCursor = olderCursor
    }
}

/// Failures of a channel source.
package enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No public channel by that name.
    case channelNotFound(String)
    /// The channel exists but is private or has no public preview.
    case channelPrivate(String)
    /// Telegram asked us to wait (FLOOD_WAIT_N or HTTP 429 Retry-After).
    case floodWait(seconds: Int)
    /// The network or server failed; retrying later may work.
    case unavailable(String)
    /// The answer could not be understood (markup drift, protocol change).
    case malformed(String)

    package var description: String {
        switch self {
        case .channelNotFound(let name): "channel @\(name) was not found"
        case .channelPrivate(let name): "channel @\(name) is private or has no public preview"
        case .floodWait(let seconds): "Telegram asked to wait \(seconds) s (flood control)"
        case .unavailable(let reason): "Telegram is unavailable: \(reason)"
        case .malformed(let reason): "unexpected answer from Telegram: \(reason)"
        }
    }
}
