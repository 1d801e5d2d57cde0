import Foundation
import Testing

@testable import TeleradarHTTP

/// The Mini App login script run in node against a minimal DOM and a scripted API (`Fixtures/miniapp-login`):
/// authentication, language, polling, QR and link, password prompts, escaping.
@Suite("Mini App login script (node)")
struct MiniAppScriptTests {
    static let node = "/usr/bin/node"

    /// Runs the script with `scenario`; the harness's JSON result.
    static func run(_ scenario: [String: Any]) throws -> [String: Any] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miniapp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("login.js")
        let scenarioFile = folder.appendingPathComponent("scenario.json")
        try MiniAppLoginPage.script.write(to: script, atomically: true, encoding: .utf8)
        try JSONSerialization.data(withJSONObject: scenario).write(to: scenarioFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [
            FakeTelegramWeb.fixtureURL("miniapp-login/harness.js").path, script.path, scenarioFile.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func ok(_ body: [String: Any], _ status: Int = 200) -> [String: Any] { ["status": status, "body": body] }

    static func html(_ result: [String: Any], _ index: Int) -> String {
        let snapshots = result["snapshots"] as? [[String: Any]] ?? []
        return index < snapshots.count ? snapshots[index]["html"] as? String ?? "" : ""
    }

    static func snapshot(_ result: [String: Any], _ index: Int) -> [String: Any] {
        let snapshots = result["snapshots"] as? [[String: Any]] ?? []
        return index < snapshots.count ? snapshots[index] : [:]
    }

    @Test("in Telegram: tma initData, Russian, QR and rotated link, password prompts escaped, ready")
    func telegramFlow() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.node))
        let first = "tg://login?token=AAA", second = "tg://login?token=BBB"
        let result = try Self.run([
            "telegram": ["initData": "query_id=1&user=%7B%22id%22%3A1%7D&hash=ab", "language": "ru"],
            "navigatorLanguage": "en-US",
            "responses": [
                "GET /api/v1/telegram/login": [
                    Self.ok(["status": "none"]),
                    Self.ok(["status": "waiting_for_qr", "qr_link": first, "expires_at": "2030-01-01T10:10:00Z"]),
                    Self.ok(["status": "waiting_for_qr", "qr_link": second, "expires_at": "2030-01-01T10:10:00Z"]),
                    Self.ok([
                        "status": "waiting_for_password", "password_hint": "<img src=x onerror=alert(1)>", "attempt": 1,
                    ]),
                    Self.ok(["status": "waiting_for_password", "attempt": 2, "previous_error": "wrong_password"]),
                    Self.ok(["status": "ready", "name": "<b>Ada</b>", "telegram_user_id": 1]),
                ],
                "POST /api/v1/telegram/login": [
                    Self.ok(["status": "waiting_for_qr", "qr_link": first, "expires_at": "2030-01-01T10:10:00Z"])
                ],
                "GET /api/v1/telegram/login/qr.svg": [Self.ok([:])],
                "POST /api/v1/telegram/login/password": [Self.ok(["status": "waiting_for_password"], 202)],
            ],
            "steps": [
                ["action": "click", "id": "start"], ["action": "tick"], ["action": "tick"], ["action": "tick"],
                ["action": "type", "id": "password", "value": "hunter2"], ["action": "click", "id": "send"],
                ["action": "tick"],
            ],
        ])
        #expect(result["lang"] as? String == "ru")
        #expect(result["title"] as? String == "Подключение аккаунта Telegram")
        #expect(Self.html(result, 0).contains("Показать QR-код"))
        // Started: the QR image from the API (as a blob) and the tg:// link.
        let started = Self.snapshot(result, 1)
        #expect((started["html"] as? String)?.contains("id=\"qr\"") == true)
        #expect(started["link"] as? String == first)
        #expect(started["qr"] as? String == "blob:qr")
        #expect(Self.snapshot(result, 3)["link"] as? String == second)
        // The password prompt: the hint escaped, never markup.
        let prompt = Self.html(result, 4)
        #expect(prompt.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!prompt.contains("<img src=x"))
        #expect(Self.html(result, 6).contains("Неверный пароль"))
        let ready = Self.html(result, 7)
        #expect(ready.contains("Готово") && ready.contains("&lt;b&gt;Ada&lt;/b&gt;"))
        let requests = result["requests"] as? [[String: Any]] ?? []
        #expect(!requests.isEmpty)
        #expect(
            requests.allSatisfy { $0["authorization"] as? String == "tma query_id=1&user=%7B%22id%22%3A1%7D&hash=ab" })
        let password = requests.first { $0["key"] as? String == "POST /api/v1/telegram/login/password" }
        #expect(password?["body"] as? String == #"{"password":"hunter2"}"#)
        #expect(requests.contains { $0["key"] as? String == "GET /api/v1/telegram/login/qr.svg" })
        #expect((result["intervals"] as? [Int])?.allSatisfy { $0 == 2000 } == true)
    }

    @Test("in a browser: English, asks for an API token kept in sessionStorage, refuses a non-tg link")
    func browserFlow() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.node))
        let result = try Self.run([
            "navigatorLanguage": "en-GB",
            "responses": [
                "GET /api/v1/telegram/login": [
                    Self.ok(["status": "waiting_for_qr", "qr_link": "javascript:alert(1)"])
                ]
            ],
            "steps": [["action": "type", "id": "token", "value": " trk_abc "], ["action": "click", "id": "save"]],
        ])
        #expect(result["lang"] as? String == "en")
        #expect(Self.html(result, 0).contains("paste an API token"))
        #expect((result["storage"] as? [String: String])?["teleradar_token"] == "trk_abc")
        let requests = result["requests"] as? [[String: Any]] ?? []
        #expect(requests.first?["authorization"] as? String == "Bearer trk_abc")
        #expect(Self.snapshot(result, 2)["link"] as? String == "")
    }
}
