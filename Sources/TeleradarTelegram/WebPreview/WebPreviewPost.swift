import Foundation
import TeleradarCore

/// One post of a t.me web preview page.
package struct WebPreviewPost: Sendable, Hashable {
    /// The post in the common ingestion shape.
    ///
    /// `editedAt`: the page only says "edited", never when. For an edited post it is set to `postedAt` — a
    /// lower bound that marks the post as edited; `isEdited` carries the same fact explicitly, and an ingester
    /// that saw the post unedited earlier can substitute the time it first noticed the marker.
    package var post: IncomingPost
    /// The channel username from `data-post="<channel>/<id>"`.
    package var channelUsername: String
    /// The post's permalink, e.g. `https://t.me/topwar_official/70991`.
    package var url: String
    /// Whether the page marks the post as edited.
    package var isEdited: Bool

    /// Creates a post.
    package init(post: IncomingPost, channelUsername: String, url: String, isEdited: Bool = false) {
        self.post = post
        self.channelUsername = channelUsername
        self.url = url
        self.isEdited = isEdited
    }
}
