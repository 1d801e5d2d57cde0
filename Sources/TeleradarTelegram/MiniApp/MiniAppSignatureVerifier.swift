import Crypto
import Foundation

/// Third-party validation of Mini App `initData` without the bot token: Telegram signs
/// `"<bot_id>:WebAppData\n" + data_check_string` (every field except `hash` and `signature`, sorted,
/// `key=value` lines) with Ed25519 and sends the base64url signature as `signature`.
package struct MiniAppSignatureVerifier: Sendable {
    /// Telegram's production Ed25519 public key (hex), as given in the Mini Apps docs and aiogram's `web_app_signature.py`.
    package static let productionPublicKeyHex = "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d"
    /// Telegram's test-environment Ed25519 public key (hex).
    package static let testPublicKeyHex = "40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec"

    /// The key signatures must verify with.
    private let publicKey: Curve25519.Signing.PublicKey
    /// Maximum age of `auth_date` in seconds; 0 disables the check.
    package let maxAge: TimeInterval

    /// Which Telegram environment signed the data.
    package enum Environment: Sendable {
        /// The production Telegram servers.
        case production
        /// The test Telegram servers.
        case test
    }

    /// A verifier for Telegram's own key of `environment`.
    package static func telegram(
        _ environment: Environment = .production, maxAge: TimeInterval = MiniAppInitDataValidator.defaultMaxAge
    ) -> Self {
        let hex = environment == .production ? productionPublicKeyHex : testPublicKeyHex
        // Both constants are valid 32-byte keys.
        return Self(publicKeyHex: hex, maxAge: maxAge)!
    }

    /// A verifier for a raw 32-byte Ed25519 public key given as hex; nil if it is not one.
    package init?(publicKeyHex: String, maxAge: TimeInterval = MiniAppInitDataValidator.defaultMaxAge) {
        guard let bytes = SecretBytes.hex(publicKeyHex), bytes.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else { return nil }
        publicKey = key
        self.maxAge = max(0, maxAge)
    }

    /// Checks the `signature` of `initData` for the bot `botID` (the number before `:` in its token).
    package func verify(_ initData: String, botID: Int64, now: Date = Date()) throws(MiniAppInitDataError) -> MiniAppInitData {
        let pairs = try MiniAppQueryString.parse(initData)
        guard let encoded = pairs.first(where: { $0.key == "signature" })?.value, !encoded.isEmpty else {
            throw .missingSignature
        }
        guard let signature = SecretBytes.base64URL(encoded), signature.count == 64 else { throw .badSignature }
        let message = "\(botID):WebAppData\n" + MiniAppInitData.dataCheckString(pairs, excluding: ["hash", "signature"])
        guard publicKey.isValidSignature(signature, for: Data(message.utf8)) else { throw .badSignature }
        let data = try MiniAppInitData(pairs: pairs)
        if maxAge > 0, now.timeIntervalSince(data.authDate) > maxAge {
            throw .expired(authDate: data.authDate, maxAge: maxAge)
        }
        return data
    }
}
