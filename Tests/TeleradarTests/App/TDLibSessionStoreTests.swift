import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarStorage

@Suite("TDLib sessions per user")
struct TDLibSessionStoreTests {
    @Test("each user gets a 0700 folder and a stable key, stored only sealed", arguments: Backend.allCases)
    func sessions(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let store = TDLibSessionStore(dataDirectory: context.config.dataDirectory, secrets: context.secrets, cache: context.cache)
            let first = try await store.databaseKey(userID: 7)
            #expect(first.count == 32)
            #expect(try await store.databaseKey(userID: 7) == first)
            #expect(try await store.databaseKey(userID: 8) != first)
            let stored = try #require(try await context.cache.get("tdlib_keys", "7"))
            #expect(!stored.contains(first))
            #expect(String(decoding: stored, as: UTF8.self).hasPrefix("v1:"))
            let parameters = try await store.parameters(userID: 7, apiID: 12345, apiHash: "abc", language: "ru")
            #expect(parameters.databaseDirectory.hasSuffix("/tdlib/7"))
            let mode = try FileManager.default.attributesOfItem(atPath: parameters.databaseDirectory)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            try await store.remove(userID: 7)
            #expect(try await store.databaseKey(userID: 7) != first)
        }
    }
}
