import Foundation
import HTTPTypes
import Hummingbird

/// `GET /miniapp/login` (the QR login Mini App page) with its script and style sheet: static files, no
/// build step, served under a Content-Security-Policy that allows only this server and telegram.org's
/// `telegram-web-app.js` (no inline script or style).
package struct MiniAppController<Context: RequestContext>: Sendable {
    /// The policy of the page: scripts from here and telegram.org, styles from here, the QR image as a blob
    /// fetched from the API, API calls to this server only.
    package static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; img-src 'self' blob:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://web.telegram.org"
    }

    package init() {}

    package func addRoutes(to router: Router<Context>) {
        router.get("/miniapp/login") { _, _ in
            Self.file(MiniAppLoginPage.html, type: "text/html; charset=utf-8")
        }
        router.get("/miniapp/login.js") { _, _ in
            Self.file(MiniAppLoginPage.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/miniapp/login.css") { _, _ in
            Self.file(MiniAppLoginPage.styleSheet, type: "text/css; charset=utf-8")
        }
    }

    static func file(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                .cacheControl: "no-cache", HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
