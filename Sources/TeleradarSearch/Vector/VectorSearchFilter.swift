import Foundation

/// Restrictions of a vector search beyond the caller's channel set (which is always required).
package struct VectorSearchFilter: Sendable, Equatable {
    /// Only posts published at or after this instant.
    package var since: Date?
    /// Only posts published strictly before this instant.
    package var until: Date?
    /// Only posts with at least one of these tags (case-insensitive); empty means no tag filter.
    package var anyTags: Set<String>
    /// Only hits scoring at least this (approximate cosine).
    package var minScore: Float?

    /// A filter; the default lets everything in the caller's channels through.
    package init(since: Date? = nil, until: Date? = nil, anyTags: Set<String> = [], minScore: Float? = nil) {
        self.since = since
        self.until = until
        self.anyTags = anyTags
        self.minScore = minScore
    }

    /// No restriction.
    package static let none = VectorSearchFilter()
}
