import Foundation

/// Why a t.me web preview page or message could not be parsed.
package enum WebPreviewError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The HTML has neither a channel header nor any message: not a channel preview at all (a random page,
    /// a "channel not found" or private-channel page, a captcha, an empty body…).
    case unrecognisedPage(channel: String?)
    /// The page is a valid preview, but of another channel than the one requested.
    case channelMismatch(expected: String, found: String)
    /// `parseMessage(html:)` found no `.tgme_widget_message` element with a `data-post` attribute.
    case noMessage
    /// A message wrap is present but unusable (bad `data-post`, no date…).
    case malformedMessage(post: String, reason: String)

    /// A human-readable explanation.
    package var description: String {
        switch self {
        case .unrecognisedPage(let channel?):
            return "t.me/s/\(channel) did not return a recognisable channel preview page (no channel header and no messages); the channel may not exist, be private, have previews disabled, or the response may be a captcha/error page"
        case .unrecognisedPage(nil):
            return "the HTML is not a recognisable t.me channel preview page (no channel header and no messages)"
        case .channelMismatch(let expected, let found):
            return "requested the preview of @\(expected) but the page belongs to @\(found)"
        case .noMessage:
            return "the HTML contains no Telegram message (no .tgme_widget_message with data-post)"
        case .malformedMessage(let post, let reason):
            return "message \(post.isEmpty ? "(unknown)" : post) could not be parsed: \(reason)"
        }
    }

    /// Same as `description`, for `localizedDescription`.
    package var errorDescription: String? { description }
}
