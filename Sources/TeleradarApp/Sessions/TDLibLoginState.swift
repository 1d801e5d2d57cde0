import Foundation

/// Where a user's Telegram session is: a QR login in progress, a live session, or how the last attempt ended.
package enum TDLibLoginState: Sendable, Hashable {
    /// The TDLib instance is starting; no QR link yet.
    case starting
    /// Show `link` (`tg://login?token=…`) as a QR code; TDLib rotated it to this one at `refreshedAt`.
    case waitingForQR(link: String, refreshedAt: Date)
    /// The account has a 2FA password: `hint` as the user set it, `attempt` 1, 2, 3…, why the previous one failed.
    case waitingForPassword(hint: String, attempt: Int, previousError: String?)
    /// Logged in as the user's own Telegram account.
    case ready(telegramUserID: Int64, name: String)
    /// The attempt ended without a session, and why (shown to the user).
    case failed(reason: String)
    /// The attempt outlived its lifetime (10 minutes) and was cancelled.
    case expired

    /// The status name of the API and the metrics (`tdlib_sessions{state}`).
    package var status: String {
        switch self {
        case .starting: "starting"
        case .waitingForQR: "waiting_for_qr"
        case .waitingForPassword: "waiting_for_password"
        case .ready: "ready"
        case .failed: "failed"
        case .expired: "expired"
        }
    }

    /// Every status name, for gauges.
    package static let statuses = ["starting", "waiting_for_qr", "waiting_for_password", "ready", "failed", "expired"]

    /// True while a login attempt runs (a QR code or a password is awaited).
    package var isInProgress: Bool {
        switch self {
        case .starting, .waitingForQR, .waitingForPassword: true
        case .ready, .failed, .expired: false
        }
    }

    /// Redacts the QR link: it lets whoever scans it into the account.
    package var redacted: String {
        switch self {
        case .waitingForQR(_, let refreshedAt): "waiting_for_qr(refreshed \(refreshedAt))"
        case .waitingForPassword(_, let attempt, _): "waiting_for_password(attempt \(attempt))"
        default: status
        }
    }
}

/// A user's login state with the attempt's deadline, as the API shows it to that user only.
package struct TDLibLoginSnapshot: Sendable, Hashable {
    /// The state.
    package var state: TDLibLoginState
    /// When the current attempt expires (nil once it ended or for a resumed session).
    package var expiresAt: Date?

    /// A snapshot field by field.
    package init(state: TDLibLoginState, expiresAt: Date?) {
        self.state = state
        self.expiresAt = expiresAt
    }
}
