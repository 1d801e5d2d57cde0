import Foundation

/// The `secret_token` of `setWebhook`, which Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`
/// on every webhook call.
package struct BotWebhookSecret: Sendable, CustomStringConvertible {
    /// Name of the header carrying the secret.
    package static let headerName = "X-Telegram-Bot-Api-Secret-Token"
    /// Characters Telegram allows in a secret token.
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    /// The secret (1–256 characters of `A-Z a-z 0-9 _ -`).
    package let value: String

    /// A secret with a given value; nil if Telegram would refuse it.
    package init?(_ value: String) {
        guard (1...256).contains(value.count), value.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        self.value = value
    }

    /// A fresh random secret of `length` characters (at most 256) from the system's secure generator.
    package static func random(length: Int = 64) -> Self {
        var generator = SystemRandomNumberGenerator()
        let count = min(max(length, 16), 256)
        let text = String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
        return Self(text)!
    }

    /// True if `header` (the received header value) equals the secret, compared in constant time.
    package func matches(_ header: String?) -> Bool {
        guard let header else { return false }
        return SecretBytes.constantTimeEqual(Array(header.utf8), Array(value.utf8))
    }

    /// Hides the value.
    package var description: String { "BotWebhookSecret(<\(value.count) characters>)" }
}
