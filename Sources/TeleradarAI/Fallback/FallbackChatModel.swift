import Logging
import TeleradarCore

/// A chain of chat models tried in order, each call under a timeout and each model behind a circuit breaker.
///
/// The first success is returned. When every model failed or was skipped, the last error is thrown (or
/// `ModelError.unavailable` when all were skipped), and callers fall back to an extractive answer.
/// Cancellation of the caller stops the chain at once and is rethrown.
package struct FallbackChatModel: ChatModel {
    /// The models, in order of preference.
    package let models: [any ChatModel]
    /// Deadline of one model call.
    package let callTimeout: Duration
    /// The breakers of `models`, same order.
    package let breaker: CircuitBreaker
    private let now: @Sendable () -> ContinuousClock.Instant
    private let logger: Logger

    /// `fallback(a > b > c)`.
    package var name: String { "fallback(\(models.map(\.name).joined(separator: " > ")))" }

    /// Creates a chain. `now` is the clock of the breakers (injected by tests); timeouts use real time.
    package init(
        models: [any ChatModel],
        callTimeout: Duration = .seconds(45),
        policy: CircuitBreaker.Policy = CircuitBreaker.Policy(),
        logger: Logger = Logger(label: "teleradar.ai.fallback"),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.models = models
        self.callTimeout = callTimeout
        self.breaker = CircuitBreaker(count: models.count, policy: policy)
        self.logger = logger
        self.now = now
    }

    /// Asks each permitted model in turn; returns the first answer.
    package func complete(_ request: ChatRequest) async throws -> ChatResponse {
        guard !models.isEmpty else { throw ModelError.unavailable("no chat model is configured") }
        var lastError: (any Error)?
        for (index, model) in models.enumerated() {
            try Task.checkCancellation()
            guard await breaker.permit(index, now: now()) else {
                logger.debug("skipping chat model: circuit open", metadata: ["model": "\(model.name)"])
                continue
            }
            do {
                let response = try await Self.withTimeout(callTimeout) { try await model.complete(request) }
                await breaker.recordSuccess(index)
                return response
            } catch {
                if Task.isCancelled {
                    await breaker.releaseProbe(index, now: now())
                    throw CancellationError()
                }
                await breaker.recordFailure(index, error: error, now: now())
                logger.warning("chat model failed", metadata: ["model": "\(model.name)", "error": "\(error)"])
                lastError = error
            }
        }
        throw lastError ?? ModelError.unavailable("every chat model is skipped while its circuit is open")
    }

    /// Runs `operation`, cancelling it and throwing `ModelError.timeout` when it outlives `timeout`.
    package static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ModelError.timeout
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw ModelError.timeout }
            return first
        }
    }
}
