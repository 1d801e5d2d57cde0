import Foundation
import Hummingbird

/// `GET /openapi.json` (the OpenAPI 3.1 document) and `GET /docs` (a self-contained page rendering it: no CDN,
/// no external script; a small form can try GET routes with a token kept in the page only).
package struct DocsController<Context: RequestContext>: Sendable {
    /// Whether `POST /bot/webhook` is mounted (and so documented).
    package var webhook: Bool

    package init(webhook: Bool = false) { self.webhook = webhook }

    package func addRoutes(to router: Router<Context>) {
        let document = webhook ? OpenAPIDocument.jsonWithWebhook : OpenAPIDocument.json
        router.get("/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        router.get("/docs") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentSecurityPolicy:
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
                    .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(string: DocsPage.html)))
        }
    }
}
