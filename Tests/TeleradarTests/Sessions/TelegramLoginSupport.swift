import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import TeleradarApp
import Testing

@testable import TeleradarTelegram

/// The QR login tests' pieces: a fake TDLib per user, API credentials, a running session manager, polling.
final class FakeTransports: Sendable {
    private let fakes = Mutex<[Int64: FakeTDJSON]>([:])

    /// `fake` serves the TDLib instances of `userID`.
    func register(_ fake: FakeTDJSON, for userID: Int64) {
        fakes.withLock { $0[userID] = fake }
    }

    /// Session options whose transport is the registered fake (a user without one: TDLib "missing").
    func options(lifetime: Duration = .seconds(600)) -> TDLibSessionManager.Options {
        var options = TDLibSessionManager.Options { [self] userID in
            guard let fake = fakes.withLock({ $0[userID] }) else {
                throw TDLibSessionError.libraryUnavailable("no fake TDLib for user \(userID)")
            }
            return fake
        }
        options.loginLifetime = lifetime
        options.requestTimeout = .seconds(10)
        options.leaseRenewal = .milliseconds(200)
        return options
    }
}

enum TelegramLogin {
    /// TELEGRAM_API_ID / TELEGRAM_API_HASH for the fake.
    static let environment = ["TELEGRAM_API_ID": "12345", "TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef"]

    /// Records an authorised session of `userID` as a finished login would (the record only), and when
    /// `transports` is given, registers a fake TDLib for that user whose database already holds the session.
    @discardableResult
    static func recordSession(
        userID: Int64, telegramID: Int64, in context: AppContext, transports: FakeTransports? = nil
    ) async throws -> FakeTDJSON? {
        var fake: FakeTDJSON?
        if let transports {
            var script = FakeTDJSONScript()
            script.sessionExists = true
            script.me.id = telegramID
            fake = FakeTDJSON(script: script)
            transports.register(fake!, for: userID)
        }
        try await context.cache.setJSON(
            TDLibSessionManager.recordNamespace, String(userID),
            value: TDLibSessionManager.Record(telegramUserID: telegramID, authorizedAt: Date()), ttl: nil)
        return fake
    }

    /// A fake whose QR links rotate and are scanned only when the test says so.
    static func manualFake(
        me: Int64 = 5_550_001, password: String? = nil, links: [String]? = nil, channels: [FakeTDChannel] = []
    ) -> FakeTDJSON {
        var script = FakeTDJSONScript()
        script.manualQR = true
        script.password = password
        script.me.id = me
        script.channels = channels
        if let links { script.qrLinks = links }
        return FakeTDJSON(script: script)
    }

    /// The client id whose QR login `fake` serves.
    static func loginClient(_ fake: FakeTDJSON) throws -> Int32 {
        try #require(fake.requests.first { $0.request.type == "requestQrCodeAuthentication" }?.clientID)
    }

    /// Runs `manager` as a service for the duration of `body`, then shuts it down gracefully.
    static func running<T: Sendable>(
        _ manager: TDLibSessionManager, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: manager)], gracefulShutdownSignals: [], logger: logger))
        let runner = Task { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await runner.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await runner.value
            throw error
        }
    }

    /// GET /api/v1/telegram/login as `token`, as JSON.
    static func state(_ client: any TestClientProtocol, _ token: String) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/telegram/login", method: .get, headers: APITest.headers(token)) {
            response in
            #expect(response.status == .ok)
            return APITest.json(response)
        }
    }

    /// Polls the state until `accept` holds (30 s at most: the whole suite loads 2 cores) and returns it.
    static func waitFor(
        _ client: any TestClientProtocol, _ token: String, _ what: String,
        _ accept: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(30)
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            last = try await state(client, token)
            if accept(last) { return last }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); last state \(last)")
        throw CancellationError()
    }

    /// Polls `condition` until it holds (30 s at most).
    static func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
