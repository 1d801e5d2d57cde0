import Foundation
import Hummingbird
import HummingbirdTesting
import TeleradarApp
import TeleradarCore
import TeleradarStorage
import Testing

@testable import TeleradarTelegram

/// The QR login end to end through the REST API, with the fake TDLib.
@Suite("Telegram login: the whole flow through the API")
struct TelegramLoginFlowTests {
    static let news = FakeTDChannel.sample(username: "live_news", supergroupID: 7_654_321, count: 3)

    @Test(
        "QR shown and refreshed, wrong then right password, ready, recorded, live updates stored, logout removes it",
        arguments: Backend.allCases)
    func wholeFlow(backend: Backend) async throws {
        let transports = FakeTransports()
        try await FakeTelegramWeb.withServer { base in
            var environment = TelegramLogin.environment
            environment["TELEGRAM_WEB_BASE_URL"] = base
            try await APITest.with(
                backend, environment: environment, rateLimits: APITest.noLimits, sessions: transports.options()
            ) { context, client in
                let manager = context.telegramSessions
                let a = try await APITest.user(context, telegramID: 5_550_001, username: "ada")
                let fake = TelegramLogin.manualFake(password: "correct horse", channels: [Self.news])
                transports.register(fake, for: a.id)
                try await TelegramLogin.running(manager) {
                    try await client.execute(
                        uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(a.token)
                    ) { response in
                        #expect(response.status == .ok)
                        let status = APITest.json(response)["status"] as? String
                        #expect(["starting", "waiting_for_qr"].contains(status))
                    }
                    let links = FakeTDJSONScript().qrLinks
                    let first = try await TelegramLogin.waitFor(client, a.token, "the first QR link") {
                        $0["qr_link"] as? String == links[0]
                    }
                    #expect(first["status"] as? String == "waiting_for_qr")
                    #expect(first["expires_at"] is String)
                    #expect(first["qr_refreshed_at"] is String)
                    try await client.execute(
                        uri: "/api/v1/telegram/login/qr.svg", method: .get, headers: APITest.headers(a.token)
                    ) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType] == "image/svg+xml")
                        #expect(String(buffer: response.body).hasPrefix("<svg"))
                    }
                    // A second start while the attempt runs returns it unchanged.
                    try await client.execute(
                        uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(a.token)
                    ) { response in
                        #expect(APITest.json(response)["qr_link"] as? String == links[0])
                    }
                    let clientID = try TelegramLogin.loginClient(fake)
                    fake.rotateQR(clientID: clientID)
                    _ = try await TelegramLogin.waitFor(client, a.token, "the refreshed QR link") {
                        $0["qr_link"] as? String == links[1]
                    }
                    fake.confirmQR(clientID: clientID)
                    let asked = try await TelegramLogin.waitFor(client, a.token, "the password prompt") {
                        $0["status"] as? String == "waiting_for_password"
                    }
                    #expect(asked["password_hint"] as? String == "favourite cat")
                    #expect(asked["attempt"] as? Int == 1)
                    #expect(asked["previous_error"] == nil)
                    #expect(asked["qr_link"] == nil)

                    try await client.execute(
                        uri: "/api/v1/telegram/login/password", method: .post, headers: APITest.headers(a.token),
                        body: ByteBuffer(string: #"{"password": "wrong one"}"#)
                    ) { response in
                        #expect(response.status == .accepted)
                    }
                    let retry = try await TelegramLogin.waitFor(client, a.token, "the second password prompt") {
                        $0["attempt"] as? Int == 2
                    }
                    #expect(retry["previous_error"] as? String == "wrong_password")
                    try await client.execute(
                        uri: "/api/v1/telegram/login/password", method: .post, headers: APITest.headers(a.token),
                        body: ByteBuffer(string: #"{"password": "correct horse"}"#)
                    ) { response in
                        #expect(response.status == .accepted)
                    }
                    let ready = try await TelegramLogin.waitFor(client, a.token, "ready") {
                        $0["status"] as? String == "ready"
                    }
                    #expect(ready["telegram_user_id"] as? Int == 5_550_001)
                    #expect(ready["name"] as? String == "Ada Lovelace")
                    try await client.execute(
                        uri: "/api/v1/telegram/login/password", method: .post, headers: APITest.headers(a.token),
                        body: ByteBuffer(string: #"{"password": "again"}"#)
                    ) { response in
                        #expect(response.status == .conflict)
                    }
                    try await client.execute(
                        uri: "/api/v1/telegram/login", method: .post, headers: APITest.headers(a.token)
                    ) { response in
                        #expect(response.status == .conflict)
                    }

                    // Recorded durably, nothing secret in clear; the lease is this process's.
                    let record = try #require(
                        try await context.cache.getJSON(
                            TDLibSessionManager.recordNamespace, String(a.id), as: TDLibSessionManager.Record.self))
                    #expect(record.telegramUserID == 5_550_001)
                    let sealedKey = try #require(try await context.cache.get("tdlib_keys", String(a.id)))
                    #expect(String(decoding: sealedKey, as: UTF8.self).hasPrefix("v1:"))
                    #expect(
                        try await context.leases.holder(of: manager.leaseName(userID: a.id)) == manager.holder)
                    let folder = "\(context.config.dataDirectory)/tdlib/\(a.id)"
                    #expect(FileManager.default.fileExists(atPath: folder))

                    // Channels resolve and are fetched through the session; its live updates reach storage.
                    try await client.execute(
                        uri: "/api/v1/channels", method: .post, headers: APITest.headers(a.token),
                        body: ByteBuffer(string: #"{"name": "live_news"}"#)
                    ) { response in
                        #expect(response.status == .created)
                        let body = APITest.json(response)
                        #expect(body["posts_found"] as? Int == 3)
                        #expect(body["parse_error"] == nil)
                    }
                    let historyCalls = fake.requests(ofType: "getChatHistory").count
                    #expect(historyCalls >= 1)
                    let run = try #require(try await context.ingestion.runAll(holder: "test-run"))
                    #expect(run.first { $0.channel == "live_news" }?.error == nil)
                    #expect(fake.requests(ofType: "getChatHistory").count > historyCalls)
                    let channel = try #require(try await context.channels.channels.find(username: "live_news"))
                    #expect(channel.telegramID == Self.news.chatID)
                    #expect(channel.sourceKind == "tdlib")
                    #expect(fake.requests(ofType: "searchPublicChat").count == 1)
                    let message = FakeTDMessage(publicID: 77, date: 1_790_000_077, text: "Live post from TDLib")
                    fake.push(
                        ["@type": "updateNewMessage", "message": message.json(chatID: Self.news.chatID)],
                        to: clientID)
                    try await TelegramLogin.eventually("the live post stored") {
                        try await context.channels.posts.recent(channelID: channel.id, limit: 10)
                            .contains { $0.messageID == 77 && $0.text == "Live post from TDLib" }
                    }

                    // Logout: TDLib logged out, folder, key and record gone, lease released.
                    try await client.execute(
                        uri: "/api/v1/telegram/session", method: .delete, headers: APITest.headers(a.token)
                    ) { response in
                        #expect(response.status == .noContent)
                    }
                    #expect(fake.requests(ofType: "logOut").count == 1)
                    #expect(try await TelegramLogin.state(client, a.token)["status"] as? String == "none")
                    #expect(
                        try await context.cache.get(TDLibSessionManager.recordNamespace, String(a.id)) == nil)
                    #expect(try await context.cache.get("tdlib_keys", String(a.id)) == nil)
                    #expect(!FileManager.default.fileExists(atPath: folder))
                    try await TelegramLogin.eventually("the lease released") {
                        try await context.leases.holder(of: manager.leaseName(userID: a.id)) == nil
                    }
                    // A channel added without a session resolves through the web preview again.
                    try await client.execute(
                        uri: "/api/v1/channels", method: .post, headers: APITest.headers(a.token),
                        body: ByteBuffer(string: #"{"name": "smallchan"}"#)
                    ) { response in
                        #expect(response.status == .created)
                    }
                    #expect(try await context.channels.channels.find(username: "smallchan")?.sourceKind == "web")
                }
            }
        }
    }
}
