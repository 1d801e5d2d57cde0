import Foundation
import TeleradarApp
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// How many posts `/recommend` shows, and from how many recent days.
    static let recommendLimit = 10
    static let recommendDays = 7

    /// `/recommend`: recent posts of the user's channels matching the topics of their questions (last 30 days)
    /// and their chosen topics; without any topic, a hint on how to get recommendations.
    func recommend(_ request: BotRequest) async throws {
        let service = RecommendationService(retrieval: context.retrieval, database: context.database)
        let (topics, results) = try await service.recommend(
            user: request.user, limit: Self.recommendLimit, days: Self.recommendDays, now: request.now)
        guard !topics.isEmpty else {
            try await replier.send(request.chatID, request.text(.recommendNoHistory))
            return
        }
        let labels = try await service.labels(for: topics, user: request.user, now: request.now)
        let topicList = TelegramHTML.escape(labels.joined(separator: ", "))
        guard !results.isEmpty else {
            try await replier.send(request.chatID, request.text(.recommendNothing, ["topics": topicList]))
            return
        }
        let header = request.text(.recommendHeader, ["topics": topicList, "count": String(results.count)])
        try await replier.send(request.chatID, ([header] + Self.postLines(results)).joined(separator: "\n"))
    }
}
