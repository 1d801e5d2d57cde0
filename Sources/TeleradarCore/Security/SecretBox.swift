import Crypto
import Foundation

/// Authenticated encryption of secrets at rest (TDLib keys, phone numbers, provider keys) with AES-256-GCM.
///
/// Sealed values are `v1:` followed by base64 of nonce ‖ ciphertext ‖ tag, so they can live in text columns.
/// Opening with the wrong key fails with `SecretBoxError.wrongKey`, never returns garbage.
package struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// Creates a box from 32 raw key bytes.
    package init(keyBytes: some ContiguousBytes) throws(SecretBoxError) {
        let key = SymmetricKey(data: keyBytes)
        guard key.bitCount == 256 else { throw .invalidKey("the key must be 32 bytes, got \(key.bitCount / 8)") }
        self.key = key
    }

    /// Parses a key given as 64 hex characters or base64 of 32 bytes (as in `ENCRYPTION_KEY`).
    package init(encodedKey: String) throws(SecretBoxError) {
        let trimmed = encodedKey.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = Self.hexBytes(trimmed) {
            try self.init(keyBytes: bytes)
        } else if let data = Data(base64Encoded: trimmed), data.count == 32 {
            try self.init(keyBytes: data)
        } else {
            throw .invalidKey("ENCRYPTION_KEY must be 64 hex characters or base64 of 32 bytes")
        }
    }

    /// A new random key, hex-encoded.
    package static func generateEncodedKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// Encrypts `plaintext` into a self-describing string.
    package func seal(_ plaintext: Data) throws(SecretBoxError) -> String {
        do {
            let box = try AES.GCM.seal(plaintext, using: key)
            guard let combined = box.combined else { throw SecretBoxError.corrupt("no combined representation") }
            return "v1:" + combined.base64EncodedString()
        } catch let error as SecretBoxError {
            throw error
        } catch {
            throw .corrupt("encryption failed: \(error)")
        }
    }

    /// Encrypts a UTF-8 string.
    package func seal(_ plaintext: String) throws(SecretBoxError) -> String {
        try seal(Data(plaintext.utf8))
    }

    /// Decrypts a value made by `seal`.
    package func open(_ sealed: String) throws(SecretBoxError) -> Data {
        guard sealed.hasPrefix("v1:"), let combined = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw .corrupt("not a sealed value")
        }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(combined: combined)
        } catch {
            throw .corrupt("truncated sealed value")
        }
        do {
            return try AES.GCM.open(box, using: key)
        } catch {
            throw .wrongKey
        }
    }

    /// Decrypts a value made by `seal(_: String)`.
    package func openString(_ sealed: String) throws(SecretBoxError) -> String {
        let data = try open(sealed)
        guard let string = String(data: data, encoding: .utf8) else { throw .corrupt("not UTF-8") }
        return string
    }

    private static func hexBytes(_ hex: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// Errors of `SecretBox`.
package enum SecretBoxError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidKey(String)
    case wrongKey
    case corrupt(String)

    package var description: String {
        switch self {
        case .invalidKey(let message): "invalid encryption key: \(message)"
        case .wrongKey:
            "a secret could not be decrypted with the configured key (ENCRYPTION_KEY or data/secret.key changed?)"
        case .corrupt(let message): "a stored secret is damaged: \(message)"
        }
    }
}
