import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarStorage

@Suite("Configuration")
struct AppConfigTests {
    @Test("defaults: SQLite under ./data, 127.0.0.1:8010")
    func defaults() throws {
        let config = try AppConfig.resolve { _ in nil }
        #expect(config.database == .sqlite(path: "./data/teleradar.sqlite"))
        #expect(config.httpPort == 8010)
        #expect(config.httpHost == "127.0.0.1")
        #expect(config.logFormat == .text)
    }

    @Test(
        "bad values give one clear message naming the variable",
        arguments: [
            ("DATABASE_URL", "mysql://x", "unsupported scheme 'mysql'"),
            ("DATABASE_URL", "not a url", "must start with sqlite:// or postgres://"),
            ("DATABASE_URL", "postgres://host/db", "no user name"),
            ("DATABASE_URL", "postgres://u@/db", "no host"),
            ("DATABASE_URL", "postgres://u@h:5432", "no database name"),
            ("DATABASE_URL", "postgres://u@h/db?sslmode=sometimes", "sslmode"),
            ("HTTP_PORT", "99999", "not a port number"),
            ("HTTP_PORT", "http", "not a port number"),
            ("LOG_LEVEL", "verbose", "is not one of"),
            ("LOG_FORMAT", "xml", "not text or json"),
            ("ENCRYPTION_KEY", "short", "64 hex characters"),
        ])
    func invalid(key: String, value: String, fragment: String) {
        do {
            _ = try AppConfig.resolve { $0 == key ? value : nil }
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect(error.description.contains(key))
            #expect(error.description.contains(fragment))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("postgres URLs parse, and the summary hides the password")
    func postgres() throws {
        let config = try AppConfig.resolve {
            ["DATABASE_URL": "postgres://tr:s3cret@db.example:6543/teleradar?sslmode=require", "BOT_TOKEN": "123:abc"][$0]
        }
        guard case .postgres(let settings) = config.database else {
            Issue.record("not postgres")
            return
        }
        #expect(settings.host == "db.example")
        #expect(settings.port == 6543)
        #expect(settings.password == "s3cret")
        #expect(settings.tls == "require")
        let summary = config.redactedSummary.map { "\($0)=\($1)" }.joined(separator: "\n")
        #expect(!summary.contains("s3cret"))
        #expect(!summary.contains("123:abc"))
    }

    @Test("a .env file is read, and the environment wins over it")
    func envFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UUID().uuidString)").path
        try "HTTP_PORT=9123\nLOG_FORMAT=json\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try await AppConfig.load(environment: ["LOG_FORMAT": "text"], envFile: path)
        #expect(config.httpPort == 9123)
        #expect(config.logFormat == .text)
    }
}
