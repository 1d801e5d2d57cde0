import Foundation
import Logging
import Synchronization
import TeleradarApp
import TeleradarCore
import TeleradarStorage
import Testing

@testable import TeleradarTelegram

/// What the session manager writes to the log: the login's progress, never its QR links or passwords.
@Suite("Telegram sessions: logging")
struct TDLibSessionManagerLogTests {
    @Test(
        "a whole login logged at trace level leaves no QR link and no password in the log", arguments: Backend.allCases)
    func noSecretsLogged(backend: Backend) async throws {
        let transports = FakeTransports()
        try await TestContext.with(backend, environment: TelegramLogin.environment) { context in
            let lines = Mutex<[String]>([])
            let logger = Logger(label: "teleradar") { label in
                JSONLogHandler(label: label, level: .trace) { line in lines.withLock { $0.append(line) } }
            }
            let manager = TDLibSessionManager(
                credentials: context.config.telegramAPI,
                store: TDLibSessionStore(
                    dataDirectory: context.config.dataDirectory, secrets: context.secrets, cache: context.cache),
                database: context.database, vectorIndex: nil, options: transports.options(), logger: logger)
            let user = try await context.accounts.register(.init(telegramID: 5_550_001))
            let fake = TelegramLogin.manualFake(password: "correct horse battery")
            transports.register(fake, for: user.id)
            _ = try await manager.startLogin(user: user)
            func waitFor(_ accept: @escaping (TDLibLoginState?) -> Bool) async throws {
                try await TelegramLogin.eventually("a login state") {
                    accept(await manager.snapshot(userID: user.id)?.state)
                }
            }
            try await waitFor { if case .waitingForQR = $0 { true } else { false } }
            let clientID = try TelegramLogin.loginClient(fake)
            fake.rotateQR(clientID: clientID)
            try await waitFor { if case .waitingForQR(let link, _) = $0 { link.hasSuffix("second") } else { false } }
            fake.confirmQR(clientID: clientID)
            try await waitFor { if case .waitingForPassword = $0 { true } else { false } }
            try await manager.submitPassword(userID: user.id, password: "wrong horse battery")
            try await waitFor { if case .waitingForPassword(_, 2, _) = $0 { true } else { false } }
            try await manager.submitPassword(userID: user.id, password: "correct horse battery")
            try await waitFor { if case .ready = $0 { true } else { false } }
            try await manager.logout(userID: user.id)

            let log = lines.withLock { $0.joined(separator: "\n") }
            #expect(log.contains("telegram login started"))
            #expect(log.contains("telegram session authorised"))
            #expect(log.contains("QR link rotated"))
            for secret in FakeTDJSONScript().qrLinks + ["AQID", "BAUG", "horse battery"] {
                #expect(!log.contains(secret), "the log contains \(secret)")
            }
        }
    }
}
