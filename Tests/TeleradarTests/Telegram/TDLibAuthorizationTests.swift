import Foundation
import Synchronization
import Testing

@testable import TeleradarTelegram

/// QR login against the fake TDLib: parameters, rotating links, 2FA, `getMe`.
@Suite("TDLib: QR login")
struct TDLibAuthorizationTests {
    /// Collects what the login callbacks were given.
    final class Recorder: Sendable {
        private let state = Mutex<(links: [String], prompts: [TDPasswordPrompt])>(([], []))
        var links: [String] { state.withLock { $0.links } }
        var prompts: [TDPasswordPrompt] { state.withLock { $0.prompts } }
        func link(_ link: String) { state.withLock { $0.links.append(link) } }
        func prompt(_ prompt: TDPasswordPrompt) { state.withLock { $0.prompts.append(prompt) } }
    }

    @Test("publishes every rotated QR link, then returns the getMe user")
    func qrLogin() async throws {
        let fake = FakeTDJSON()
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let recorder = Recorder()
        let user = try await TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters).logIn(
            onQRCodeLink: { recorder.link($0) },
            password: { _ in
                Issue.record("no password was asked for")
                return ""
            }
        )
        #expect(user.id == 5_550_001)
        #expect(user.usernames == ["ada_l"])
        #expect(user.displayName == "Ada Lovelace")
        #expect(recorder.links == FakeTDJSONScript().qrLinks)
        #expect(await client.authorizationState == .ready)
        #expect(fake.requests(ofType: "setTdlibParameters").count == 1)
        #expect(fake.requests(ofType: "requestQrCodeAuthentication").count == 1)
        #expect(fake.requests(ofType: "getMe").count == 1)
        let parameters = try #require(fake.parameters(of: client.clientID))
        #expect(
            parameters["database_encryption_key"]
                == .string(TDLibFakeSupport.parameters.databaseEncryptionKey.base64EncodedString()))
        #expect(parameters["database_directory"] == "/tmp/teleradar-fake-tdlib")
        #expect(parameters["api_id"] == 12345)
        try await client.close()
    }

    @Test("asks for the 2FA password again after a wrong one and passes the hint", arguments: [1, 2])
    func twoFactor(wrongAttempts: Int) async throws {
        var script = FakeTDJSONScript()
        script.password = "correct horse"
        let fake = FakeTDJSON(script: script)
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let recorder = Recorder()
        let user = try await TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters).logIn(
            onQRCodeLink: { recorder.link($0) },
            password: { prompt in
                recorder.prompt(prompt)
                return prompt.attempt > wrongAttempts ? "correct horse" : "wrong \(prompt.attempt)"
            }
        )
        #expect(user.id == 5_550_001)
        #expect(recorder.links.count == 3)
        let prompts = recorder.prompts
        #expect(prompts.map(\.attempt) == Array(1...(wrongAttempts + 1)))
        #expect(prompts.first?.previousError == nil)
        #expect(prompts.last?.previousError == "PASSWORD_HASH_INVALID")
        #expect(prompts.allSatisfy { $0.info.passwordHint == "favourite cat" && $0.info.hasRecoveryEmailAddress })
        #expect(
            fake.requests(ofType: "checkAuthenticationPassword").map { $0["password"]?.stringValue }.last
                == "correct horse")
        try await client.close()
    }

    @Test("gives up after the allowed number of wrong passwords")
    func passwordRejected() async throws {
        var script = FakeTDJSONScript()
        script.password = "right"
        let fake = FakeTDJSON(script: script)
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let authorization = TDLibAuthorization(
            client: client, parameters: TDLibFakeSupport.parameters, maximumPasswordAttempts: 2)
        let error = await TDLibFakeSupport.error {
            try await authorization.logIn(onQRCodeLink: { _ in }, password: { _ in "wrong" })
        }
        #expect(error as? TDLibError == .passwordRejected(attempts: 2))
        #expect(fake.requests(ofType: "checkAuthenticationPassword").count == 2)
        #expect(fake.requests(ofType: "getMe").isEmpty)
        try await client.close()
    }

    @Test("an error thrown by the password callback aborts the login")
    func passwordCallbackAborts() async throws {
        struct Abort: Error, Equatable {}
        var script = FakeTDJSONScript()
        script.password = "right"
        let client = TDLibClient(transport: FakeTDJSON(script: script), defaultTimeout: .seconds(10))
        let error = await TDLibFakeSupport.error {
            try await TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters)
                .logIn(onQRCodeLink: { _ in }, password: { _ in throw Abort() })
        }
        #expect(error as? Abort == Abort())
        try await client.close()
    }

    @Test("resume() opens an existing session without interaction")
    func resumeExisting() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let user = try await TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters).resume()
        #expect(user.id == 5_550_001)
        #expect(fake.requests(ofType: "requestQrCodeAuthentication").isEmpty)
        try await client.close()
    }

    @Test("resume() on a fresh session reports that a login is needed")
    func resumeFresh() async throws {
        let fake = FakeTDJSON()
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let error = await TDLibFakeSupport.error {
            try await TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters).resume()
        }
        guard case .notLoggedIn? = error as? TDLibError else {
            Issue.record("expected notLoggedIn, got \(String(describing: error))")
            return
        }
        #expect(fake.requests(ofType: "requestQrCodeAuthentication").isEmpty)
        try await client.close()
    }

    @Test("a rejected setTdlibParameters surfaces as a TDLib error")
    func badParameters() async throws {
        let client = TDLibClient(transport: FakeTDJSON(), defaultTimeout: .seconds(10))
        var parameters = TDLibFakeSupport.parameters
        parameters.apiID = 0
        let error = await TDLibFakeSupport.error {
            try await TDLibAuthorization(client: client, parameters: parameters).resume()
        }
        guard case .tdlib(let tdError)? = error as? TDLibError else {
            Issue.record("expected a TDLib error, got \(String(describing: error))")
            return
        }
        #expect(tdError.code == 400)
        #expect(tdError.message.contains("api_id"))
        try await client.close()
    }

    @Test("parameters never print their secrets")
    func redaction() {
        let text = TDLibFakeSupport.parameters.description
        #expect(!text.contains("0123456789abcdef0123456789abcdef"))
        #expect(text.contains("12345"))
    }
}
