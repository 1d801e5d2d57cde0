import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarTelegram

/// The QR login page run by headless Chromium against the production router on a live port, with the fake
/// TDLib: the page polls the server, the test plays Telegram (scanning the QR) and the user's password.
/// About 5 s alone (three Chromium runs of ~1 s); inside the whole parallel suite on 2 cores it waits for CPU
/// (40–55 s seen), hence the 2-minute limit.
@Suite("Mini App login page in Chromium")
struct MiniAppChromiumTests {
    @Test(
        "browser mode with a token: the QR (svg loaded) and tg:// link, then the password form, then success",
        .enabled(
            if: HeadlessChromium.shouldRun,
            "Chromium is not installed (scripts/setup.sh --tests installs it; with CI=true this test fails instead)"),
        .timeLimit(.minutes(2)))
    func loginPage() async throws {
        let transports = FakeTransports()
        var environment = TelegramLogin.environment
        environment["HTTP_HOST"] = "127.0.0.1"
        environment["HTTP_PORT"] = String(try HeadlessChromium.freePort())
        try await TestContext.with(.sqlite, environment: environment, sessions: transports.options()) { context in
            let user = try await APITest.user(context, telegramID: 5_550_001, username: "ada")
            let fake = TelegramLogin.manualFake(password: "correct horse")
            transports.register(fake, for: user.id)
            let app = buildApplication(context: context, rateLimits: APITest.noLimits)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let page = "http://127.0.0.1:\(port)/miniapp/login#token=\(user.token)"
                try await TelegramLogin.running(context.telegramSessions) {
                    // The page's "Show QR code" button does this POST; the page then polls the attempt.
                    try await client.execute(
                        uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(user.token)
                    ) { response in
                        #expect(response.status == .ok)
                    }
                    let link = try #require(
                        try await TelegramLogin.waitFor(client, user.token, "the QR link") {
                            $0["status"] as? String == "waiting_for_qr"
                        }["qr_link"] as? String)

                    let qr = try await HeadlessChromium.dumpDOM(page)
                    #expect(qr.contains("Scan this QR code with Telegram"))
                    #expect(qr.contains("href=\"\(link)\""), "the tg:// link is shown")
                    #expect(link.hasPrefix("tg://login?token="))
                    // The image's src is set only once GET …/qr.svg answered 200 with the SVG.
                    #expect(qr.range(of: #"id="qr"[^>]*src="blob:"#, options: .regularExpression) != nil, "\(qr)")
                    #expect(!qr.contains("token=" + user.token), "the token is kept out of the page")

                    fake.confirmQR(clientID: try TelegramLogin.loginClient(fake))
                    _ = try await TelegramLogin.waitFor(client, user.token, "the password prompt") {
                        $0["status"] as? String == "waiting_for_password"
                    }
                    let password = try await HeadlessChromium.dumpDOM(page)
                    #expect(password.contains("two-step verification password"))
                    #expect(password.contains("favourite cat"))
                    #expect(password.contains(#"id="password""#) && password.contains(#"id="send""#))

                    // What the form's button sends.
                    try await client.execute(
                        uri: "/api/v1/telegram/login/password", method: .post, headers: APITest.headers(user.token),
                        body: ByteBuffer(string: #"{"password": "correct horse"}"#)
                    ) { response in
                        #expect(response.status == .accepted)
                    }
                    _ = try await TelegramLogin.waitFor(client, user.token, "ready") {
                        $0["status"] as? String == "ready"
                    }
                    let ready = try await HeadlessChromium.dumpDOM(page)
                    #expect(ready.contains("Done! Your Telegram account is connected: Ada Lovelace"), "\(ready)")
                    #expect(ready.contains(#"id="logout""#))
                }
            }
        }
    }
}
