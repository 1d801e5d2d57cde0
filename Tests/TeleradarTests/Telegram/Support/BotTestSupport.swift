import Foundation
import Logging
import Synchronization
@testable import TeleradarTelegram

/// Locates files under `Tests/TeleradarTests/Fixtures/`.
enum BotFixtures {
    /// The fixture at `relative` (e.g. `telegram-bot-api-spec/api.json`), searching upwards from this file.
    static func file(_ relative: String) -> URL? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            for candidate in [folder.appendingPathComponent("Fixtures/\(relative)"),
                              folder.appendingPathComponent("Tests/TeleradarTests/Fixtures/\(relative)")]
            where FileManager.default.fileExists(atPath: candidate.path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}

/// A ``BotAPITransport`` answering from a script and recording every call.
final class FakeBotAPITransport: BotAPITransport {
    /// One recorded call.
    struct Call: Sendable {
        var url: String
        var body: Data
        var timeout: Duration
    }

    /// What to answer.
    enum Reply: Sendable {
        case json(status: Int, String)
        case failure(String)
    }

    /// An error thrown by the transport, carrying a message.
    struct TransportFailure: Error, CustomStringConvertible {
        var description: String
    }

    private let state: Mutex<(calls: [Call], replies: [Reply])>

    /// A transport giving `replies` in order, then `{"ok":true,"result":true}`.
    init(_ replies: [Reply] = []) {
        state = Mutex((calls: [], replies: replies))
    }

    /// The calls so far.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Records the call and returns the next scripted reply.
    func post(url: String, body: Data, timeout: Duration) async throws -> BotAPIHTTPResponse {
        let reply = state.withLock { state -> Reply in
            state.calls.append(Call(url: url, body: body, timeout: timeout))
            return state.replies.isEmpty ? .json(status: 200, #"{"ok":true,"result":true}"#) : state.replies.removeFirst()
        }
        switch reply {
        case .json(let status, let text): return BotAPIHTTPResponse(status: status, body: Data(text.utf8))
        case .failure(let message): throw TransportFailure(description: message)
        }
    }
}

/// A fake clock for ``BotOutbox``: `sleepUntil` jumps the time forward instead of waiting.
final class BotManualClock: Sendable {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((now: .zero, sleeps: []))

    /// The current fake instant.
    var now: Duration { state.withLock { $0.now } }
    /// Deadlines that were slept until, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The outbox clock backed by this fake.
    var outboxClock: BotOutboxClock {
        BotOutboxClock(
            now: { [self] in now },
            sleepUntil: { [self] deadline in
                try Task.checkCancellation()
                state.withLock { state in
                    state.sleeps.append(deadline)
                    state.now = max(state.now, deadline)
                }
                await Task.yield()
            })
    }
}

/// A log handler keeping every rendered message and its metadata.
struct BotCapturingLogHandler: LogHandler {
    /// Rendered lines, shared by copies of the handler.
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])
        /// Everything logged so far.
        var all: [String] { lines.withLock { $0 } }
        /// Appends a line.
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        store.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
    }

    /// A logger writing into a fresh store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "test") { _ in BotCapturingLogHandler(store: store) }, store)
    }
}
