import Foundation

/// Sends one JSON POST for ``BotAPIClient``; swapped for a fake in tests.
package protocol BotAPITransport: Sendable {
    /// POSTs `body` (JSON) to `url` and returns the status and the whole body, failing after `timeout`.
    func post(url: String, body: Data, timeout: Duration) async throws -> BotAPIHTTPResponse
}

/// The raw HTTP answer to a Bot API call.
package struct BotAPIHTTPResponse: Sendable, Hashable {
    /// HTTP status code.
    package var status: Int
    /// Response body.
    package var body: Data

    /// Memberwise initializer.
    package init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
