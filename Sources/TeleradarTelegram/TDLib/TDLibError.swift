import Foundation

/// Failures of the TDLib client.
package enum TDLibError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// TDLib answered with an `error` object.
    case tdlib(TDError)
    /// No answer to `request` arrived within the timeout.
    case timeout(request: String, seconds: Double)
    /// The client is closed (or closing): no more requests can be sent.
    case closed
    /// The request was cancelled before its answer arrived.
    case cancelled(request: String)
    /// The request is invalid before it is sent (out-of-range limit, encoding failure).
    case invalidRequest(String)
    /// TDLib sent something that could not be decoded.
    case malformedResponse(String)
    /// TDLib answered with an object of another type than the request's result.
    case unexpectedResponse(expected: String, received: String)
    /// Login reached a state this client cannot handle (phone code, registration, e-mail…).
    case unsupportedAuthorizationState(String)
    /// The 2FA password was rejected `attempts` times.
    case passwordRejected(attempts: Int)
    /// The session is not logged in and no interactive login was offered.
    case notLoggedIn(state: String)

    /// A human-readable explanation.
    package var description: String {
        switch self {
        case .tdlib(let error): "TDLib error \(error.code): \(error.message)"
        case .timeout(let request, let seconds): "TDLib did not answer \(request) within \(seconds) s"
        case .closed: "the TDLib client is closed"
        case .cancelled(let request): "\(request) was cancelled"
        case .invalidRequest(let reason): "invalid TDLib request: \(reason)"
        case .malformedResponse(let reason): "malformed TDLib response: \(reason)"
        case .unexpectedResponse(let expected, let received):
            "TDLib answered \(received) where \(expected) was expected"
        case .unsupportedAuthorizationState(let state): "login needs \(state), which QR login cannot complete"
        case .passwordRejected(let attempts): "the 2FA password was rejected \(attempts) times"
        case .notLoggedIn(let state): "the TDLib session is not logged in (\(state)); run the QR login first"
        }
    }

    /// Same as `description`.
    package var errorDescription: String? { description }
}
