import Foundation
import Synchronization

/// The single receive loop of a transport: TDLib has one receive queue per process, shared by all client
/// ids, and `td_receive` blocks, so one dedicated thread drains it and hands every object to the client
/// that `@client_id` names. The thread runs only while at least one client is registered.
package final class TDLibReceiver: Sendable {
    /// The transport drained.
    package let transport: any TDJSONTransport
    /// How long one `receive` call may block; bounds how late the loop notices it has no clients left.
    package let pollInterval: Double

    private struct State {
        var sinks: [Int32: AsyncStream<TDIncoming>.Continuation] = [:]
        var running = false
    }

    private let state = Mutex(State())

    /// One receiver per `TDJSONTransport.receiverKey`, for the life of the process.
    private static let registry = Mutex<[String: TDLibReceiver]>([:])

    private init(transport: any TDJSONTransport, pollInterval: Double) {
        self.transport = transport
        self.pollInterval = pollInterval
    }

    /// The process-wide receiver of `transport`'s queue, created on first use.
    package static func shared(for transport: any TDJSONTransport, pollInterval: Double = 1.0) -> TDLibReceiver {
        registry.withLock { receivers in
            if let existing = receivers[transport.receiverKey] { return existing }
            let receiver = TDLibReceiver(transport: transport, pollInterval: pollInterval)
            receivers[transport.receiverKey] = receiver
            return receiver
        }
    }

    /// Starts delivering objects of `clientID` to the returned stream, in the order TDLib produced them,
    /// and starts the loop if it is not running. Register before sending the first request.
    package func register(clientID: Int32) -> AsyncStream<TDIncoming> {
        let (stream, continuation) = AsyncStream.makeStream(of: TDIncoming.self, bufferingPolicy: .unbounded)
        let (replaced, mustStart) = state.withLock { state in
            let replaced = state.sinks.updateValue(continuation, forKey: clientID)
            let mustStart = !state.running
            state.running = true
            return (replaced, mustStart)
        }
        replaced?.finish()
        if mustStart {
            let thread = Thread { [self] in runLoop() }
            thread.name = "tdlib-receive"
            thread.start()
        }
        return stream
    }

    /// Stops delivering objects of `clientID` and finishes its stream; the loop ends once no client is left.
    package func unregister(clientID: Int32) {
        let sink = state.withLock { $0.sinks.removeValue(forKey: clientID) }
        sink?.finish()
    }

    /// Client ids currently registered.
    package var registeredClientIDs: Set<Int32> {
        state.withLock { Set($0.sinks.keys) }
    }

    /// The loop body: receive, read the header, hand the object to its client; objects without a registered
    /// `@client_id` (or unreadable ones) are dropped.
    private func runLoop() {
        while true {
            let keepRunning = state.withLock { state in
                if state.sinks.isEmpty { state.running = false }
                return state.running
            }
            guard keepRunning else { return }
            guard let json = transport.receive(timeout: pollInterval),
                let incoming = try? TDIncoming(json: json),
                let clientID = incoming.clientID
            else { continue }
            let sink = state.withLock { $0.sinks[clientID] }
            sink?.yield(incoming)
        }
    }
}
