import Synchronization
import Testing
@testable import TeleradarTelegram

@Suite("Outbound limiter with a fake clock")
struct BotOutboxTests {
    /// Records the fake instant of every delivery.
    final class Deliveries: Sendable {
        private let log = Mutex<[(chat: BotAPI.ChatID, at: Duration)]>([])
        func record(_ chat: BotAPI.ChatID, at: Duration) { log.withLock { $0.append((chat, at)) } }
        var times: [Duration] { log.withLock { $0.map(\.at) } }
        var chats: [BotAPI.ChatID] { log.withLock { $0.map(\.chat) } }
    }

    /// A value behind a lock, shareable with concurrent tasks.
    final class BotLockedBox<Value: Sendable>: Sendable {
        private let mutex: Mutex<Value>
        init(_ value: Value) { mutex = Mutex(value) }
        func withLock<R: Sendable>(_ body: (inout sending Value) -> sending R) -> R { mutex.withLock(body) }
    }

    @Test func oneMessagePerSecondPerChat() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let deliveries = Deliveries()
        for _ in 0..<5 {
            try await outbox.send(to: 42) { deliveries.record(42, at: clock.now) }
        }
        #expect(deliveries.times == [.zero, .seconds(1), .seconds(2), .seconds(3), .seconds(4)])
        try await outbox.send(to: 43) { deliveries.record(43, at: clock.now) }
        #expect(deliveries.times.last == .seconds(4), "another chat is not held back")
    }

    @Test func twentyPerMinutePerGroup() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let deliveries = Deliveries()
        for _ in 0..<23 {
            try await outbox.send(to: -1_001_234_567_890) { deliveries.record(-1_001_234_567_890, at: clock.now) }
        }
        let times = deliveries.times
        #expect(Array(times.prefix(20)) == (0..<20).map { .seconds($0) })
        #expect(Array(times.suffix(3)) == [.seconds(60), .seconds(61), .seconds(62)])
        for index in 20..<times.count {
            #expect(times[index] - times[index - 20] >= .seconds(60), "no 21 messages within a minute")
        }
        try await outbox.send(to: 7) { deliveries.record(7, at: clock.now) }
        #expect(deliveries.times.last == .seconds(62), "a private chat is not held back by the group")
    }

    @Test func thirtyPerSecondOverall() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let deliveries = Deliveries()
        for chat in 1...65 {
            let id = BotAPI.ChatID.id(Int64(chat))
            try await outbox.send(to: id) { deliveries.record(id, at: clock.now) }
        }
        let times = deliveries.times
        #expect(times.filter { $0 == .zero }.count == 30)
        #expect(times.filter { $0 == .seconds(1) }.count == 30)
        #expect(times.filter { $0 == .seconds(2) }.count == 5)
        for index in 30..<times.count {
            #expect(times[index] - times[index - 30] >= .seconds(1), "no 31 messages within a second")
        }
    }

    @Test func retryAfterWaitsAndDeliversOnce() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let deliveries = Deliveries()
        let attempts = BotLockedBox(0)
        let message = try await outbox.send(to: 42) { () async throws -> String in
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt == 1 {
                throw BotAPIError(errorCode: 429, description: "Too Many Requests: retry after 3", retryAfter: 3)
            }
            deliveries.record(42, at: clock.now)
            return "sent"
        }
        #expect(message == "sent")
        #expect(attempts.withLock { $0 } == 2)
        #expect(deliveries.times.count == 1)
        #expect(try #require(deliveries.times.first) >= .seconds(3))
        #expect(clock.sleeps.contains(.seconds(3)))
    }

    @Test func aSecondFloodErrorIsThrownNotRetriedForever() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let attempts = BotLockedBox(0)
        let flood = BotAPIError(errorCode: 429, description: "Too Many Requests: retry after 5", retryAfter: 5)
        await #expect(throws: flood) {
            try await outbox.send(to: 1) { () async throws -> Void in
                let attempt = attempts.withLock { count -> Int in
                    count += 1
                    return count
                }
                // Succeeds from the fourth attempt on, so a limiter retrying forever fails here instead of hanging.
                if attempt <= 3 { throw flood }
            }
        }
        #expect(attempts.withLock { $0 } == 2)
        #expect(clock.now >= .seconds(5))
    }

    @Test func otherErrorsAreNotRetried() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let attempts = BotLockedBox(0)
        let blocked = BotAPIError(errorCode: 403, description: "Forbidden: bot was blocked by the user")
        await #expect(throws: blocked) {
            try await outbox.send(to: 1) { () async throws -> Void in
                attempts.withLock { $0 += 1 }
                throw blocked
            }
        }
        let transport = BotAPIClientError.transport(method: "sendMessage", message: "timeout")
        await #expect(throws: transport) {
            try await outbox.send(to: 2) { () async throws -> Void in
                attempts.withLock { $0 += 1 }
                throw transport
            }
        }
        #expect(attempts.withLock { $0 } == 2, "a timeout may have delivered: never resend")
    }

    @Test func concurrentMessagesToOneChatAreSerialisedAndSpaced() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let deliveries = Deliveries()
        let running = BotLockedBox(0)
        let overlapped = BotLockedBox(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await outbox.send(to: 5) {
                        let now = running.withLock { count -> Int in
                            count += 1
                            return count
                        }
                        if now > 1 { overlapped.withLock { $0 = true } }
                        await Task.yield()
                        deliveries.record(5, at: clock.now)
                        running.withLock { $0 -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(!overlapped.withLock { $0 })
        #expect(deliveries.times.sorted() == (0..<6).map { .seconds($0) })
    }

    @Test func sendsThroughTheClient() async throws {
        let clock = BotManualClock()
        let outbox = BotOutbox(clock: clock.outboxClock)
        let transport = FakeBotAPITransport([
            .json(status: 429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}"#),
            .json(status: 200, #"{"ok":true,"result":{"message_id":8,"date":1760000000,"chat":{"id":-100,"type":"group","title":"G"},"text":"hi"}}"#),
        ])
        let client = BotAPIClient(token: "1:x", transport: transport)
        let message = try await outbox.send(.sendMessage(chatID: -100, text: "hi"), to: -100, via: client)
        #expect(message.messageID == 8)
        #expect(transport.calls.count == 2)
        #expect(transport.calls[0].body == transport.calls[1].body, "the same message is sent again")
        #expect(clock.now >= .seconds(2))
    }

    @Test func realClockMeasuresTime() async throws {
        let clock = BotOutboxClock.continuous
        let start = clock.now()
        try await clock.sleepUntil(start + .milliseconds(20))
        #expect(clock.now() - start >= .milliseconds(20))
    }
}
