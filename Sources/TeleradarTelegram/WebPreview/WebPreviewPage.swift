import Foundation
import TeleradarCore

/// One parsed page of a channel's public web preview (`https://t.me/s/<channel>` or `?before=<id>`).
package struct WebPreviewPage: Sendable, Hashable {
    /// The channel the page belongs to, from its header (and `og:` meta tags as a fallback).
    package var channel: WebPreviewChannel
    /// The posts on the page in page order (oldest first, as t.me lists them).
    package var posts: [WebPreviewPost]
    /// The `before` cursor of the "load older" link (`data-before` / `?before=`): pass it as
    /// `https://t.me/s/<channel>?before=<cursor>` to get the previous page. Nil when there is nothing older.
    package var olderCursor: Int64?
    /// Message wraps that were present but could not be turned into posts (for example no date), with the
    /// reason; the other posts are still returned. Empty on a clean page.
    package var skipped: [WebPreviewError]

    /// Creates a page.
    package init(channel: WebPreviewChannel, posts: [WebPreviewPost], olderCursor: Int64?, skipped: [WebPreviewError] = []) {
        self.channel = channel
        self.posts = posts
        self.olderCursor = olderCursor
        self.skipped = skipped
    }
}
