import Foundation

/// What one user may see and what they asked to narrow to. A user sees a post only if they follow its
/// channel and it lies inside their retention window; every search is built from a scope.
package struct SearchScope: Sendable, Hashable {
    /// The channels searched: the user's channels, possibly narrowed. Empty means nothing is visible.
    package var channelIDs: Set<Int64>
    /// Earliest post date (the retention window, or a narrower `date_from`).
    package var since: Date?
    /// Latest post date.
    package var until: Date?
    /// Any-of tag filter.
    package var tags: [String]

    package init(channelIDs: Set<Int64>, since: Date? = nil, until: Date? = nil, tags: [String] = []) {
        self.channelIDs = channelIDs
        self.since = since
        self.until = until
        self.tags = tags
    }
}
