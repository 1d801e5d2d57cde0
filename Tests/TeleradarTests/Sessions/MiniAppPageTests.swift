import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarHTTP

/// `GET /miniapp/login` and its assets, through the production router.
@Suite("Mini App login page")
struct MiniAppPageTests {
    @Test("the page, its script and style sheet are served under a strict CSP allowing telegram.org's script")
    func served() async throws {
        try await APITest.with(.sqlite) { _, client in
            try await client.execute(uri: "/miniapp/login", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("script-src 'self' https://telegram.org;"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"https://telegram.org/js/telegram-web-app.js\"></script>"))
                #expect(html.contains("/miniapp/login.js") && html.contains("/miniapp/login.css"))
                #expect(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style="))
            }
            try await client.execute(uri: "/miniapp/login.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                let script = String(buffer: response.body)
                for needle in [
                    "'tma ' + initData", "sessionStorage", "/telegram/login/qr.svg", "/telegram/login/password",
                    "setInterval(poll, 2000)", "language_code", "navigator.language", "function esc(",
                    "tg://login?token=",
                ] {
                    #expect(script.contains(needle), "the script lacks \(needle)")
                }
            }
            try await client.execute(uri: "/miniapp/login.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("var(--tg-theme-bg-color"))
            }
        }
    }
}
