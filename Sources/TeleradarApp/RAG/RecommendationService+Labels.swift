import Foundation
import SQLKit
import TeleradarCore
import TeleradarStorage

extension RecommendationService {
    /// Readable words for `topics` (stems such as `суббот`): for each, the word of the user's questions of the
    /// last 30 days that it came from (`субботу`), or the topic itself when none does (a chosen topic).
    package func labels(for topics: [String], user: User, now: Date = Date()) async throws -> [String] {
        let since = now.addingTimeInterval(-30 * 86_400).millis
        let questions = try await database.read { db in
            try await db.raw(
                "SELECT query FROM rag_queries WHERE user_id = \(bind: user.id) AND created_at >= \(bind: since) ORDER BY created_at DESC"
            ).all().map { try $0.decode(column: "query", as: String.self) }
        }
        var words: [String: String] = [:]
        for question in questions {
            for token in Tokenizer.tokens(question) where words[SearchText.stem(token)] == nil {
                words[SearchText.stem(token)] = token
            }
        }
        return topics.map { words[$0] ?? $0 }
    }
}
