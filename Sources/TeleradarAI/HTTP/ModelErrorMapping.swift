import AsyncHTTPClient
import Foundation
import NIOHTTP1
import TeleradarCore

/// Classifies provider failures into `ModelError`, for every HTTP client of this target.
///
/// Statuses: 401/403 → `unauthorized`, 429 → `rateLimited` (with `Retry-After` seconds when given),
/// 408/504 → `timeout`, other 5xx (including Anthropic's 529) → `unavailable`, other 4xx → `rejected`.
/// Transport errors: AsyncHTTPClient deadlines and read/connect timeouts → `timeout`; anything else
/// (connection refused, TLS, reset) → `unavailable`. Messages carry the provider's error text, cut short,
/// and never a request header, so API keys cannot leak into logs.
package enum ModelErrorMapping {
    /// Longest provider message kept in an error.
    package static let maxMessageLength = 300

    /// The error for a non-2xx response.
    package static func error(status: HTTPResponseStatus, headers: HTTPHeaders, body: Data) -> ModelError {
        let message = providerMessage(in: body) ?? "HTTP \(status.code)"
        switch status.code {
        case 401, 403:
            return .unauthorized(message)
        case 429:
            return .rateLimited(retryAfter: retryAfterSeconds(headers))
        case 408, 504:
            return .timeout
        case 500...599:
            return .unavailable("HTTP \(status.code): \(message)")
        default:
            return .rejected("HTTP \(status.code): \(message)")
        }
    }

    /// The `ModelError` for a transport failure, or the error itself when it is a cancellation or already a
    /// `ModelError`.
    package static func transportError(_ error: any Error) -> any Error {
        if error is ModelError || error is CancellationError { return error }
        if let http = error as? HTTPClientError {
            switch http {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return ModelError.timeout
            case .cancelled:
                return CancellationError()
            default:
                return ModelError.unavailable(String(describing: http))
            }
        }
        return ModelError.unavailable(shorten(String(describing: error)))
    }

    /// Seconds from a `Retry-After` header: delta-seconds (fractions rounded up) or an HTTP date.
    package static func retryAfterSeconds(_ headers: HTTPHeaders, now: Date = Date()) -> Int? {
        guard let raw = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
        else { return nil }
        if let seconds = Double(raw), seconds.isFinite, seconds >= 0 {
            return Int(seconds.rounded(.up))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: raw) else { return nil }
        return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    }

    /// The human message of a provider error body: OpenAI and Anthropic `{"error": {"message"}}`,
    /// GigaChat `{"status", "message"}`, or `{"error": "text"}`; falls back to the start of a text body.
    package static func providerMessage(in body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                return shorten(message)
            }
            if let message = object["error"] as? String { return shorten(message) }
            if let message = object["message"] as? String { return shorten(message) }
            if let message = object["detail"] as? String { return shorten(message) }
        }
        guard let text = String(data: body, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return shorten(text)
    }

    /// Cuts `text` to `maxMessageLength` characters.
    package static func shorten(_ text: String) -> String {
        text.count <= maxMessageLength ? text : String(text.prefix(maxMessageLength)) + "…"
    }
}
