import Foundation

/// What one list contributed to a fused result.
package struct FusionContribution: Sendable, Equatable {
    /// The list's name.
    package var list: String
    /// The 1-based rank of the post in that list.
    package var rank: Int
    /// The list's own score for the post, if it gave one.
    package var listScore: Double?
    /// `weight / (k + rank)`.
    package var contribution: Double

    /// A contribution with all its fields.
    package init(list: String, rank: Int, listScore: Double?, contribution: Double) {
        self.list = list
        self.rank = rank
        self.listScore = listScore
        self.contribution = contribution
    }
}

/// One post after fusion: its fused score and, for debugging, where it came from.
package struct FusedResult: Sendable, Equatable {
    /// The post.
    package var postID: Int64
    /// The sum of the contributions.
    package var score: Double
    /// One entry per list the post appears in, in the order the lists were given.
    package var contributions: [FusionContribution]

    /// A result with all its fields.
    package init(postID: Int64, score: Double, contributions: [FusionContribution]) {
        self.postID = postID
        self.score = score
        self.contributions = contributions
    }

    /// The contribution of the list named `list`, if the post is in it.
    package func contribution(from list: String) -> FusionContribution? {
        contributions.first { $0.list == list }
    }

    /// A one-line explanation, e.g. `post 7: 0.032522 = keyword #1 (3.1) 0.016393 + vector #2 (0.82) 0.016129`.
    package var explanation: String {
        let parts = contributions.map { part in
            let listScore = part.listScore.map { " (\(Self.format($0, digits: 4)))" } ?? ""
            return "\(part.list) #\(part.rank)\(listScore) \(Self.format(part.contribution, digits: 6))"
        }
        return "post \(postID): \(Self.format(score, digits: 6)) = " + parts.joined(separator: " + ")
    }

    /// `value` with `digits` decimals.
    private static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
