import Foundation
import TeleradarCore
import Testing

@testable import TeleradarTelegram

/// Decoding of TDLib objects and their mapping to `IncomingPost`.
@Suite("TDLib: decoding and post mapping")
struct TDLibDecodingTests {
    struct FloodCase: Sendable, CustomTestStringConvertible {
        var code: Int
        var message: String
        var seconds: Int?
        var testDescription: String { "\(code) \(message)" }
    }

    @Test(
        "flood-wait seconds are read from FLOOD_WAIT_N and 'retry after N'",
        arguments: [
            FloodCase(code: 420, message: "FLOOD_WAIT_17", seconds: 17),
            FloodCase(code: 429, message: "Too Many Requests: retry after 17", seconds: 17),
            FloodCase(code: 420, message: "FLOOD_PREMIUM_WAIT_5", seconds: 5),
            FloodCase(code: 420, message: "SLOWMODE_WAIT_30", seconds: 30),
            FloodCase(code: 400, message: "USERNAME_NOT_OCCUPIED", seconds: nil),
            FloodCase(code: 400, message: "FLOOD_WAIT_", seconds: nil),
        ])
    func floodWait(_ flood: FloodCase) throws {
        let error = try TDLibFakeSupport.decode(TDError.self, FakeTDLibServer.error(Int64(flood.code), flood.message))
        #expect(error.code == flood.code)
        #expect(error.message == flood.message)
        #expect(error.floodWaitSeconds == flood.seconds)
        #expect(error.isFloodWait == (flood.code != 400))
    }

    @Test("answers decode to the request's result; TDLib errors and other types are typed failures")
    func decodeResult() throws {
        let ok = try TDIncoming(json: #"{"@type":"ok","@extra":"x","@client_id":3}"#)
        #expect(ok.extra == "x")
        #expect(ok.clientID == 3)
        #expect(try ok.decodeResult(TDOk.self) == TDOk())
        #expect(throws: TDLibError.unexpectedResponse(expected: "TDChat", received: "ok")) {
            try ok.decodeResult(TDChat.self)
        }
        let failure = try TDIncoming(
            json: #"{"@type":"error","code":400,"message":"CHANNEL_PRIVATE","@extra":{"id":1}}"#)
        #expect(failure.extra == nil, "only string @extra values are ours")
        #expect(throws: TDLibError.tdlib(TDError(code: 400, message: "CHANNEL_PRIVATE"))) {
            try failure.decodeResult(TDChat.self)
        }
        #expect(throws: TDLibError.self) { try TDIncoming(json: "not json") }
        #expect(throws: TDLibError.self) { try TDIncoming(json: #"{"no_type":1}"#) }
    }

    @Test("unknown @types decode to .unknown / .other instead of failing")
    func unknownTypes() throws {
        let update = try TDLibFakeSupport.decode(
            TDUpdate.self,
            ["@type": "updateOption", "name": "version", "value": ["@type": "optionValueString", "value": "1.8.66"]])
        #expect(update == .unknown("updateOption"))
        #expect(
            try TDLibFakeSupport.decode(TDAuthorizationState.self, ["@type": "authorizationStateWaitSomethingNew"])
                == .unknown("authorizationStateWaitSomethingNew"))
        #expect(
            try TDLibFakeSupport.decode(TDMessageContent.self, ["@type": "messageHologram", "depth": 3])
                == .other("messageHologram"))
        #expect(
            try TDLibFakeSupport.decode(TDOptionValue.self, ["@type": "optionValueFancy"])
                == .unknown("optionValueFancy"))
        #expect(
            try TDLibFakeSupport.decode(TDOptionValue.self, ["@type": "optionValueInteger", "value": "123"])
                == .integer(123))
        let entity = try TDLibFakeSupport.decode(TDTextEntityType.self, ["@type": "textEntityTypeSparkleText"])
        #expect(entity == .unknown("textEntityTypeSparkleText"))
        #expect(entity.botAPIName == "sparkle_text")
        #expect(try TDLibFakeSupport.decode(TDChatType.self, ["@type": "chatTypeFuture"]) == .unknown("chatTypeFuture"))
    }

    @Test("authorization states carry the QR link and the password details")
    func authorizationStates() throws {
        let link = try TDLibFakeSupport.decode(
            TDAuthorizationState.self,
            ["@type": "authorizationStateWaitOtherDeviceConfirmation", "link": "tg://login?token=abc"])
        #expect(link == .waitOtherDeviceConfirmation(link: "tg://login?token=abc"))
        let password = try TDLibFakeSupport.decode(
            TDAuthorizationState.self,
            [
                "@type": "authorizationStateWaitPassword", "password_hint": "cat", "has_recovery_email_address": true,
                "has_passport_data": false, "recovery_email_address_pattern": "a***@b.c",
            ])
        #expect(
            password
                == .waitPassword(
                    TDPasswordInfo(
                        passwordHint: "cat", hasRecoveryEmailAddress: true, recoveryEmailAddressPattern: "a***@b.c")))
        let update = try TDLibFakeSupport.decode(
            TDUpdate.self,
            ["@type": "updateAuthorizationState", "authorization_state": ["@type": "authorizationStateReady"]])
        #expect(update == .authorizationState(.ready))
        #expect(TDAuthorizationState.closing.isTerminal)
        #expect(!TDAuthorizationState.ready.isTerminal)
    }

    @Test("a text message maps to a post with public id, UTF-16 entities, views, edit, forward and reply")
    func textMessage() throws {
        let text = "Hi 👋 bold https://x.io/a"
        var message = FakeTDMessage(
            publicID: 1234, date: 1_700_000_000, editDate: 1_700_000_600, text: text, views: 99, replyTo: 1200)
        message.entities = [
            ["@type": "textEntity", "offset": 6, "length": 4, "type": ["@type": "textEntityTypeBold"]],
            ["@type": "textEntity", "offset": 11, "length": 14, "type": ["@type": "textEntityTypeUrl"]],
            [
                "@type": "textEntity", "offset": 0, "length": 2,
                "type": ["@type": "textEntityTypeTextUrl", "url": "https://t.me"],
            ],
            [
                "@type": "textEntity", "offset": 3, "length": 2,
                "type": ["@type": "textEntityTypePreCode", "language": "swift"],
            ],
        ]
        message.forward = .channel(chatID: -1_000_000_000_777, messageID: 5, signature: "Ann")
        let decoded = try TDLibFakeSupport.decode(TDMessage.self, message.json(chatID: -1_000_000_000_042))
        #expect(decoded.id == 1234 << 20)
        #expect(decoded.isServerMessage)
        let post = try #require(TDLibPostMapper.post(from: decoded, chatTitles: [-1_000_000_000_777: "Origin Channel"]))
        #expect(post.messageID == 1234)
        #expect(post.text == text)
        #expect(post.postedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(post.editedAt == Date(timeIntervalSince1970: 1_700_000_600))
        #expect(post.views == 99)
        #expect(post.replyToMessageID == 1200)
        #expect(post.forwardedFrom == "Origin Channel (Ann)")
        #expect(post.mediaKind == nil)
        #expect(!post.isService)
        #expect(
            post.entities == [
                TextEntity(type: "bold", offset: 6, length: 4),
                TextEntity(type: "url", offset: 11, length: 14),
                TextEntity(type: "text_link", offset: 0, length: 2, url: "https://t.me"),
                TextEntity(type: "pre", offset: 3, length: 2, language: "swift"),
            ])
        #expect(post.links == ["https://x.io/a", "https://t.me"])
    }

    @Test("forward origins become display strings")
    func forwardOrigins() {
        #expect(TDMessageOrigin.hiddenUser(senderName: "Bob").displayName() == "Bob")
        #expect(TDMessageOrigin.user(senderUserID: 7).displayName() == "user 7")
        #expect(
            TDMessageOrigin.channel(chatID: -100, messageID: 1, authorSignature: "").displayName() == "channel -100")
        #expect(
            TDMessageOrigin.chat(senderChatID: -5, authorSignature: "Al").displayName(chatTitles: [-5: "Group"])
                == "Group (Al)")
    }

    @Test("non-server messages (local ids) are not posts")
    func localMessage() throws {
        let json = FakeTDMessage(publicID: 10, date: 1_700_000_000, text: "x").json(chatID: -1).setting(
            "id", .int((10 << 20) + 1))
        let decoded = try TDLibFakeSupport.decode(TDMessage.self, json)
        #expect(!decoded.isServerMessage)
        #expect(TDLibPostMapper.post(from: decoded) == nil)
    }

    struct ContentCase: Sendable, CustomTestStringConvertible {
        var content: FakeTDContent
        var kind: MediaKind?
        var serviceAction: String?
        var keepsCaption: Bool
        var testDescription: String { "\(content)" }
    }

    @Test(
        "content kinds map to media kinds, captions and service actions",
        arguments: [
            ContentCase(content: .text, kind: nil, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .photo, kind: .photo, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .video, kind: .video, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .document, kind: .document, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .audio, kind: .audio, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .voiceNote, kind: .voice, serviceAction: nil, keepsCaption: true),
            ContentCase(content: .videoNote, kind: .videoNote, serviceAction: nil, keepsCaption: false),
            ContentCase(content: .sticker, kind: .sticker, serviceAction: nil, keepsCaption: false),
            ContentCase(content: .animation, kind: .animation, serviceAction: nil, keepsCaption: true),
            ContentCase(
                content: .poll(question: "Q?", options: ["A", "B"], voters: 8), kind: .poll, serviceAction: nil,
                keepsCaption: false),
            ContentCase(content: .location, kind: .location, serviceAction: nil, keepsCaption: false),
            ContentCase(content: .pinMessage, kind: nil, serviceAction: "pin_message", keepsCaption: false),
        ])
    func contentKinds(_ item: ContentCase) throws {
        let message = FakeTDMessage(publicID: 7, date: 1_700_000_000, text: "caption", content: item.content)
        let post = try #require(
            TDLibPostMapper.post(from: try TDLibFakeSupport.decode(TDMessage.self, message.json(chatID: -1))))
        #expect(post.mediaKind == item.kind)
        #expect(post.isService == (item.serviceAction != nil))
        #expect(post.serviceAction == item.serviceAction)
        #expect(post.text == (item.keepsCaption ? "caption" : ""))
        if case .poll = item.content {
            #expect(post.poll == Poll(question: "Q?", options: ["A", "B"], totalVoters: 8))
        } else {
            #expect(post.poll == nil)
        }
    }

    @Test("a link preview is kept")
    func linkPreview() throws {
        let message = FakeTDMessage(
            publicID: 8, date: 1_700_000_000, text: "see",
            content: .textWithPreview(url: "https://e.com", siteName: "E", title: "T"))
        let post = try #require(
            TDLibPostMapper.post(from: try TDLibFakeSupport.decode(TDMessage.self, message.json(chatID: -1))))
        #expect(post.linkPreview == LinkPreview(url: "https://e.com", siteName: "E", title: "T", description: "A page"))
        #expect(post.links == ["https://e.com"])
    }

    @Test("getChatHistory rejects limits outside 1…100", arguments: [Int32(0), -1, 101, 1000])
    func historyLimitRejected(limit: Int32) {
        #expect(throws: TDLibError.self) { try TDGetChatHistory(chatID: 1, fromMessageID: 0, limit: limit) }
    }

    @Test("getChatHistory accepts limits 1…100", arguments: [Int32(1), 50, 100])
    func historyLimitAccepted(limit: Int32) throws {
        #expect(try TDGetChatHistory(chatID: 1, fromMessageID: 0, limit: limit).limit == limit)
    }

    @Test("getChatHistory rejects offsets outside -99…0 or not above -limit", arguments: [Int32(1), -100, -10])
    func historyOffsetRejected(offset: Int32) {
        #expect(throws: TDLibError.self) {
            try TDGetChatHistory(chatID: 1, fromMessageID: 0, offset: offset, limit: 10)
        }
    }

    @Test("message ids convert between TDLib and public form", arguments: [Int64(1), 42, 2_147_483_647])
    func idConversion(publicID: Int64) throws {
        let tdlibID = try #require(TDMessage.tdlibID(fromPublicID: publicID))
        #expect(tdlibID == publicID * 1_048_576)
        #expect(TDMessage.publicID(fromTDLibID: tdlibID) == publicID)
        #expect(TDMessage.tdlibID(fromPublicID: Int64.max) == nil)
    }
}
