import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Recommendations")
struct RecommendationTests {
    @Test("posts matching the topics of recent questions are recommended", arguments: Backend.allCases)
    func fromHistory(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let (owner, stranger) = try await AnswerServiceTests.seed(context)
            let service = RecommendationService(retrieval: context.retrieval, database: context.database)
            #expect(try await service.recommend(user: owner).results.isEmpty)
            _ = try await context.answers.ask(user: owner, question: "Что с ключевой ставкой Центрального банка?")
            _ = try await context.answers.ask(user: owner, question: "Какая ставка по кредитам?")
            let (topics, results) = try await service.recommend(user: owner)
            #expect(topics.first == "ставк")
            #expect(results.first?.post.messageID == 2)
            #expect(try await service.recommend(user: stranger).results.isEmpty)
        }
    }
}
