import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarCore

@Suite("Secrets at rest")
struct SecretBoxTests {
    @Test("sealed values open with the same key and never with another")
    func roundTrip() throws {
        let box = try SecretBox(encodedKey: SecretBox.generateEncodedKey())
        let sealed = try box.seal("+7 999 123-45-67")
        #expect(!sealed.contains("999"))
        #expect(try box.openString(sealed) == "+7 999 123-45-67")
        #expect(try box.seal("x") != box.seal("x"))  // fresh nonce each time
        let other = try SecretBox(encodedKey: SecretBox.generateEncodedKey())
        #expect(throws: SecretBoxError.wrongKey) { try other.open(sealed) }
        #expect(throws: SecretBoxError.self) { try box.open("v1:AAAA") }
        #expect(throws: SecretBoxError.self) { try box.open("garbage") }
    }

    @Test("keys are 64 hex characters or base64 of 32 bytes", arguments: ["", "abc", String(repeating: "z", count: 64), "AAAA"])
    func badKeys(key: String) {
        #expect(throws: SecretBoxError.self) { try SecretBox(encodedKey: key) }
    }

    @Test("without ENCRYPTION_KEY a key file is generated once, mode 0600, and reused")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keytest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = try AppConfig.resolve { _ in nil }
        config.dataDirectory = folder
        let first = try SecretKeyStore.load(config: config, logger: TestDatabase.logger)
        let path = folder + "/secret.key"
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try SecretKeyStore.load(config: config, logger: TestDatabase.logger)
        let sealed = try first.seal("tdlib key")
        #expect(try second.openString(sealed) == "tdlib key")
    }

    @Test("a changed key is refused at start with a clear message", arguments: Backend.allCases)
    func mismatch(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let other = try SecretBox(encodedKey: SecretBox.generateEncodedKey())
            await #expect(throws: SecretKeyError.self) { try await SecretKeyStore.verify(other, cache: context.cache) }
            try await SecretKeyStore.verify(context.secrets, cache: context.cache)
        }
    }
}
