/// One search result of ``VectorIndex``: the best-scoring chunk of a post.
package struct VectorHit: Sendable, Equatable, Hashable {
    /// The post's database id.
    package var postID: Int64
    /// The chunk of the post that scored best.
    package var chunk: Int
    /// The channel the post belongs to.
    package var channelID: Int64
    /// The approximate cosine similarity to the query, in about `-1...1`.
    package var score: Float

    /// A hit with all its fields.
    package init(postID: Int64, chunk: Int, channelID: Int64, score: Float) {
        self.postID = postID
        self.chunk = chunk
        self.channelID = channelID
        self.score = score
    }
}
