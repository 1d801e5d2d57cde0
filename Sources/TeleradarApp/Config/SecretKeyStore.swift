import Foundation
import Logging
import TeleradarCore
import TeleradarStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the key for secrets at rest: `ENCRYPTION_KEY` when set, else `<data>/secret.key`, generated once
/// (mode 0600, created exclusively so two processes starting together agree) and reused forever after.
/// A check value sealed in the database at first use makes a changed key fail loudly at start.
package enum SecretKeyStore {
    /// A box from an encoded key.
    package static func box(fromEncoded key: String) throws -> SecretBox {
        try SecretBox(encodedKey: key)
    }

    /// The box for this configuration, creating `<data>/secret.key` when needed.
    package static func load(config: AppConfig, logger: Logger) throws -> SecretBox {
        if let key = config.encryptionKey { return try box(fromEncoded: key) }
        let path = (config.dataDirectory as NSString).appendingPathComponent("secret.key")
        return try loadOrCreate(path: path, logger: logger)
    }

    static func loadOrCreate(path: String, logger: Logger) throws -> SecretBox {
        let manager = FileManager.default
        try manager.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !manager.fileExists(atPath: path) {
            let key = SecretBox.generateEncodedKey() + "\n"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 {
                let written = key.withCString { write(fd, $0, strlen($0)) }
                fsync(fd)
                close(fd)
                guard written == key.utf8.count else { throw SecretKeyError.unreadable(path, "short write") }
                logger.notice("generated a new encryption key", metadata: ["path": "\(path)"])
            } else if errno != EEXIST {
                throw SecretKeyError.unreadable(path, String(cString: strerror(errno)))
            }
        }
        let attributes = try manager.attributesOfItem(atPath: path)
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            logger.warning("secret key file is readable by others; fixing its mode to 0600", metadata: ["path": "\(path)"])
            chmod(path, 0o600)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SecretKeyError.unreadable(path, "not readable")
        }
        do {
            return try SecretBox(encodedKey: text)
        } catch {
            throw SecretKeyError.unreadable(path, "\(error)")
        }
    }

    private static let checkPlaintext = "teleradar-key-check-v1"

    /// Verifies that `box` is the key this database was set up with (recording it on first use).
    package static func verify(_ box: SecretBox, cache: KVCache) async throws {
        if let sealed = try await cache.get("secrets", "key-check") {
            do {
                guard try box.openString(String(decoding: sealed, as: UTF8.self)) == checkPlaintext else {
                    throw SecretBoxError.wrongKey
                }
            } catch {
                throw SecretKeyError.mismatch
            }
        } else {
            try await cache.set("secrets", "key-check", value: Data(try box.seal(checkPlaintext).utf8), ttl: nil)
        }
    }
}

/// Problems with the secrets key.
package enum SecretKeyError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case mismatch

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot use the secret key file \(path): \(reason)"
        case .mismatch:
            "the encryption key (ENCRYPTION_KEY or data/secret.key) is not the one this database was set up with; stored secrets cannot be decrypted. Restore the original key."
        }
    }
}
