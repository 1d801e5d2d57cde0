import Foundation

/// One vector to index: chunk `chunk` of post `postID`, in channel `channelID`.
///
/// A post lives in exactly one channel; its chunks are indexed and removed together, and a search
/// returns at most one hit per post (its best chunk).
package struct VectorEntry: Sendable, Equatable {
    /// The post's database id.
    package var postID: Int64
    /// The chunk number within the post (0 for the first or only chunk).
    package var chunk: Int
    /// The channel the post belongs to: the partition it is stored in.
    package var channelID: Int64
    /// When the post was published (stored with millisecond precision).
    package var postedAt: Date
    /// The post's tags, matched case-insensitively by ``VectorSearchFilter/anyTags``.
    package var tags: [String]
    /// The embedding; it is L2-normalised on the way in, so any positive length works.
    package var vector: [Float]

    /// An entry with all its fields.
    package init(postID: Int64, chunk: Int = 0, channelID: Int64, postedAt: Date, tags: [String] = [], vector: [Float]) {
        self.postID = postID
        self.chunk = chunk
        self.channelID = channelID
        self.postedAt = postedAt
        self.tags = tags
        self.vector = vector
    }
}
