import Foundation
import Testing
@testable import TeleradarTelegram

/// One vector of `Fixtures/miniapp-initdata-vectors/vectors.json` (aiogram and tma.js test suites, MIT).
struct MiniAppVector: Decodable, Sendable, CustomTestStringConvertible {
    var source: String
    var kind: String
    var initData: String
    var expectedValid: Bool
    var botToken: String?
    var expectedHash: String?
    var botID: Int64?
    var publicKeyHex: String?
    var note: String?

    enum CodingKeys: String, CodingKey {
        case source, kind, note
        case initData = "init_data"
        case expectedValid = "expected_valid"
        case botToken = "bot_token"
        case expectedHash = "expected_hash"
        case botID = "bot_id"
        case publicKeyHex = "public_key_hex"
    }

    var testDescription: String {
        "\(kind) \(expectedValid ? "valid" : "invalid") \(note ?? String(initData.prefix(40)))"
    }

    /// All vectors of the fixture; empty if it is missing (``MiniAppVectorTests/fixtureIsComplete()`` then fails).
    static let all: [MiniAppVector] = {
        struct File: Decodable { var vectors: [MiniAppVector] }
        guard let url = BotFixtures.file("miniapp-initdata-vectors/vectors.json"),
              let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode(File.self, from: data).vectors) ?? []
    }()
}

@Suite("Mini App initData test vectors")
struct MiniAppVectorTests {
    @Test func fixtureIsComplete() throws {
        let vectors = MiniAppVector.all
        #expect(vectors.count == 16)
        #expect(vectors.filter { $0.kind == "hmac" }.count == 11)
        #expect(vectors.filter { $0.kind == "ed25519" }.count == 5)
        #expect(vectors.contains { $0.expectedValid } && vectors.contains { !$0.expectedValid })
        for name in ["SOURCE.txt", "LICENSE.aiogram", "LICENSE.telegram-apps"] {
            #expect(BotFixtures.file("miniapp-initdata-vectors/\(name)") != nil, "\(name) copied with the vectors")
        }
    }

    @Test("every vector gives its expected verdict", arguments: MiniAppVector.all)
    func verdict(_ vector: MiniAppVector) throws {
        switch vector.kind {
        case "hmac":
            let token = try #require(vector.botToken)
            // The vectors' auth_date values are years old: the expiry check is off, as in the source suites.
            let validator = MiniAppInitDataValidator(botToken: token, maxAge: 0)
            let result = Result { () throws(MiniAppInitDataError) in try validator.validate(vector.initData) }
            if vector.expectedValid {
                let data = try result.get()
                #expect(data.hash == vector.expectedHash)
            } else {
                #expect(throws: MiniAppInitDataError.self) { try result.get() }
            }
            if let expected = vector.expectedHash {
                let pairs = try MiniAppQueryString.parse(vector.initData)
                #expect((validator.hash(for: pairs) == expected) == vector.expectedValid)
            }
        case "ed25519":
            let keyHex = try #require(vector.publicKeyHex)
            let verifier = try #require(MiniAppSignatureVerifier(publicKeyHex: keyHex, maxAge: 0))
            let botID = try #require(vector.botID)
            let outcome = Result { () throws(MiniAppInitDataError) in try verifier.verify(vector.initData, botID: botID) }
            if vector.expectedValid {
                _ = try outcome.get()
            } else {
                #expect(throws: MiniAppInitDataError.self) { try outcome.get() }
            }
        default:
            Issue.record("unknown vector kind \(vector.kind)")
        }
    }

    /// SOURCE.txt: the tma.js string is Ed25519-valid for bot 7342037359 with Telegram's production key.
    @Test func telegramProductionKeyVerifiesTheTmaVector() throws {
        let vector = try #require(MiniAppVector.all.first { $0.kind == "ed25519" && $0.botID == 7_342_037_360 })
        let data = try MiniAppSignatureVerifier.telegram(.production, maxAge: 0).verify(vector.initData, botID: 7_342_037_359)
        #expect(data.user?.id == 279_058_397)
        #expect(throws: MiniAppInitDataError.badSignature) {
            try MiniAppSignatureVerifier.telegram(.test, maxAge: 0).verify(vector.initData, botID: 7_342_037_359)
        }
    }

    @Test func expectedErrorsOfTheInvalidVectors() throws {
        let validator = MiniAppInitDataValidator(botToken: "42:TEST", maxAge: 0)
        let byNote = { (note: String) in try #require(MiniAppVector.all.first { $0.note == note }).initData }
        #expect(throws: MiniAppInitDataError.missingHash) { try validator.validate(byNote("no hash")) }
        #expect(throws: MiniAppInitDataError.missingHash) { try validator.validate("") }
        #expect(throws: MiniAppInitDataError.badHash) {
            try validator.validate(byNote("non-ASCII hash must give False, not raise (aiogram issue #1903)"))
        }
        let malformedQuery = try byNote("malformed query string")
        let malformed = Result { () throws(MiniAppInitDataError) in try validator.validate(malformedQuery) }
        guard case .failure(.malformed) = malformed else {
            Issue.record("expected .malformed, got \(malformed)")
            return
        }
    }
}
