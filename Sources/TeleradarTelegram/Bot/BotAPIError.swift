/// An error answer of the Bot API (`{"ok": false, "error_code": …, "description": …, "parameters": …}`).
package struct BotAPIError: Error, Sendable, Hashable {
    /// `error_code`, usually the HTTP status (400, 403, 429, …).
    package var errorCode: Int
    /// `description`, Telegram's human-readable explanation.
    package var description: String
    /// `parameters.retry_after`: seconds to wait after flood control (429).
    package var retryAfter: Int?
    /// `parameters.migrate_to_chat_id`: the group became the supergroup with this id; resend there.
    package var migrateToChatID: Int64?

    /// Memberwise initializer.
    package init(errorCode: Int, description: String, retryAfter: Int? = nil, migrateToChatID: Int64? = nil) {
        self.errorCode = errorCode
        self.description = description
        self.retryAfter = retryAfter
        self.migrateToChatID = migrateToChatID
    }

    /// True for flood control (429) answers.
    package var isRateLimited: Bool { errorCode == 429 || retryAfter != nil }
    /// True when the bot was blocked by the user or removed from the chat (403), so retrying is useless.
    package var isForbidden: Bool { errorCode == 403 }
    /// The wait requested by `retry_after`, if any.
    package var retryAfterDuration: Duration? { retryAfter.map { .seconds(max(0, $0)) } }
}

/// Why a Bot API call failed before Telegram gave an answer we understand.
///
/// Descriptions never contain the bot token: transport messages are scrubbed of it.
package enum BotAPIClientError: Error, Sendable, Hashable {
    /// The request could not be sent or the response not received (connection, TLS, timeout, …).
    case transport(method: String, message: String)
    /// The server answered with a non-JSON body (a proxy error page, say).
    case unexpectedResponse(method: String, status: Int)
    /// The JSON answer does not have the expected shape.
    case decoding(method: String, message: String)
    /// The parameters could not be encoded as JSON.
    case encoding(method: String, message: String)
}
