import Foundation
import Testing
@testable import TeleradarTelegram

@Suite("Mini App initData decoding and validation")
struct MiniAppInitDataTests {
    static let token = "7000000001:AAtestTokenForTeleradarUnitTests_123"
    static let userJSON = #"{"id":5123456789,"first_name":"Анна","last_name":"Smith 🇺🇦","username":"anna_s","language_code":"ru","is_premium":true,"allows_write_to_pm":true}"#
    static let now = Date(timeIntervalSince1970: 1_760_000_000)

    /// Fresh initData signed with `token`, opened `age` seconds before `now`.
    static func signed(age: TimeInterval = 60, extra: [(key: String, value: String)] = []) -> String {
        MiniAppInitDataValidator(botToken: token).sign(
            [(key: "query_id", value: "AAF-query"), (key: "user", value: userJSON),
             (key: "chat_instance", value: "-4411"), (key: "chat_type", value: "private"),
             (key: "start_param", value: "ref_42")] + extra,
            authDate: now.addingTimeInterval(-age))
    }

    @Test func decodesEveryField() throws {
        let data = try MiniAppInitDataValidator(botToken: Self.token).validate(Self.signed(), now: Self.now)
        let user = try #require(data.user)
        #expect(user == MiniAppUser(
            id: 5_123_456_789, firstName: "Анна", lastName: "Smith 🇺🇦", username: "anna_s", languageCode: "ru",
            isPremium: true, allowsWriteToPm: true))
        #expect(data.queryID == "AAF-query")
        #expect(data.chatInstance == "-4411")
        #expect(data.chatType == "private")
        #expect(data.startParam == "ref_42")
        #expect(data.authDate == Self.now.addingTimeInterval(-60))
        #expect(data.signature == nil)
    }

    @Test func decodesTheTmaVectorFields() throws {
        let vector = try #require(MiniAppVector.all.first { $0.kind == "hmac" && $0.expectedValid && $0.initData.contains("signature=") })
        let token = try #require(vector.botToken)
        let data = try MiniAppInitDataValidator(botToken: token, maxAge: 0).validate(vector.initData)
        let user = try #require(data.user)
        #expect(user.id == 279_058_397)
        #expect(user.firstName == #"Vladislav + - ? /"#)
        #expect(user.username == "vdkfrost")
        #expect(user.isPremium == true)
        #expect(user.photoURL == "https://t.me/i/userpic/320/4FPEE4tmP3ATHa57u6MqTDih13LTOiMoKoLDRG4PnSA.svg")
        #expect(data.chatInstance == "8134722200314281151")
        #expect(data.signature?.hasPrefix("zL-ucjNy") == true)
        #expect(data.authDate == Date(timeIntervalSince1970: 1_733_584_787))
    }

    @Test func decodesChatReceiverAndStringlyTypedUsers() throws {
        let signedOutput = try #require(MiniAppVector.all.first { $0.initData.hasPrefix("can_send_after=") })
        let data = try MiniAppInitData(parsing: signedOutput.initData)
        #expect(data.chat == MiniAppChat(id: 1, type: "group", title: "chat-title", username: "my-chat", photoURL: "chat-photo"))
        #expect(data.receiver?.id == 991)
        #expect(data.receiver?.isBot == false)
        #expect(data.user?.isBot == true)
        #expect(data.canSendAfter == 10_000)
        #expect(data.startParam == "debug")
        #expect(data.queryID == "QUERY")

        let aiogram = try #require(MiniAppVector.all.first { $0.note?.contains("surrogate") == true })
        let user = try #require(try MiniAppInitData(parsing: aiogram.initData).user)
        #expect(user.id == 123_456_789)
        #expect(user.lastName == "PlaceholderLastName 🇺🇦")
        #expect(user.isPremium == true)
        #expect(user.allowsWriteToPm == true)
    }

    @Test func rejectsATamperedField() throws {
        let genuine = Self.signed()
        let validator = MiniAppInitDataValidator(botToken: Self.token)
        _ = try validator.validate(genuine, now: Self.now)
        let tampered = genuine.replacingOccurrences(of: "%22id%22%3A5123456789", with: "%22id%22%3A1")
        #expect(tampered != genuine)
        #expect(throws: MiniAppInitDataError.badHash) { try validator.validate(tampered, now: Self.now) }
        let startParam = genuine.replacingOccurrences(of: "ref_42", with: "ref_43")
        #expect(throws: MiniAppInitDataError.badHash) { try validator.validate(startParam, now: Self.now) }
        let added = genuine + "&is_admin=true"
        #expect(throws: MiniAppInitDataError.badHash) { try validator.validate(added, now: Self.now) }
    }

    @Test func signatureIsPartOfTheHMACDataCheckString() throws {
        let vector = try #require(MiniAppVector.all.first { $0.kind == "hmac" && $0.expectedValid && $0.initData.contains("signature=") })
        let withoutSignature = vector.initData.split(separator: "&").filter { !$0.hasPrefix("signature=") }.joined(separator: "&")
        let token = try #require(vector.botToken)
        #expect(throws: MiniAppInitDataError.badHash) {
            try MiniAppInitDataValidator(botToken: token, maxAge: 0).validate(withoutSignature)
        }
    }

    @Test func rejectsAWrongToken() {
        let validator = MiniAppInitDataValidator(botToken: "7000000001:AAtestTokenForTeleradarUnitTests_124")
        #expect(throws: MiniAppInitDataError.badHash) { try validator.validate(Self.signed(), now: Self.now) }
    }

    @Test(arguments: [(60, 3_600, true), (3_599, 3_600, true), (3_601, 3_600, false), (2 * 86_400, 86_400, false),
                      (400 * 86_400, 0, true)] as [(TimeInterval, TimeInterval, Bool)])
    func authDateMaxAge(age: TimeInterval, maxAge: TimeInterval, valid: Bool) throws {
        let validator = MiniAppInitDataValidator(botToken: Self.token, maxAge: maxAge)
        let outcome = Result { () throws(MiniAppInitDataError) in try validator.validate(Self.signed(age: age), now: Self.now) }
        if valid {
            _ = try outcome.get()
        } else {
            #expect(throws: MiniAppInitDataError.expired(authDate: Self.now.addingTimeInterval(-age), maxAge: maxAge)) {
                try outcome.get()
            }
        }
    }

    @Test func staleSignatureIsExpiredToo() throws {
        let vector = try #require(MiniAppVector.all.first { $0.kind == "ed25519" && $0.expectedValid })
        let keyHex = try #require(vector.publicKeyHex)
        let verifier = try #require(MiniAppSignatureVerifier(publicKeyHex: keyHex, maxAge: 86_400))
        let outcome = Result { () throws(MiniAppInitDataError) in try verifier.verify(vector.initData, botID: 42) }
        guard case .failure(.expired) = outcome else {
            Issue.record("expected .expired, got \(outcome)")
            return
        }
    }

    @Test func signatureErrors() throws {
        let vector = try #require(MiniAppVector.all.first { $0.kind == "ed25519" && $0.expectedValid })
        let keyHex = try #require(vector.publicKeyHex)
        let verifier = try #require(MiniAppSignatureVerifier(publicKeyHex: keyHex, maxAge: 0))
        let withoutSignature = vector.initData.split(separator: "&").filter { !$0.hasPrefix("signature=") }.joined(separator: "&")
        #expect(throws: MiniAppInitDataError.missingSignature) { try verifier.verify(withoutSignature, botID: 42) }
        #expect(throws: MiniAppInitDataError.badSignature) { try verifier.verify(withoutSignature + "&signature=%21%21", botID: 42) }
        #expect(throws: MiniAppInitDataError.badSignature) { try verifier.verify(withoutSignature + "&signature=AAAA", botID: 42) }
        let tampered = vector.initData.replacingOccurrences(of: "query_id=test", with: "query_id=tesT")
        #expect(throws: MiniAppInitDataError.badSignature) { try verifier.verify(tampered, botID: 42) }
        #expect(MiniAppSignatureVerifier(publicKeyHex: "abcd") == nil)
    }

    @Test(arguments: ["auth_date=1&auth_date=2&hash=00", "a=1&&hash=00", "=1&hash=00", "a=%zz&hash=00", "novalue"])
    func malformedQueries(_ query: String) {
        let outcome = Result { () throws(MiniAppInitDataError) in try MiniAppQueryString.parse(query) }
        guard case .failure(.malformed) = outcome else {
            Issue.record("expected .malformed for \(query), got \(outcome)")
            return
        }
    }

    @Test func malformedFieldsAfterAGoodHash() throws {
        let validator = MiniAppInitDataValidator(botToken: Self.token)
        let badUser = validator.sign([(key: "user", value: "{not json")], authDate: Self.now)
        let noDate = MiniAppQueryString.encode([(key: "user", value: Self.userJSON)])
        let noDateSigned = noDate + "&hash=" + validator.hash(for: [(key: "user", value: Self.userJSON)])
        for query in [badUser, noDateSigned] {
            let outcome = Result { () throws(MiniAppInitDataError) in try validator.validate(query, now: Self.now) }
            guard case .failure(.malformed) = outcome else {
                Issue.record("expected .malformed, got \(outcome)")
                continue
            }
        }
    }

    @Test func queryStringRoundTrip() throws {
        let pairs: [(key: String, value: String)] = [(key: "user", value: Self.userJSON), (key: "x", value: "a+b c&d=e%")]
        let decoded = try MiniAppQueryString.parse(MiniAppQueryString.encode(pairs))
        #expect(decoded.map(\.key) == ["user", "x"])
        #expect(decoded.map(\.value) == pairs.map(\.value))
        #expect(try MiniAppQueryString.parse("a=b+c%2Bd").first?.value == "b c+d")
    }

    @Test func constantTimeCompareAndEncodings() {
        #expect(SecretBytes.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!SecretBytes.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!SecretBytes.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(SecretBytes.hex("0aFf") == [0x0a, 0xff])
        #expect(SecretBytes.hex("0g") == nil)
        #expect(SecretBytes.hex("abc") == nil)
        #expect(SecretBytes.hexString([0x0a, 0xff]) == "0aff")
        #expect(SecretBytes.base64URL("_-8") == [0xff, 0xef])
        #expect(SecretBytes.base64URL("a b") == nil)
    }

    @Test func descriptionsHoldNoSecret() {
        let validator = MiniAppInitDataValidator(botToken: Self.token)
        #expect(!"\(validator)".contains("AAtestToken"))
        #expect(!String(describing: MiniAppInitDataError.badHash).isEmpty)
    }
}
