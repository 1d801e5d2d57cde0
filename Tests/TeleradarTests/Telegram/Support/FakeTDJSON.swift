import Dispatch
import Foundation
import Synchronization

@testable import TeleradarTelegram

/// An in-process stand-in for `libtdjson.so`: the client talks to it through `TDJSONTransport` exactly as to
/// the real library, and it answers with the same JSON (`@type`, `@extra` echoed, `@client_id` on every
/// object, updates before or after answers as TDLib orders them) from a `FakeTDJSONScript`.
///
/// Tests can make the next request of a type fail (`failNext`), leave requests unanswered (`swallow`),
/// hold answers back and release them out of order (`hold`/`releaseHeld`), push updates, and inspect every
/// request received and every object sent.
final class FakeTDJSON: TDJSONTransport {
    let receiverKey = "fake-tdjson-\(UUID().uuidString)"

    private struct State: Sendable {
        var server: FakeTDLibServer
        var nextClientID: Int32 = 0
        var outbox: [String] = []
        var requests: [(clientID: Int32, request: TestJSON)] = []
        var emitted: [TestJSON] = []
        var failures: [String: [TestJSON]] = [:]
        var swallowed: Set<String> = []
        var heldTypes: Set<String> = []
        var held: [TestJSON] = []
    }

    private let state: Mutex<State>
    private let available = DispatchSemaphore(value: 0)

    init(script: FakeTDJSONScript = FakeTDJSONScript()) {
        state = Mutex(State(server: FakeTDLibServer(script: script)))
    }

    // MARK: TDJSONTransport

    func createClientID() -> Int32 {
        state.withLock { state in
            state.nextClientID += 1
            return state.nextClientID
        }
    }

    func send(clientID: Int32, json: String) {
        guard let request = try? TestJSON.parse(json) else {
            enqueue([
                FakeTDLibServer.error(400, "Failed to parse request as JSON object").setting(
                    "@client_id", .int(Int64(clientID)))
            ])
            return
        }
        let extra = request["@extra"]
        let objects: [TestJSON] = state.withLock { state in
            state.requests.append((clientID, request))
            let type = request.type ?? ""
            if state.swallowed.contains(type) { return [] }
            var outgoing: [FakeTDLibServer.Outgoing]
            if var queue = state.failures[type], !queue.isEmpty {
                outgoing = [.response(queue.removeFirst())]
                state.failures[type] = queue
            } else {
                outgoing = state.server.handle(request, clientID: clientID)
            }
            var objects: [TestJSON] = []
            for item in outgoing {
                switch item {
                case .update(let update):
                    objects.append(update.setting("@client_id", .int(Int64(clientID))))
                case .response(let response):
                    var object = response.setting("@client_id", .int(Int64(clientID)))
                    if let extra { object = object.setting("@extra", extra) }
                    if state.heldTypes.contains(type) { state.held.append(object) } else { objects.append(object) }
                }
            }
            return objects
        }
        enqueue(objects)
    }

    func receive(timeout: Double) -> String? {
        guard available.wait(timeout: .now() + timeout) == .success else { return nil }
        return state.withLock { $0.outbox.isEmpty ? nil : $0.outbox.removeFirst() }
    }

    func execute(_ json: String) -> String? {
        guard let request = try? TestJSON.parse(json) else {
            return FakeTDLibServer.error(400, "Failed to parse request as JSON object").text
        }
        var answer: TestJSON
        switch (request.type, request["name"]?.stringValue) {
        case ("getOption", "version"): answer = ["@type": "optionValueString", "value": "1.8.66"]
        case ("setLogVerbosityLevel", _): answer = FakeTDLibServer.ok
        default: answer = FakeTDLibServer.error(400, "The method can't be executed synchronously")
        }
        if let extra = request["@extra"] { answer = answer.setting("@extra", extra) }
        return answer.text
    }

    // MARK: Test controls

    /// The next request of `type` is answered with `error(code, message)` instead of being handled.
    func failNext(_ type: String, code: Int64, message: String) {
        state.withLock { $0.failures[type, default: []].append(FakeTDLibServer.error(code, message)) }
    }

    /// Requests of `type` are recorded but never answered.
    func swallow(_ type: String) {
        state.withLock { _ = $0.swallowed.insert(type) }
    }

    /// Answers to requests of `type` are kept back until `releaseHeld()`.
    func hold(_ type: String) {
        state.withLock { _ = $0.heldTypes.insert(type) }
    }

    /// Sends the held answers, newest first, and stops holding.
    func releaseHeld() {
        let objects = state.withLock { state in
            defer {
                state.held.removeAll()
                state.heldTypes.removeAll()
            }
            return Array(state.held.reversed())
        }
        enqueue(objects)
    }

    /// Sends `update` to `clientID` as TDLib would push it.
    func push(_ update: TestJSON, to clientID: Int32) {
        enqueue([update.setting("@client_id", .int(Int64(clientID)))])
    }

    /// Manual QR mode: rotates `clientID`'s QR link.
    func rotateQR(clientID: Int32) {
        deliver(state.withLock { $0.server.rotateQR(clientID: clientID) }, to: clientID)
    }

    /// Manual QR mode: the QR code of `clientID` was scanned.
    func confirmQR(clientID: Int32) {
        deliver(state.withLock { $0.server.confirmQR(clientID: clientID) }, to: clientID)
    }

    private func deliver(_ outgoing: [FakeTDLibServer.Outgoing], to clientID: Int32) {
        enqueue(
            outgoing.map { item in
                switch item {
                case .update(let object), .response(let object): object.setting("@client_id", .int(Int64(clientID)))
                }
            })
    }

    /// Every request received, in order, with its client id.
    var requests: [(clientID: Int32, request: TestJSON)] {
        state.withLock { $0.requests }
    }

    /// Requests of one `@type`, in order.
    func requests(ofType type: String) -> [TestJSON] {
        requests.map(\.request).filter { $0.type == type }
    }

    /// Every object the fake sent (answers and updates), in order.
    var emitted: [TestJSON] {
        state.withLock { $0.emitted }
    }

    /// The `setTdlibParameters` request `clientID` sent.
    func parameters(of clientID: Int32) -> TestJSON? {
        state.withLock { $0.server.parameters(of: clientID) }
    }

    private func enqueue(_ objects: [TestJSON]) {
        guard !objects.isEmpty else { return }
        state.withLock { state in
            state.emitted += objects
            state.outbox += objects.map(\.text)
        }
        for _ in objects { available.signal() }
    }
}
