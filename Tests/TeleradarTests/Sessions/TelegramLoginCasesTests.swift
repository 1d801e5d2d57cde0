import Foundation
import Hummingbird
import HummingbirdTesting
import TeleradarApp
import TeleradarCore
import TeleradarStorage
import Testing

@testable import TeleradarTelegram

/// The login's other outcomes: another account, expiry, isolation between users, missing configuration.
@Suite("Telegram login: refusals, expiry, isolation")
struct TelegramLoginCasesTests {
    @Test(
        "another Telegram account logging in is refused: logged out, folder, key and record removed",
        arguments: Backend.allCases)
    func anotherAccount(backend: Backend) async throws {
        TeleradarMetrics.bootstrap()
        let transports = FakeTransports()
        try await APITest.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context, client in
            let user = try await APITest.user(context, telegramID: 42)
            var script = FakeTDJSONScript()
            script.me.id = 5_550_001
            let fake = FakeTDJSON(script: script)
            transports.register(fake, for: user.id)
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(user.token))
            {
                #expect($0.status == .ok)
            }
            let failed = try await TelegramLogin.waitFor(client, user.token, "the refusal") {
                $0["status"] as? String == "failed"
            }
            #expect(failed["reason"] as? String == "another account")
            #expect(failed["telegram_user_id"] == nil)
            try await TelegramLogin.eventually("the lease released") {
                try await context.leases.holder(of: context.telegramSessions.leaseName(userID: user.id)) == nil
            }
            #expect(fake.requests(ofType: "logOut").count == 1)
            #expect(try await context.cache.get(TDLibSessionManager.recordNamespace, String(user.id)) == nil)
            #expect(try await context.cache.get("tdlib_keys", String(user.id)) == nil)
            #expect(!FileManager.default.fileExists(atPath: "\(context.config.dataDirectory)/tdlib/\(user.id)"))
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"tdlib_logins_total{outcome="wrong_account"}"#))
                #expect(text.contains(#"tdlib_sessions{state="ready"}"#))
            }
        }
    }

    @Test(
        "an attempt not completed within its lifetime expires: cancelled, instance closed, lease released",
        arguments: Backend.allCases)
    func expiry(backend: Backend) async throws {
        let transports = FakeTransports()
        try await APITest.with(
            backend, environment: TelegramLogin.environment, sessions: transports.options(lifetime: .seconds(2))
        ) { context, client in
            let user = try await APITest.user(context, telegramID: 5_550_001)
            let fake = TelegramLogin.manualFake()
            transports.register(fake, for: user.id)
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(user.token))
            {
                #expect($0.status == .ok)
            }
            // (Under a heavily loaded machine the attempt may expire before a poll saw its link.)
            _ = try await TelegramLogin.waitFor(client, user.token, "the QR link") {
                $0["qr_link"] != nil || $0["status"] as? String == "expired"
            }
            let expired = try await TelegramLogin.waitFor(client, user.token, "expiry") {
                $0["status"] as? String == "expired"
            }
            #expect(expired["qr_link"] == nil)
            try await TelegramLogin.eventually("the lease released") {
                try await context.leases.holder(of: context.telegramSessions.leaseName(userID: user.id)) == nil
            }
            #expect(fake.requests(ofType: "close").count == 1)
            try await client.execute(
                uri: "/api/v1/telegram/login/qr.svg", method: .get, headers: APITest.headers(user.token)
            ) { #expect($0.status == .notFound) }
            // The scan arriving late changes nothing.
            fake.confirmQR(clientID: try TelegramLogin.loginClient(fake))
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await TelegramLogin.state(client, user.token)["status"] as? String == "expired")
            #expect(try await context.cache.get(TDLibSessionManager.recordNamespace, String(user.id)) == nil)
        }
    }

    @Test("two users' logins are isolated: each sees only their own state and QR code", arguments: Backend.allCases)
    func isolation(backend: Backend) async throws {
        let transports = FakeTransports()
        try await APITest.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context, client in
            let a = try await APITest.user(context, telegramID: 5_550_001)
            let b = try await APITest.user(context, telegramID: 5_550_002)
            let fakeA = TelegramLogin.manualFake(me: 5_550_001, password: "a-secret", links: ["tg://login?token=AAAA"])
            let fakeB = TelegramLogin.manualFake(me: 5_550_002, links: ["tg://login?token=BBBB"])
            transports.register(fakeA, for: a.id)
            transports.register(fakeB, for: b.id)
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(a.token)) {
                #expect($0.status == .ok)
            }
            _ = try await TelegramLogin.waitFor(client, a.token, "A's QR link") {
                $0["qr_link"] as? String == "tg://login?token=AAAA"
            }
            // B sees nothing of A's attempt and cannot act on it.
            let seenByB = try await TelegramLogin.state(client, b.token)
            #expect(seenByB["status"] as? String == "none")
            #expect(seenByB["qr_link"] == nil)
            try await client.execute(
                uri: "/api/v1/telegram/login/qr.svg", method: .get, headers: APITest.headers(b.token)
            ) { #expect($0.status == .notFound) }
            fakeA.confirmQR(clientID: try TelegramLogin.loginClient(fakeA))
            _ = try await TelegramLogin.waitFor(client, a.token, "A's password prompt") {
                $0["status"] as? String == "waiting_for_password"
            }
            try await client.execute(
                uri: "/api/v1/telegram/login/password", method: .post, headers: APITest.headers(b.token),
                body: ByteBuffer(string: #"{"password": "a-secret"}"#)
            ) { #expect($0.status == .conflict) }
            #expect(fakeA.requests(ofType: "checkAuthenticationPassword").isEmpty)
            try await client.execute(
                uri: "/api/v1/telegram/session", method: .delete, headers: APITest.headers(b.token)
            ) { #expect($0.status == .noContent) }
            #expect(try await TelegramLogin.state(client, a.token)["status"] as? String == "waiting_for_password")
            // B's own login runs beside A's, in its own folder.
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(b.token)) {
                #expect($0.status == .ok)
            }
            _ = try await TelegramLogin.waitFor(client, b.token, "B's QR link") {
                $0["qr_link"] as? String == "tg://login?token=BBBB"
            }
            fakeB.confirmQR(clientID: try TelegramLogin.loginClient(fakeB))
            _ = try await TelegramLogin.waitFor(client, b.token, "B ready") { $0["status"] as? String == "ready" }
            #expect(try await TelegramLogin.state(client, a.token)["status"] as? String == "waiting_for_password")
            let parametersA = try #require(fakeA.parameters(of: try TelegramLogin.loginClient(fakeA)))
            let parametersB = try #require(fakeB.parameters(of: try TelegramLogin.loginClient(fakeB)))
            #expect(parametersA["database_directory"]?.stringValue?.hasSuffix("/tdlib/\(a.id)") == true)
            #expect(parametersB["database_directory"]?.stringValue?.hasSuffix("/tdlib/\(b.id)") == true)
            #expect(parametersA["database_encryption_key"] != parametersB["database_encryption_key"])
            try await context.telegramSessions.logout(userID: a.id)
            try await context.telegramSessions.logout(userID: b.id)
        }
    }

    @Test("without TELEGRAM_API_ID/HASH or libtdjson the start is a clear 503", arguments: Backend.allCases)
    func notConfigured(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let user = try await APITest.user(context, telegramID: 7)
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(user.token))
            {
                response in
                #expect(response.status == .serviceUnavailable)
                let body = APITest.json(response)
                #expect(body["error"] as? String == "tdlib_not_configured")
                #expect((body["message"] as? String)?.contains("TELEGRAM_API_ID") == true)
            }
            #expect(try await TelegramLogin.state(client, user.token)["status"] as? String == "none")
        }
        let transports = FakeTransports()  // no fake registered: TDLib "missing"
        try await APITest.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context, client in
            let user = try await APITest.user(context, telegramID: 7)
            try await client.execute(uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(user.token))
            {
                response in
                #expect(response.status == .serviceUnavailable)
                #expect(APITest.json(response)["error"] as? String == "tdlib_unavailable")
            }
            #expect(try await context.leases.holder(of: context.telegramSessions.leaseName(userID: user.id)) == nil)
        }
    }

    @Test(
        "at start recorded sessions are resumed with live updates; one held by another process is left alone",
        arguments: Backend.allCases)
    func resumeAtStart(backend: Backend) async throws {
        let transports = FakeTransports()
        try await TestContext.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context in
            let manager = context.telegramSessions
            let mine = try await context.accounts.register(.init(telegramID: 5_550_001))
            let busy = try await context.accounts.register(.init(telegramID: 5_550_002))
            for (user, telegramID) in [(mine, Int64(5_550_001)), (busy, 5_550_002)] {
                try await TelegramLogin.recordSession(
                    userID: user.id, telegramID: telegramID, in: context, transports: transports)
            }
            #expect(
                try await context.leases.acquire(
                    manager.leaseName(userID: busy.id), holder: "another-process", ttl: .seconds(60)))
            try await TelegramLogin.running(manager) {
                try await TelegramLogin.eventually("the session resumed") {
                    if case .ready(5_550_001, _)? = await manager.snapshot(userID: mine.id)?.state { return true }
                    return false
                }
                #expect(await manager.channelSource(userID: mine.id) != nil)
                #expect(await manager.snapshot(userID: busy.id) == nil)
                #expect(try await context.leases.holder(of: manager.leaseName(userID: mine.id)) == manager.holder)
                #expect(
                    try await context.leases.holder(of: manager.leaseName(userID: busy.id)) == "another-process")
            }
            // Graceful shutdown closed the session and released its lease, and kept the record.
            #expect(try await context.leases.holder(of: manager.leaseName(userID: mine.id)) == nil)
            #expect(try await manager.isRecorded(userID: mine.id))
        }
    }

    @Test(
        "a session Telegram ends (logged out elsewhere) is forgotten: record, folder and key",
        arguments: Backend.allCases)
    func endedElsewhere(backend: Backend) async throws {
        let transports = FakeTransports()
        try await TestContext.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context in
            let manager = context.telegramSessions
            let user = try await context.accounts.register(.init(telegramID: 5_550_001))
            let fake = try #require(
                try await TelegramLogin.recordSession(
                    userID: user.id, telegramID: 5_550_001, in: context, transports: transports))
            try await TelegramLogin.running(manager) {
                try await TelegramLogin.eventually("the session resumed") {
                    await manager.channelSource(userID: user.id) != nil
                }
                let clientID = try #require(fake.requests.first?.clientID)
                for state in ["LoggingOut", "Closing", "Closed"] {
                    fake.push(
                        [
                            "@type": "updateAuthorizationState",
                            "authorization_state": ["@type": .string("authorizationState" + state)],
                        ], to: clientID)
                }
                try await TelegramLogin.eventually("the session forgotten") {
                    try await !manager.isRecorded(userID: user.id)
                }
                guard case .failed? = await manager.snapshot(userID: user.id)?.state else {
                    Issue.record("expected a failed state")
                    return
                }
                #expect(try await context.cache.get("tdlib_keys", String(user.id)) == nil)
                try await TelegramLogin.eventually("the lease released") {
                    try await context.leases.holder(of: manager.leaseName(userID: user.id)) == nil
                }
            }
        }
    }
}
