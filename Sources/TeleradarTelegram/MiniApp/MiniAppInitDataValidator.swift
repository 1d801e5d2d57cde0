import Crypto
import Foundation

/// Validates Mini App `initData` with the bot token, per Telegram's rule:
/// `secret_key = HMAC_SHA256(key: "WebAppData", data: bot_token)`,
/// `hash = hex(HMAC_SHA256(key: secret_key, data: data_check_string))`, where the data-check-string holds
/// every received field except `hash` (so `signature`, when present, is signed too), sorted by key,
/// as `key=value` lines joined by `\n`.
package struct MiniAppInitDataValidator: Sendable, CustomStringConvertible, CustomReflectable {
    /// Default maximum age of `auth_date`: one day, as in tma.js.
    package static let defaultMaxAge: TimeInterval = 86_400

    /// Key derived from the bot token; the token itself is not kept.
    private let secretKey: SymmetricKey
    /// Maximum age of `auth_date` in seconds; 0 disables the check.
    package let maxAge: TimeInterval

    /// A validator for the bot with `botToken`; `maxAge` of 0 disables the `auth_date` check.
    package init(botToken: String, maxAge: TimeInterval = Self.defaultMaxAge) {
        let derived = HMAC<SHA256>.authenticationCode(
            for: Data(botToken.utf8), using: SymmetricKey(data: Data("WebAppData".utf8)))
        secretKey = SymmetricKey(data: Data(derived))
        self.maxAge = max(0, maxAge)
    }

    /// Checks `initData` and returns its decoded fields.
    ///
    /// The hash is compared in constant time, before any JSON field is decoded; `auth_date` is checked last,
    /// so an expired error is only reported for genuine data.
    package func validate(_ initData: String, now: Date = Date()) throws(MiniAppInitDataError) -> MiniAppInitData {
        let pairs = try MiniAppQueryString.parse(initData)
        guard let received = pairs.first(where: { $0.key == "hash" })?.value, !received.isEmpty else {
            throw .missingHash
        }
        guard let receivedBytes = SecretBytes.hex(received), receivedBytes.count == SHA256.byteCount else {
            throw .badHash
        }
        let expected = code(for: MiniAppInitData.dataCheckString(pairs))
        guard SecretBytes.constantTimeEqual(receivedBytes, expected) else { throw .badHash }
        let data = try MiniAppInitData(pairs: pairs)
        if maxAge > 0, now.timeIntervalSince(data.authDate) > maxAge {
            throw .expired(authDate: data.authDate, maxAge: maxAge)
        }
        return data
    }

    /// The hex `hash` Telegram would send for `pairs` (any `hash` among them is ignored).
    package func hash(for pairs: [(key: String, value: String)]) -> String {
        SecretBytes.hexString(code(for: MiniAppInitData.dataCheckString(pairs)))
    }

    /// A complete, valid `initData` string for `pairs` plus `auth_date` and `hash`, as Telegram would build it;
    /// for tests and local development of the Mini Apps.
    package func sign(_ pairs: [(key: String, value: String)], authDate: Date) -> String {
        var fields = pairs.filter { $0.key != "hash" && $0.key != "auth_date" }
        fields.append((key: "auth_date", value: String(Int64(authDate.timeIntervalSince1970))))
        fields.append((key: "hash", value: hash(for: fields)))
        return MiniAppQueryString.encode(fields)
    }

    /// Describes the validator without its key.
    package var description: String { "MiniAppInitDataValidator(maxAge: \(Int(maxAge)) s)" }

    /// Reflects only the maximum age, so `dump` cannot reveal the key.
    package var customMirror: Mirror { Mirror(self, children: ["maxAge": maxAge], displayStyle: .struct) }

    /// HMAC-SHA256 of `dataCheckString` under the derived key.
    private func code(for dataCheckString: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(dataCheckString.utf8), using: secretKey))
    }
}
