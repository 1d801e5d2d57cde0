import Foundation

/// The Telegram API application credentials users' TDLib sessions log in with (`TELEGRAM_API_ID`,
/// `TELEGRAM_API_HASH`, from my.telegram.org). The hash is a secret: never printed.
package struct TelegramAPICredentials: Sendable, Hashable, CustomStringConvertible {
    /// `api_id`.
    package var apiID: Int32
    /// `api_hash` (32 hex characters).
    package var apiHash: String

    /// Credentials field by field.
    package init(apiID: Int32, apiHash: String) {
        self.apiID = apiID
        self.apiHash = apiHash
    }

    /// The id with the hash redacted.
    package var description: String { "TelegramAPICredentials(apiID: \(apiID), apiHash: <redacted>)" }

    /// Both variables or neither: nil when neither is set.
    /// - Throws: `ConfigError` naming the variable when only one is set or a value is malformed.
    static func resolve(_ get: (String) -> String?) throws(ConfigError) -> TelegramAPICredentials? {
        let id = get("TELEGRAM_API_ID")
        let hash = get("TELEGRAM_API_HASH")
        switch (id, hash) {
        case (nil, nil): return nil
        case (nil, _): throw .invalid(key: "TELEGRAM_API_ID", message: "must be set together with TELEGRAM_API_HASH")
        case (_, nil): throw .invalid(key: "TELEGRAM_API_HASH", message: "must be set together with TELEGRAM_API_ID")
        case (let id?, let hash?):
            guard let apiID = Int32(id), apiID > 0 else {
                throw .invalid(
                    key: "TELEGRAM_API_ID", message: "'\(id)' is not a positive api_id (from my.telegram.org)")
            }
            guard hash.count == 32, hash.allSatisfy(\.isHexDigit) else {
                throw .invalid(
                    key: "TELEGRAM_API_HASH",
                    message: "must be the 32 hex characters of api_hash (from my.telegram.org)")
            }
            return TelegramAPICredentials(apiID: apiID, apiHash: hash.lowercased())
        }
    }
}
