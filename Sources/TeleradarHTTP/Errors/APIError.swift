import Foundation
import HTTPTypes
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// The one error shape of the REST API: `{"error": code, "message": text}` with the right status.
package struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    package var status: HTTPResponse.Status
    package var code: String
    package var message: String
    package var headers: HTTPFields

    package init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    package var description: String { "\(status.code) \(code): \(message)" }

    private struct Body: Encodable {
        let error: String
        let message: String
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: code, message: message))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Maps any error a handler may throw to the API's error shape, in one place.
    package static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: return error
        case let error as DomainError: return from(domain: error)
        case let error as SourceError: return from(source: error)
        case let error as TDLibSessionError: return from(session: error)
        case let error as HTTPError:
            return APIError(error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        case is DecodingError:
            return APIError(.badRequest, code: "invalid_body", message: Self.describe(decoding: error as! DecodingError))
        default: return nil
        }
    }

    static func from(domain error: DomainError) -> APIError {
        switch error {
        case .invalidArgument(let message): APIError(.badRequest, code: "invalid_argument", message: message)
        case .notFound(let message): APIError(.notFound, code: "not_found", message: message)
        case .forbidden(let message): APIError(.forbidden, code: "forbidden", message: message)
        case .conflict(let message): APIError(.conflict, code: "conflict", message: message)
        case .blocked: APIError(.forbidden, code: "blocked", message: error.description)
        case .inviteRejected(let reason): APIError(.unprocessableContent, code: "invite_\(reason.rawValue)", message: reason.message)
        case .quotaExceeded(let denial):
            APIError(
                .tooManyRequests, code: "quota_\(denial.kind.rawValue)", message: denial.message,
                headers: denial.resetsAt.map { [.retryAfter: String(max(1, Int($0.timeIntervalSinceNow.rounded(.up))))] } ?? [:])
        }
    }

    static func from(session error: TDLibSessionError) -> APIError {
        switch error {
        case .notConfigured: APIError(.serviceUnavailable, code: "tdlib_not_configured", message: error.description)
        case .libraryUnavailable: APIError(.serviceUnavailable, code: "tdlib_unavailable", message: error.description)
        case .sessionBusy: APIError(.conflict, code: "session_busy", message: error.description)
        }
    }

    static func from(source error: SourceError) -> APIError {
        switch error {
        case .channelNotFound: APIError(.unprocessableContent, code: "channel_not_found", message: error.description)
        case .channelPrivate: APIError(.unprocessableContent, code: "channel_private", message: error.description)
        case .floodWait(let seconds):
            APIError(.serviceUnavailable, code: "telegram_flood_wait", message: error.description, headers: [.retryAfter: String(seconds)])
        case .unavailable: APIError(.badGateway, code: "telegram_unavailable", message: error.description)
        case .malformed: APIError(.badGateway, code: "telegram_unexpected", message: error.description)
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "unprocessable"
        case 429: "rate_limited"
        default: status.code >= 500 ? "internal_error" : "error"
        }
    }

    static func describe(decoding error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field '\(parent == "body" ? key.stringValue : parent + "." + key.stringValue)'"
        case .typeMismatch(let type, let context): return "field '\(path(context))' must be \(type)"
        case .valueNotFound(let type, let context): return "field '\(path(context))' must be \(type), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "field '\(path(context))' is invalid"
        @unknown default: return "the body could not be read"
        }
    }
}
