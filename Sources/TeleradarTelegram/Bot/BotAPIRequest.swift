import Foundation

/// One Bot API method call: its name, its JSON parameters and the type of its `result`.
///
/// Build requests with the static factories (`BotAPIRequest.sendMessage(…)`, …) and run them with
/// ``BotAPIClient/send(_:)``; tests can inspect ``encodedBody()`` without a network.
package struct BotAPIRequest<Result: Decodable & Sendable>: Sendable {
    /// Method name, as in the path `/bot<token>/<method>`.
    package let method: String
    /// Parameters, encoded as the JSON body; nil sends `{}`.
    package let parameters: (any Encodable & Sendable)?
    /// For long polling: seconds Telegram may hold the request open, added to the HTTP timeout.
    package let longPollSeconds: Int

    /// A request for `method` with `parameters`.
    package init(method: String, parameters: (any Encodable & Sendable)? = nil, longPollSeconds: Int = 0) {
        self.method = method
        self.parameters = parameters
        self.longPollSeconds = max(0, longPollSeconds)
    }

    /// The JSON body (keys sorted, absent optionals omitted).
    package func encodedBody() throws -> Data {
        guard let parameters else { return Data("{}".utf8) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(parameters)
    }
}
