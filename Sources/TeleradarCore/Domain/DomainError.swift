import Foundation

/// Errors of the domain rules, each with a message fit to show a user.
package enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument was malformed; the message names it.
    case invalidArgument(String)
    /// Something named does not exist.
    case notFound(String)
    /// The caller may not do this.
    case forbidden(String)
    /// A conflicting state (already exists, already used…).
    case conflict(String)
    /// A quota of the user's tier is exhausted.
    case quotaExceeded(QuotaDenial)
    /// The user is blocked.
    case blocked
    /// An invite code cannot be redeemed; the reason says why.
    case inviteRejected(InviteRejection)

    package var description: String {
        switch self {
        case .invalidArgument(let message), .notFound(let message), .forbidden(let message),
            .conflict(let message):
            message
        case .quotaExceeded(let denial): denial.message
        case .blocked: "your account is blocked"
        case .inviteRejected(let reason): reason.message
        }
    }
}

/// Why an invite code was refused.
package enum InviteRejection: String, Sendable, Equatable, Codable {
    case malformed, unknown, expired, exhausted, inactive

    package var message: String {
        switch self {
        case .malformed: "an invite code is 12 characters A-Z and 0-9"
        case .unknown: "no such invite code"
        case .expired: "this invite code has expired"
        case .exhausted: "this invite code has already been used up"
        case .inactive: "this invite code has been deactivated"
        }
    }
}
