import Foundation
import Testing

@testable import TeleradarSearch

@Suite("Citation mapping of LLM answers")
struct CitationMapperTests {
    /// Sources 1…4 of posts 101…104.
    static let sources = (1...4).map { number in
        AnswerSource(number: number, post: ContextPost(
            postID: Int64(100 + number), channel: "chan_\(number)", messageID: Int64(number),
            postedAt: Date(timeIntervalSince1970: 0), text: "text"))
    }

    static let mappingCases: [(String, String, [Int64], Int)] = [
        ("Ставка 16% [3]. Инфляция 7,8% [1].", "Ставка 16% [1]. Инфляция 7,8% [2].", [103, 101], 0),
        ("A [2, 4] and B [4].", "A [1, 2] and B [2].", [102, 104], 0),
        ("A [2][1] and [1] [2].", "A [1, 2] and [1, 2].", [102, 101], 0),
        ("A [1;3] B [2-4].", "A [1, 2] B [2, 3, 4].", [101, 103, 102, 104], 0),
        ("Dup [2, 2] [2].", "Dup [1].", [102], 0),
        ("Out of range [7] stays out. Mixed [9, 2].", "Out of range stays out. Mixed [1].", [102], 2),
        ("Zero [0]text and [5].", "Zero text and.", [], 2),
        ("Not citations: [2024], [note], [1](https://x.y), [1, a].", "Not citations: [2024], [note], [1](https://x.y), [1, a].", [], 0),
    ]

    @Test("citations are renumbered in order of first use and sources follow", arguments: CitationMapperTests.mappingCases)
    func mapping(answer: String, text: String, postIDs: [Int64], dropped: Int) {
        let cited = CitationMapper.map(answer, sources: Self.sources)
        #expect(cited.text == text)
        #expect(cited.sources.map(\.postID) == postIDs)
        #expect(cited.sources.map(\.number) == Array(1...max(1, postIDs.count)).prefix(postIDs.count).map { $0 })
        #expect(cited.droppedCitations == dropped)
        #expect(cited.needsFallback == postIDs.isEmpty)
    }

    @Test("renumbered sources keep their post, channel and link")
    func sourcesKeepTheirData() throws {
        let cited = CitationMapper.map("Only the fourth [4].", sources: Self.sources)
        let source = try #require(cited.sources.first)
        #expect(source.number == 1)
        #expect(source.postID == 104)
        #expect(source.link == "https://t.me/chan_4/4")
        #expect(cited.hasValidCitation)
    }

    @Test("an answer without any valid citation is flagged for fallback")
    func noCitations() {
        let plain = CitationMapper.map("Ничего не знаю.", sources: Self.sources)
        #expect(plain.needsFallback)
        #expect(plain.text == "Ничего не знаю.")
        let noSources = CitationMapper.map("Answer [1].", sources: [])
        #expect(noSources.needsFallback)
        #expect(noSources.text == "Answer.")
        #expect(noSources.droppedCitations == 1)
    }
}
