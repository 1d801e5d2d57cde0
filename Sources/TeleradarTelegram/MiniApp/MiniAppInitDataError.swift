import Foundation

/// Why a Mini App `initData` string was rejected.
///
/// The cases deliberately carry no secret material; their descriptions are safe to log and to return to a client.
package enum MiniAppInitDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The string is not a valid `application/x-www-form-urlencoded` query, a field is duplicated,
    /// a required field (`auth_date`) is missing, or a JSON field does not decode.
    case malformed(reason: String)
    /// There is no `hash` field.
    case missingHash
    /// The `hash` is not 64 hex digits or does not match the data signed with the bot token.
    case badHash
    /// `auth_date` is older than the allowed maximum age.
    case expired(authDate: Date, maxAge: TimeInterval)
    /// There is no `signature` field (third-party Ed25519 validation).
    case missingSignature
    /// The `signature` is not base64url of 64 bytes or does not verify with the Telegram public key.
    case badSignature

    /// A short, log-safe explanation.
    package var description: String {
        switch self {
        case .malformed(let reason): "malformed initData: \(reason)"
        case .missingHash: "initData has no hash"
        case .badHash: "initData hash does not match"
        case .expired(let authDate, let maxAge):
            "initData expired: auth_date \(Int(authDate.timeIntervalSince1970)) is older than \(Int(maxAge)) s"
        case .missingSignature: "initData has no signature"
        case .badSignature: "initData signature does not verify"
        }
    }
}
