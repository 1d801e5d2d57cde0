import Foundation

/// Why a Telegram session operation cannot run at all (as opposed to a login that failed, which is a state).
package enum TDLibSessionError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// `TELEGRAM_API_ID` / `TELEGRAM_API_HASH` are not set.
    case notConfigured
    /// `libtdjson.so` could not be loaded; the message says where it was looked for.
    case libraryUnavailable(String)
    /// Another process holds the user's session (its lease).
    case sessionBusy

    /// A human-readable explanation.
    package var description: String {
        switch self {
        case .notConfigured:
            "Telegram login is not configured on this server: set TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org)"
        case .libraryUnavailable(let reason): "TDLib is not available on this server: \(reason)"
        case .sessionBusy: "your Telegram session is in use by another Teleradar process; try again later"
        }
    }

    /// Same as `description`.
    package var errorDescription: String? { description }
}
