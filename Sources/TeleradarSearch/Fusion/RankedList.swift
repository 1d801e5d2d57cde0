/// One result of a ranked list given to ``HybridFusion``.
package struct RankedItem: Sendable, Equatable {
    /// The post.
    package var postID: Int64
    /// The list's own score (bm25, cosine…), kept only for the explanation.
    package var score: Double?

    /// An item with an optional list score.
    package init(postID: Int64, score: Double? = nil) {
        self.postID = postID
        self.score = score
    }
}

/// A ranked list of posts, best first, with the weight of its votes in the fusion.
package struct RankedList: Sendable, Equatable {
    /// A short name used in explanations (`keyword`, `vector`, `web`).
    package var name: String
    /// The weight multiplying every contribution of this list (negative weights count as 0).
    package var weight: Double
    /// The items, best first; a repeated post counts only at its first (best) rank.
    package var items: [RankedItem]

    /// A named, weighted list.
    package init(name: String, weight: Double = 1, items: [RankedItem]) {
        self.name = name
        self.weight = weight
        self.items = items
    }
}
