import AsyncHTTPClient
import Foundation

/// ``BotAPITransport`` over AsyncHTTPClient.
package struct HTTPClientBotAPITransport: BotAPITransport {
    /// The HTTP client; the process-wide shared one by default.
    private let httpClient: HTTPClient
    /// Largest accepted response body (a `getUpdates` batch of 100 updates stays far below).
    private let maxResponseBytes: Int

    /// A transport over `httpClient`.
    package init(httpClient: HTTPClient = .shared, maxResponseBytes: Int = 16 << 20) {
        self.httpClient = httpClient
        self.maxResponseBytes = maxResponseBytes
    }

    /// POSTs `body` as `application/json`.
    package func post(url: String, body: Data, timeout: Duration) async throws -> BotAPIHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(body)
        let seconds = max(1, timeout.components.seconds)
        let response = try await httpClient.execute(request, timeout: .seconds(seconds))
        let buffer = try await response.body.collect(upTo: maxResponseBytes)
        return BotAPIHTTPResponse(status: Int(response.status.code), body: Data(buffer.readableBytesView))
    }
}
