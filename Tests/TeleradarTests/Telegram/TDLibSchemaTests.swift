import Foundation
import Testing

@testable import TeleradarTelegram

/// What the client sends and decodes, checked against TDLib 1.8.66's `td_api.tl`.
@Suite("TDLib: requests and responses match td_api.tl")
struct TDLibSchemaTests {
    /// One instance of every request type the client sends, encoded as it goes over the wire.
    static let requests: [(name: String, json: String)] = {
        func encoded<Function: TDFunction>(_ function: Function) -> (String, String) {
            (Function.typeName, (try? TDRequestEnvelope(function: function, extra: "tr-1-1").jsonString()) ?? "{}")
        }
        let parameters = TDLibParameters(
            apiID: 12345, apiHash: "0123456789abcdef0123456789abcdef", databaseDirectory: "/tmp/db",
            databaseEncryptionKey: Data([0xDE, 0xAD, 0xBE, 0xEF])
        )
        return [
            encoded(parameters.request),
            encoded(TDGetOption(name: "version")),
            encoded(TDSetLogVerbosityLevel(newVerbosityLevel: 0)),
            encoded(TDRequestQrCodeAuthentication(otherUserIDs: [1, 2])),
            encoded(TDCheckAuthenticationPassword(password: "secret")),
            encoded(TDGetAuthorizationState()),
            encoded(TDSearchPublicChat(username: "durov")),
            encoded(TDGetChat(chatID: -1_001_234_567_890)),
            encoded(try! TDGetChatHistory(chatID: -1_001_234_567_890, fromMessageID: 42 << 20, offset: 0, limit: 100)),
            encoded(TDGetSupergroupFullInfo(supergroupID: 1_234_567_890)),
            encoded(TDGetSupergroup(supergroupID: 1_234_567_890)),
            encoded(TDGetMe()),
            encoded(TDLogOut()),
            encoded(TDClose()),
        ]
    }()

    /// Every constructor name our decoders recognise.
    static let decodedConstructors: [String] =
        TDError.constructors + TDOk.constructors + TDOptionValue.constructors + TDAuthorizationState.constructors
        + TDUpdate.constructors + TDChat.constructors + TDChatType.constructors + TDSupergroupFullInfo.constructors + TDSupergroup.constructors
        + TDUser.constructors + TDMessages.constructors + TDMessage.constructors + TDMessageContent.constructors
        + TDFormattedText.constructors + TDTextEntity.constructors + TDTextEntityType.constructors
        + TDMessageForwardInfo.constructors + TDMessageOrigin.constructors + TDMessageReplyTo.constructors
        + TDPoll.constructors + TDLinkPreview.constructors + Array(TDLibPostMapper.serviceActions.keys)
        + Array(TDLibPostMapper.otherMediaKinds.keys)

    static func schema() throws -> TLSchema {
        try #require(
            TDLibTestPaths.schema,
            "td_api.tl not found: set TELERADAR_TD_API_TL or copy it to Tests/TeleradarTests/Fixtures/tdlib-td_api-tl/")
    }

    @Test("the TL parser reads functions and constructors with their parameters")
    func parser() throws {
        let schema = try Self.schema()
        let history = try #require(schema.functions["getChatHistory"])
        #expect(history.parameters.map(\.name) == ["chat_id", "from_message_id", "offset", "limit", "only_local"])
        #expect(history.parameters.map(\.type) == ["int53", "int53", "int32", "int32", "Bool"])
        #expect(history.result == "Messages")
        #expect(schema.constructors["messageText"]?.result == "MessageContent")
        #expect(schema.functions["messageText"] == nil)
        #expect(schema.constructors["getChatHistory"] == nil)
        #expect(schema.constructors.count > 1000)
        #expect(schema.functions.count > 500)
    }

    @Test("the checker catches wrong names and JSON types")
    func checkerCatchesMistakes() throws {
        let schema = try Self.schema()
        let good: TestJSON = ["@type": "getChat", "chat_id": 5]
        #expect(schema.problems(of: good, asFunction: true, requireAllParameters: true).isEmpty)
        #expect(!schema.problems(of: ["@type": "getChat", "chat_id": "5"], asFunction: true).isEmpty)
        #expect(!schema.problems(of: ["@type": "getChat", "chatId": 5], asFunction: true).isEmpty)
        #expect(!schema.problems(of: ["@type": "getChats", "chat_id": 5], asFunction: true).isEmpty)
        #expect(!schema.problems(of: ["@type": "getChat"], asFunction: true, requireAllParameters: true).isEmpty)
        #expect(!schema.problems(of: ["@type": "poll", "id": 5]).isEmpty, "int64 must be a string")
        #expect(!schema.problems(of: ["@type": "messageText", "text": ["@type": "poll"]]).isEmpty)
    }

    @Test(
        "every request encodes to its td_api.tl function with matching names and JSON types",
        arguments: requests.map(\.name))
    func requestMatchesSchema(name: String) throws {
        let schema = try Self.schema()
        let json = try #require(Self.requests.first { $0.name == name }?.json)
        let object = try TestJSON.parse(json)
        #expect(object.type == name)
        #expect(object["@extra"] == "tr-1-1")
        let problems = schema.problems(of: object, asFunction: true, requireAllParameters: true)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("setTdlibParameters sends the encryption key as base64 and every field of the 1.8.66 constructor")
    func tdlibParameters() throws {
        let json = try #require(Self.requests.first { $0.name == "setTdlibParameters" }?.json)
        let object = try TestJSON.parse(json)
        #expect(object["database_encryption_key"] == "3q2+7w==")
        #expect(object["api_id"] == 12345)
        #expect(object["use_message_database"] == true)
        #expect(object.objectValue?.keys.filter { !$0.hasPrefix("@") }.count == 14)
    }

    @Test("every constructor the client decodes exists in td_api.tl", arguments: Set(decodedConstructors).sorted())
    func decodedConstructorExists(name: String) throws {
        let schema = try Self.schema()
        #expect(schema.constructors[name] != nil, "\(name) is not a td_api.tl constructor")
    }

    @Test("every object the fake TDLib sends during login and paging matches td_api.tl")
    func fakeSpeaksTDLibJSON() async throws {
        let schema = try Self.schema()
        var script = FakeTDJSONScript()
        script.password = "hunter2"
        var channel = FakeTDChannel.sample(username: "teleradar_news", supergroupID: 777, count: 30)
        channel.messages[0].forward = .channel(chatID: channel.chatID, messageID: 3, signature: "Ann")
        channel.messages[1].forward = .hiddenUser(name: "Hidden Bob")
        channel.messages[2].replyTo = 1
        channel.messages[3].content = .textWithPreview(url: "https://example.com", siteName: "Example", title: "Title")
        channel.messages[3].entities = [
            ["@type": "textEntity", "offset": 0, "length": 4, "type": ["@type": "textEntityTypeBold"]]
        ]
        script.channels = [channel]
        let fake = FakeTDJSON(script: script)
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        let authorization = TDLibAuthorization(client: client, parameters: TDLibFakeSupport.parameters)
        _ = try await authorization.logIn(onQRCodeLink: { _ in }, password: { _ in "hunter2" })
        let source = TDLibChannelSource(client: client, requestTimeout: .seconds(10))
        _ = try await source.resolve(username: "teleradar_news")
        _ = try await source.page(username: "teleradar_news", before: nil)
        _ = try await client.send(TDGetSupergroup(supergroupID: 777))
        try await client.close()

        let emitted = fake.emitted
        #expect(emitted.count > 10)
        for object in emitted {
            let problems = schema.problems(of: object)
            #expect(problems.isEmpty, "\(object.type ?? "?"): \(problems.joined(separator: "\n"))")
        }
        for (_, request) in fake.requests {
            let problems = schema.problems(of: request, asFunction: true, requireAllParameters: true)
            #expect(problems.isEmpty, "\(request.type ?? "?"): \(problems.joined(separator: "\n"))")
        }
    }
}
