import Synchronization
import TeleradarCore
import Testing

@testable import TeleradarAI

/// A scripted chat model that counts its calls.
private final class ScriptedModel: ChatModel {
    enum Behaviour: Sendable {
        case answer(String)
        case fail(ModelError)
        case hang
    }

    let name: String
    private let behaviour: Mutex<Behaviour>
    private let calls = Mutex(0)

    init(_ name: String, _ behaviour: Behaviour) {
        self.name = name
        self.behaviour = Mutex(behaviour)
    }

    var callCount: Int { calls.withLock { $0 } }

    func set(_ newBehaviour: Behaviour) { behaviour.withLock { $0 = newBehaviour } }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        calls.withLock { $0 += 1 }
        switch behaviour.withLock({ $0 }) {
        case .answer(let text):
            return ChatResponse(text: text, model: name)
        case .fail(let error):
            throw error
        case .hang:
            try await Task.sleep(for: .seconds(30))
            return ChatResponse(text: "too late", model: name)
        }
    }
}

@Suite("FallbackChatModel: order, timeouts, circuit breaker")
struct FallbackChatModelTests {
    private let request = ChatRequest(messages: [.user("Что нового?")])

    @Test func aFailingFirstModelIsSkipped() async throws {
        let first = ScriptedModel("first", .fail(.unavailable("HTTP 502")))
        let second = ScriptedModel("second", .answer("ответ"))
        let chain = FallbackChatModel(models: [first, second])
        let response = try await chain.complete(request)
        #expect(response.text == "ответ")
        #expect(response.model == "second")
        #expect(first.callCount == 1)
        #expect(chain.name == "fallback(first > second)")
    }

    @Test func theBreakerOpensAfterNFailuresAndHalfOpensAfterTheCoolDown() async throws {
        let clock = AITestClock()
        let first = ScriptedModel("first", .fail(.unavailable("down")))
        let second = ScriptedModel("second", .answer("запасной"))
        let chain = FallbackChatModel(
            models: [first, second], policy: .init(failureThreshold: 3, coolDown: .seconds(60)), now: { clock.now })

        for _ in 0..<3 { _ = try await chain.complete(request) }
        #expect(first.callCount == 3)
        guard case .open = await chain.breaker.snapshot()[0] else {
            Issue.record("the breaker should be open after 3 failures")
            return
        }

        for _ in 0..<5 { _ = try await chain.complete(request) }
        #expect(first.callCount == 3, "no calls during the cool-down")
        #expect(second.callCount == 8)

        clock.advance(by: .seconds(61))
        first.set(.answer("снова работает"))
        let probe = try await chain.complete(request)
        #expect(probe.text == "снова работает", "the half-open probe goes to the first model")
        #expect(first.callCount == 4)
        #expect(await chain.breaker.snapshot()[0] == .closed(failures: 0))
    }

    @Test func aFailedProbeOpensTheBreakerAgain() async throws {
        let clock = AITestClock()
        let first = ScriptedModel("first", .fail(.timeout))
        let second = ScriptedModel("second", .answer("ok"))
        let chain = FallbackChatModel(
            models: [first, second], policy: .init(failureThreshold: 1, coolDown: .seconds(10)), now: { clock.now })
        _ = try await chain.complete(request)
        clock.advance(by: .seconds(11))
        _ = try await chain.complete(request)
        #expect(first.callCount == 2, "one probe after the cool-down")
        _ = try await chain.complete(request)
        #expect(first.callCount == 2, "the failed probe re-opened the breaker")
    }

    @Test func unauthorizedModelsAreSkippedAtOnce() async throws {
        let clock = AITestClock()
        let first = ScriptedModel("first", .fail(.unauthorized("bad key")))
        let second = ScriptedModel("second", .answer("ok"))
        let chain = FallbackChatModel(
            models: [first, second], policy: .init(failureThreshold: 5, coolDown: .seconds(60)), now: { clock.now })
        _ = try await chain.complete(request)
        _ = try await chain.complete(request)
        #expect(first.callCount == 1)
        clock.advance(by: .seconds(61))
        _ = try await chain.complete(request)
        #expect(first.callCount == 2)
    }

    @Test func rateLimitsWithRetryAfterOpenForAtLeastThatLong() async throws {
        let clock = AITestClock()
        let first = ScriptedModel("first", .fail(.rateLimited(retryAfter: 120)))
        let second = ScriptedModel("second", .answer("ok"))
        let chain = FallbackChatModel(
            models: [first, second], policy: .init(failureThreshold: 5, coolDown: .seconds(30)), now: { clock.now })
        _ = try await chain.complete(request)
        clock.advance(by: .seconds(60))
        _ = try await chain.complete(request)
        #expect(first.callCount == 1)
        clock.advance(by: .seconds(61))
        _ = try await chain.complete(request)
        #expect(first.callCount == 2)
    }

    @Test func aHangingModelTimesOutAndTheNextAnswers() async throws {
        let first = ScriptedModel("first", .hang)
        let second = ScriptedModel("second", .answer("быстро"))
        let chain = FallbackChatModel(models: [first, second], callTimeout: .milliseconds(50))
        let started = ContinuousClock.now
        let response = try await chain.complete(request)
        #expect(response.text == "быстро")
        #expect(ContinuousClock.now - started < .seconds(60), "the hanging model was not abandoned")
        #expect(await chain.breaker.snapshot()[0] == .closed(failures: 1))
    }

    @Test func whenAllFailTheLastErrorIsThrown() async throws {
        let chain = FallbackChatModel(models: [
            ScriptedModel("a", .fail(.unavailable("a down"))), ScriptedModel("b", .fail(.badResponse("empty"))),
        ])
        await #expect(throws: ModelError.badResponse("empty")) { _ = try await chain.complete(request) }
    }

    @Test func whenAllAreSkippedOrNoneConfiguredTheChainIsUnavailable() async throws {
        let clock = AITestClock()
        let only = ScriptedModel("only", .fail(.unauthorized("no")))
        let chain = FallbackChatModel(models: [only], now: { clock.now })
        await #expect(throws: ModelError.unauthorized("no")) { _ = try await chain.complete(request) }
        let error = await #expect(throws: ModelError.self) { _ = try await chain.complete(request) }
        guard case .unavailable? = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(only.callCount == 1)
        let empty = FallbackChatModel(models: [])
        await #expect(throws: ModelError.unavailable("no chat model is configured")) {
            _ = try await empty.complete(request)
        }
    }

    @Test func cancellationStopsTheChain() async throws {
        let first = ScriptedModel("first", .hang)
        let second = ScriptedModel("second", .answer("ok"))
        let chain = FallbackChatModel(models: [first, second], callTimeout: .seconds(30))
        let task = Task { try await chain.complete(request) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(second.callCount == 0)
        #expect(await chain.breaker.snapshot()[0] != .halfOpen)
    }
}
