import Foundation

/// A job of the durable queue.
package struct Job: Sendable, Equatable, Codable {
    package enum Status: String, Sendable, Codable, CaseIterable {
        case queued, running, done, dead
    }

    package var id: Int64
    package var kind: String
    package var payload: String
    package var status: Status
    package var priority: Int
    package var runAt: Date
    package var attempts: Int
    package var maxAttempts: Int
    package var lockedBy: String?
    package var lockedUntil: Date?
    package var lastError: String?
    package var dedupeKey: String?
    package var createdAt: Date
    package var finishedAt: Date?

    /// Decodes the JSON payload.
    package func decodePayload<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }
}

/// What to enqueue.
package struct NewJob: Sendable {
    package var kind: String
    package var payload: String
    package var runAt: Date?
    package var priority: Int
    package var maxAttempts: Int
    package var dedupeKey: String?

    package init(
        kind: String, payload: String = "{}", runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 5,
        dedupeKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.dedupeKey = dedupeKey
    }

    /// A job whose payload is `value` encoded as JSON.
    package init<T: Encodable>(
        kind: String, payload value: T, runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 5,
        dedupeKey: String? = nil
    ) throws {
        let data = try JSONEncoder().encode(value)
        self.init(
            kind: kind, payload: String(decoding: data, as: UTF8.self), runAt: runAt, priority: priority,
            maxAttempts: maxAttempts, dedupeKey: dedupeKey)
    }
}

/// Exponential backoff for failed jobs: `base · 2^(attempt−1)`, capped.
package struct RetryPolicy: Sendable {
    package var base: Duration
    package var cap: Duration

    package init(base: Duration = .seconds(2), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// Delay before the next try after `attempt` failed attempts (1-based).
    package func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let seconds = Double(base.components.seconds) * pow(2, Double(exponent))
        return min(.seconds(seconds), cap)
    }
}
