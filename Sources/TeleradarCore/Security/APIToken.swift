import Crypto
import Foundation

/// API tokens: `trk_` followed by 43 base64url characters (256 random bits). Only the SHA-256 hash is stored;
/// the token is shown once. SHA-256 without a salt is enough here because the token itself has 256 bits of
/// entropy (nothing to brute-force, unlike a password or a Telegram id).
package enum APIToken {
    /// The prefix every token starts with, so leaked tokens are easy to recognise.
    package static let prefix = "trk_"

    /// A new token with its hash and a short display prefix.
    package static func generate() -> (token: String, hash: String, displayPrefix: String) {
        let key = SymmetricKey(size: .bits256)
        let body = key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let token = prefix + body
        return (token, hash(token), String(token.prefix(prefix.count + 6)))
    }

    /// The stored form of a token.
    package static func hash(_ token: String) -> String {
        // Hand-rolled hex: `String(format:)` per byte was a measurable share of every authenticated request.
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Whether a string has the shape of a token (checked before any database work).
    package static func looksValid(_ token: String) -> Bool {
        token.hasPrefix(prefix) && token.count == prefix.count + 43
            && token.dropFirst(prefix.count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
