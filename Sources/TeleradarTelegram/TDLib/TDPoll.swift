import Foundation

/// TDLib's `poll`, reduced to question, option texts and vote count.
package struct TDPoll: Decodable, Sendable, Hashable {
    /// The TL constructors decoded (the poll and its options).
    package static let constructors = ["poll", "pollOption"]

    /// The question.
    package var question: TDFormattedText
    /// The option texts, in order.
    package var options: [TDFormattedText]
    /// How many users voted.
    package var totalVoterCount: Int
    /// Whether the poll is closed.
    package var isClosed: Bool

    enum CodingKeys: String, CodingKey {
        case question, options
        case totalVoterCount = "total_voter_count"
        case isClosed = "is_closed"
    }

    private struct Option: Decodable {
        var text: TDFormattedText
    }

    /// A poll field by field.
    package init(question: TDFormattedText, options: [TDFormattedText], totalVoterCount: Int, isClosed: Bool = false) {
        self.question = question
        self.options = options
        self.totalVoterCount = totalVoterCount
        self.isClosed = isClosed
    }

    /// Decodes the question, option texts, voter count and closed flag.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question = try container.decode(TDFormattedText.self, forKey: .question)
        options = try container.decodeIfPresent([Option].self, forKey: .options)?.map(\.text) ?? []
        totalVoterCount = try container.decodeIfPresent(Int.self, forKey: .totalVoterCount) ?? 0
        isClosed = try container.decodeIfPresent(Bool.self, forKey: .isClosed) ?? false
    }
}
