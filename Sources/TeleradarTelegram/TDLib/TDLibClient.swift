import Foundation
import TeleradarCore

/// One TDLib instance (client id): sends typed requests and awaits their answers, publishes updates, tracks
/// the authorization state.
///
/// Objects arrive through the transport's process-wide `TDLibReceiver` thread, in TDLib's order. Each
/// request carries an `@extra` correlation id; its answer resumes the waiting caller, or the caller gets
/// `.timeout` when none arrives in time. Call `close()` when done: TDLib keeps the instance (and its
/// database lock) until then.
package actor TDLibClient {
    /// The TDLib instance id.
    package nonisolated let clientID: Int32
    /// The transport requests go through.
    package nonisolated let transport: any TDJSONTransport
    /// How long `send` waits for an answer unless told otherwise.
    package nonisolated let defaultTimeout: Duration
    private nonisolated let receiver: TDLibReceiver

    /// The last authorization state TDLib reported; nil before the instance started.
    package private(set) var authorizationState: TDAuthorizationState?
    /// True once TDLib reported `authorizationStateClosed`: every request fails with `.closed`.
    package private(set) var isClosed = false
    /// Updates that could not be decoded (dropped); a non-zero value points at a schema drift.
    package private(set) var undecodableUpdateCount = 0
    /// Updates a subscriber's full buffer could not take (its oldest were dropped), over all subscribers.
    package private(set) var droppedUpdateCount = 0

    private struct PendingRequest {
        var name: String
        var continuation: CheckedContinuation<TDIncoming, any Error>
        var timeoutTask: Task<Void, Never>
    }

    private var pending: [String: PendingRequest] = [:]
    private var requestCounter: UInt64 = 0
    private var subscriberCounter: UInt64 = 0
    private var updateSubscribers: [UInt64: AsyncStream<TDUpdate>.Continuation] = [:]
    private var stateSubscribers: [UInt64: AsyncStream<TDAuthorizationState>.Continuation] = [:]
    private var closeWaiters: [UInt64: (continuation: CheckedContinuation<Void, any Error>, timer: Task<Void, Never>)] =
        [:]

    /// Creates a TDLib instance on `transport` and starts listening to it. TDLib starts the instance with
    /// the first request (`getAuthorizationState` is a good first one).
    package init(transport: any TDJSONTransport, defaultTimeout: Duration = .seconds(30)) {
        self.transport = transport
        self.defaultTimeout = defaultTimeout
        self.receiver = TDLibReceiver.shared(for: transport)
        self.clientID = transport.createClientID()
        let incoming = receiver.register(clientID: clientID)
        Task { [weak self] in
            for await object in incoming {
                guard let self else { return }
                await self.handle(object)
            }
        }
    }

    deinit {
        receiver.unregister(clientID: clientID)
    }

    /// Sends `function` and waits up to `timeout` (default `defaultTimeout`) for its answer, which is decoded
    /// outside the actor (history pages are large).
    /// - Throws: `.tdlib` for TDLib's `error`, `.timeout`, `.closed`, `.cancelled`, `.malformedResponse`,
    ///   `.unexpectedResponse`.
    package nonisolated func send<Function: TDFunction>(_ function: Function, timeout: Duration? = nil)
        async throws(TDLibError) -> Function.Result
    {
        let answer = try await sendRaw(function, timeout: timeout ?? defaultTimeout)
        return try answer.decodeResult(Function.Result.self)
    }

    /// Runs a synchronous request through `td_execute` (no instance needed).
    package nonisolated func execute<Function: TDFunction>(_ function: Function) throws(TDLibError)
        -> Function.Result
    {
        try transport.execute(function)
    }

    /// Every update from now on, decoded (unknown kinds as `.unknown`). The newest `bufferSize` are kept when
    /// the consumer falls behind. The stream finishes when the instance closes.
    package func updates(bufferSize: Int = 10_000) -> AsyncStream<TDUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: TDUpdate.self, bufferingPolicy: .bufferingNewest(bufferSize)
        )
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = nextSubscriberID()
        updateSubscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeSubscriber(id) }
        }
        return stream
    }

    /// The current authorization state (if known) followed by every change. Finishes after `closed`.
    package func authorizationStates() -> AsyncStream<TDAuthorizationState> {
        let (stream, continuation) = AsyncStream.makeStream(of: TDAuthorizationState.self)
        if let authorizationState { continuation.yield(authorizationState) }
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = nextSubscriberID()
        stateSubscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeSubscriber(id) }
        }
        return stream
    }

    /// Sends `close` and waits until TDLib reports `authorizationStateClosed`; returns at once when already
    /// closed.
    package func close(timeout: Duration? = nil) async throws(TDLibError) {
        guard !isClosed else { return }
        do {
            _ = try await send(TDClose(), timeout: timeout)
        } catch .closed {
            return
        }
        try await waitUntilClosed(timeout: timeout ?? defaultTimeout)
    }

    /// Waits until TDLib reports `authorizationStateClosed` (after `close` or `logOut`).
    package func waitUntilClosed(timeout: Duration) async throws(TDLibError) {
        guard !isClosed else { return }
        let id = nextSubscriberID()
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    await self?.expireCloseWaiter(id, after: timeout)
                }
                closeWaiters[id] = (continuation, timer)
            }
        } catch {
            throw (error as? TDLibError) ?? .closed
        }
    }

    // MARK: - Internals

    private func sendRaw<Function: TDFunction>(_ function: Function, timeout: Duration) async throws(TDLibError)
        -> TDIncoming
    {
        guard !isClosed else { throw .closed }
        requestCounter += 1
        let extra = "tr-\(clientID)-\(requestCounter)"
        let json = try TDRequestEnvelope(function: function, extra: extra).jsonString()
        let name = Function.typeName
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation {
                    (continuation: CheckedContinuation<TDIncoming, any Error>) in
                    guard !Task.isCancelled else {
                        continuation.resume(throwing: TDLibError.cancelled(request: name))
                        return
                    }
                    let timeoutTask = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        guard !Task.isCancelled else { return }
                        await self?.fail(extra, with: .timeout(request: name, seconds: timeout.seconds))
                    }
                    pending[extra] = PendingRequest(name: name, continuation: continuation, timeoutTask: timeoutTask)
                    transport.send(clientID: clientID, json: json)
                }
            } onCancel: {
                Task { await self.fail(extra, with: .cancelled(request: name)) }
            }
        } catch {
            throw (error as? TDLibError) ?? .cancelled(request: name)
        }
    }

    /// Routes one received object: an answer to its waiting request, anything without `@extra` to the
    /// update subscribers. Answers whose request already timed out are dropped.
    private func handle(_ object: TDIncoming) {
        if let extra = object.extra {
            guard let request = pending.removeValue(forKey: extra) else { return }
            request.timeoutTask.cancel()
            request.continuation.resume(returning: object)
            return
        }
        guard let update = try? object.decode(TDUpdate.self) else {
            undecodableUpdateCount += 1
            return
        }
        for subscriber in updateSubscribers.values {
            if case .dropped = subscriber.yield(update) { droppedUpdateCount += 1 }
        }
        guard case .authorizationState(let state) = update else { return }
        authorizationState = state
        for subscriber in stateSubscribers.values { subscriber.yield(state) }
        if state == .closed { finishClosed() }
    }

    /// The instance is gone: fail what waits for answers, finish the streams, release the receiver.
    private func finishClosed() {
        isClosed = true
        let requests = pending.values
        pending.removeAll()
        for request in requests {
            request.timeoutTask.cancel()
            request.continuation.resume(throwing: TDLibError.closed)
        }
        for subscriber in updateSubscribers.values { subscriber.finish() }
        for subscriber in stateSubscribers.values { subscriber.finish() }
        updateSubscribers.removeAll()
        stateSubscribers.removeAll()
        for waiter in closeWaiters.values {
            waiter.timer.cancel()
            waiter.continuation.resume()
        }
        closeWaiters.removeAll()
        receiver.unregister(clientID: clientID)
    }

    private func fail(_ extra: String, with error: TDLibError) {
        guard let request = pending.removeValue(forKey: extra) else { return }
        request.timeoutTask.cancel()
        request.continuation.resume(throwing: error)
    }

    private func expireCloseWaiter(_ id: UInt64, after timeout: Duration) {
        closeWaiters.removeValue(forKey: id)?.continuation.resume(
            throwing: TDLibError.timeout(request: "close", seconds: timeout.seconds)
        )
    }

    private func removeSubscriber(_ id: UInt64) {
        updateSubscribers.removeValue(forKey: id)
        stateSubscribers.removeValue(forKey: id)
    }

    private func nextSubscriberID() -> UInt64 {
        subscriberCounter += 1
        return subscriberCounter
    }
}
