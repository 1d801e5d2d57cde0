import Foundation
import SQLKit
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// `/recommend`: recent posts of the user's channels matching the topics of their questions of the last
/// 30 days (weighted by how often each topic came up) and the topics they chose.
package struct RecommendationService: Sendable {
    package let retrieval: RetrievalService
    package let database: Database

    package init(retrieval: RetrievalService, database: Database) {
        self.retrieval = retrieval
        self.database = database
    }

    /// The user's topics, most frequent first: from question history, then chosen ones.
    package func topics(user: User, now: Date = Date(), limit: Int = 8) async throws -> [String] {
        let since = now.addingTimeInterval(-30 * 86_400).millis
        let rows = try await database.read { db in
            try await db.raw(
                "SELECT topics FROM rag_queries WHERE user_id = \(bind: user.id) AND created_at >= \(bind: since)"
            ).all()
        }
        var counts: [String: Int] = [:]
        for row in rows {
            let text = try row.decode(column: "topics", as: String.self)
            for topic in (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? [] { counts[topic, default: 0] += 1 }
        }
        let chosen = try await database.read { db in
            try await db.raw("SELECT preferred_topics FROM digest_settings WHERE user_id = \(bind: user.id)").first()?
                .decode(column: "preferred_topics", as: String.self)
        }
        var result = counts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }.map(\.key)
        for topic in chosen.flatMap({ try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        where !result.contains(topic.lowercased()) {
            result.append(topic.lowercased())
        }
        return Array(result.prefix(limit))
    }

    /// Up to `limit` posts of the last `days` days matching the user's topics; empty when there are none.
    package func recommend(user: User, limit: Int = 10, days: Int = 7, now: Date = Date()) async throws -> (topics: [String], results: [RetrievalService.Result]) {
        let topics = try await topics(user: user, now: now)
        guard !topics.isEmpty else { return ([], []) }
        let scope = try await retrieval.scope(
            user: user, filters: .init(dateFrom: now.addingTimeInterval(-Double(days) * 86_400)), now: now)
        return (topics, try await retrieval.search(topics.joined(separator: " "), scope: scope, limit: limit))
    }
}
