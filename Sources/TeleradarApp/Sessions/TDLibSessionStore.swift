import Crypto
import Foundation
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

#if canImport(Glibc)
    import Glibc
#endif

/// Per-user TDLib sessions: each user's TDLib database lives in `<data>/tdlib/<user id>/` (mode 0700) and is
/// encrypted by TDLib with a random 32-byte key generated once per user, stored only sealed by the secret
/// box (`kv` namespace `tdlib_keys`) — never in clear text on disk.
package struct TDLibSessionStore: Sendable {
    package let dataDirectory: String
    package let secrets: SecretBox
    package let cache: KVCache

    package init(dataDirectory: String, secrets: SecretBox, cache: KVCache) {
        self.dataDirectory = dataDirectory
        self.secrets = secrets
        self.cache = cache
    }

    /// The folder of a user's TDLib database, created with mode 0700.
    package func directory(userID: Int64) throws -> String {
        let root = (dataDirectory as NSString).appendingPathComponent("tdlib")
        let path = (root as NSString).appendingPathComponent(String(userID))
        for folder in [root, path] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o700)
        }
        return path
    }

    /// The user's database key: generated on first use, sealed at rest, the same ever after.
    package func databaseKey(userID: Int64) async throws -> Data {
        let name = String(userID)
        if let sealed = try await cache.get("tdlib_keys", name) {
            return try secrets.open(String(decoding: sealed, as: UTF8.self))
        }
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try await cache.set("tdlib_keys", name, value: Data(try secrets.seal(key).utf8), ttl: nil)
        // Another process may have raced us: the stored key wins.
        guard let stored = try await cache.get("tdlib_keys", name) else { return key }
        return try secrets.open(String(decoding: stored, as: UTF8.self))
    }

    /// `setTdlibParameters` for a user, with Telegram API credentials (`TELEGRAM_API_ID`, `TELEGRAM_API_HASH`).
    package func parameters(userID: Int64, apiID: Int32, apiHash: String, language: String) async throws
        -> TDLibParameters
    {
        TDLibParameters(
            apiID: apiID, apiHash: apiHash, databaseDirectory: try directory(userID: userID),
            databaseEncryptionKey: try await databaseKey(userID: userID), systemLanguageCode: language)
    }

    /// Forgets a user's session: the key and the database folder.
    package func remove(userID: Int64) async throws {
        try await cache.delete("tdlib_keys", String(userID))
        try? FileManager.default.removeItem(atPath: try directory(userID: userID))
    }
}
