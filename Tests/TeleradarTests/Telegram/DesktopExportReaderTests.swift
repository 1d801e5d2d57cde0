import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

/// What a valid fixture must yield (counts checked independently with Python's `json` module).
struct ExportFixtureExpectation: Sendable, CustomTestStringConvertible {
    var path: String
    var name: String?
    var chatType: DesktopExportChatType
    var chatID: Int64
    var messages: Int
    var services: Int
    var unsupported: Int = 0
    var firstID: Int64?
    var lastID: Int64?

    var testDescription: String { path }

    static let all: [ExportFixtureExpectation] = [
        .init(path: "innerdvations-telegram-chat-parser/bot.json", name: "Bot User", chatType: .botChat,
              chatID: 9_999_999_999, messages: 2, services: 0, firstID: 223_690, lastID: 223_691),
        .init(path: "innerdvations-telegram-chat-parser/personal.json", name: "otherperson", chatType: .personalChat,
              chatID: 5_555_555_555, messages: 0, services: 0),
        .init(path: "innerdvations-telegram-chat-parser/private_channel.json", name: "test",
              chatType: .privateChannel, chatID: 10_036_995_664, messages: 5, services: 2, firstID: 1, lastID: 7),
        .init(path: "innerdvations-telegram-chat-parser/public_channel.json", name: "test", chatType: .publicChannel,
              chatID: 44_444_444_444, messages: 5, services: 2, firstID: 1, lastID: 7),
        .init(path: "innerdvations-telegram-chat-parser/private_group.json", name: "test", chatType: .privateGroup,
              chatID: 9_999_999_999, messages: 1, services: 1, firstID: 321_550, lastID: 321_551),
        .init(path: "innerdvations-telegram-chat-parser/public_supergroup.json", name: "test",
              chatType: .publicSupergroup, chatID: 9_888_888_888, messages: 1, services: 3,
              firstID: -999_678_450, lastID: 1),
        .init(path: "innerdvations-telegram-chat-parser/saved.json", name: nil, chatType: .savedMessages,
              chatID: 9_999_999_999, messages: 20, services: 1, firstID: 173_429, lastID: 8),
        .init(path: "innerdvations-telegram-chat-parser/users_test.json", name: nil, chatType: .savedMessages,
              chatID: 1, messages: 8, services: 1, firstID: 100, lastID: 900),
        .init(path: "roboteam-telegram-json-ui/result.json", name: "Test 2022", chatType: .privateGroup,
              chatID: 123_456_789, messages: 8, services: 4, firstID: 426_593, lastID: 428_649),
        .init(path: "tkonverter/result.json", name: "Alice Example", chatType: .personalChat, chatID: 10001,
              messages: 25, services: 61, unsupported: 1, firstID: 1, lastID: 86),
        .init(path: "tkonverter/result_group.json", name: "Team Chat", chatType: .privateGroup, chatID: 20001,
              messages: 23, services: 21, unsupported: 1, firstID: 1, lastID: 44),
    ]
}

@Suite("Telegram Desktop export reader")
struct DesktopExportReaderTests {
    @Test("every valid fixture parses with the right header and counts", arguments: ExportFixtureExpectation.all)
    func fixtureParses(_ expected: ExportFixtureExpectation) async throws {
        let reader = try ExportTestSupport.reader(expected.path)
        let header = try reader.readHeader()
        #expect(header.name == expected.name)
        #expect(header.chatType == expected.chatType)
        #expect(header.id == expected.chatID)

        let log = ProgressLog()
        let posts = try await ExportTestSupport.collect(reader, progress: log.callback)
        #expect(posts.count(where: { !$0.isService }) == expected.messages)
        #expect(posts.count(where: \.isService) == expected.services)
        #expect(posts.first?.messageID == expected.firstID)
        #expect(posts.last?.messageID == expected.lastID)
        #expect(posts.allSatisfy { $0.postedAt > Date(timeIntervalSince1970: 1_577_836_800) })
        #expect(posts.filter(\.isService).allSatisfy { $0.mediaKind == nil && $0.poll == nil })

        let last = try #require(log.values.last)
        #expect(last.isFinished)
        #expect(last.bytesProcessed == last.totalBytes)
        #expect(last.messagesRead == expected.messages + expected.services + expected.unsupported)
        #expect(last.unsupportedSkipped == expected.unsupported)
    }

    @Test("2021 saved messages: text arrays, entities, media, forwards, polls")
    func oldFormatSavedMessages() async throws {
        let posts = try await ExportTestSupport.collect(
            ExportTestSupport.reader("innerdvations-telegram-chat-parser/saved.json"))

        let photo = try #require(posts.exportPost(173_429))
        #expect(photo.mediaKind == .photo)
        #expect(photo.text == "I'm a photo message sent straight to saved.")
        #expect(ExportTestSupport.unixTime(photo.postedAt) == 1_596_319_309)
        #expect(photo.author == "Ben")

        let formatted = try #require(posts.exportPost(173_430))
        #expect(formatted.text
            == "bold italic strikethrough underline @person http://google.com monospace http://mystery.knightlab.com/")
        #expect(formatted.entities == [
            TextEntity(type: "bold", offset: 0, length: 4),
            TextEntity(type: "italic", offset: 5, length: 6),
            TextEntity(type: "strikethrough", offset: 12, length: 13),
            TextEntity(type: "underline", offset: 26, length: 9),
            TextEntity(type: "mention", offset: 36, length: 7),
            TextEntity(type: "text_link", offset: 44, length: 17, url: "http://google.com/"),
            TextEntity(type: "code", offset: 62, length: 9),
            TextEntity(type: "url", offset: 72, length: 29),
        ])
        #expect(formatted.links == ["http://google.com/", "http://mystery.knightlab.com/"])

        #expect(posts.exportPost(176_390)?.forwardedFrom == "Other Person")
        #expect(posts.exportPost(323_662)?.forwardedFrom == "ForwardedFrom Person")
        #expect(posts.exportPost(183_290)?.forwardedFrom == nil)
        #expect(posts.exportPost(207_958)?.mediaKind == .animation)
        #expect(posts.exportPost(217_584)?.mediaKind == .voice)
        #expect(posts.exportPost(278_329)?.mediaKind == .sticker)
        #expect(posts.exportPost(278_329)?.text == "DoNotChange")
        #expect(posts.exportPost(318_170)?.mediaKind == .video)
        #expect(posts.exportPost(233_144)?.text == "\"quoted text\"")
        #expect(posts.exportPost(183_290)?.mediaKind == nil)

        let poll = try #require(posts.exportPost(6))
        #expect(poll.mediaKind == .poll)
        #expect(poll.poll == Poll(question: "quiz poll", options: ["option 1", "option 2", "option 3"], totalVoters: 1))
        #expect(posts.exportPost(7)?.replyToMessageID == 6)
        let pin = try #require(posts.exportPost(4))
        #expect(pin.isService && pin.serviceAction == "pin_message" && pin.author == "test")
    }

    @Test("2021 channel: UTC dates, replies, service actions, negative ids")
    func oldFormatChannel() async throws {
        let posts = try await ExportTestSupport.collect(
            ExportTestSupport.reader("innerdvations-telegram-chat-parser/private_channel.json"))
        #expect(posts.map(\.messageID) == [1, 2, 3, 4, 5, 6, 7])
        #expect(posts.filter(\.isService).map(\.serviceAction) == ["create_channel", "pin_message"])
        #expect(ExportTestSupport.unixTime(posts.exportPost(2)?.postedAt) == 1_616_433_396)
        #expect(posts.exportPost(3)?.replyToMessageID == 2)
        #expect(posts.exportPost(2)?.replyToMessageID == nil)
        #expect(posts.exportPost(5)?.poll?.options == ["option 1", "option 2"])

        let supergroup = try await ExportTestSupport.collect(
            ExportTestSupport.reader("innerdvations-telegram-chat-parser/public_supergroup.json"))
        #expect(supergroup.map(\.messageID) == [-999_678_450, -999_678_449, -999_675_685, 1])
        #expect(supergroup.compactMap(\.serviceAction)
            == ["create_group", "migrate_to_supergroup", "migrate_from_group"])
    }

    @Test("2022 group: Cyrillic names, bold/spoiler/link/code/pre parts, media kinds")
    func format2022() async throws {
        let posts = try await ExportTestSupport.collect(
            ExportTestSupport.reader("roboteam-telegram-json-ui/result.json"))
        let created = try #require(posts.exportPost(426_593))
        #expect(created.isService && created.serviceAction == "create_group")
        #expect(created.author == "Александр Март")

        let ids = try #require(posts.exportPost(426_597))
        #expect(ids.text == "Your user ID: 123456789\nCurrent chat ID: -123456789")
        #expect(ids.entities == [
            TextEntity(type: "bold", offset: 14, length: 9), TextEntity(type: "bold", offset: 41, length: 10),
        ])

        let rich = try #require(posts.exportPost(428_640))
        #expect(rich.mediaKind == .photo)
        #expect(rich.text.utf16.count == 414)
        #expect(rich.entities.map(\.type) == ["italic", "spoiler", "spoiler", "url", "url", "code", "pre", "pre"])
        #expect(rich.entities.map(\.offset) == [30, 56, 110, 191, 243, 267, 291, 328])
        #expect(rich.entities.allSatisfy { $0.language == nil && $0.url == nil })
        #expect(rich.links == ["http://www.example.com/", "tg://user?id=123456789)"])
        #expect(ExportTestSupport.unixTime(rich.postedAt) == 1_648_001_530)

        #expect(posts.exportPost(428_645)?.mediaKind == .voice)
        #expect(posts.exportPost(428_647)?.mediaKind == .animation)
        #expect(posts.exportPost(428_648)?.mediaKind == .sticker)
        #expect(posts.exportPost(428_649)?.mediaKind == .document)
        #expect(posts.exportPost(428_649)?.text == "asdf")
    }

    @Test("2026 personal chat: text_entities, edits, forwards, every media kind, services")
    func format2026() async throws {
        let posts = try await ExportTestSupport.collect(ExportTestSupport.reader("tkonverter/result.json"))
        let first = try #require(posts.exportPost(1))
        #expect(first.text == "Baseaj text with @alice and link")
        #expect(first.entities == [
            TextEntity(type: "bold", offset: 0, length: 6),
            TextEntity(type: "mention", offset: 17, length: 6),
            TextEntity(type: "text_link", offset: 28, length: 4, url: "https://example.org"),
        ])
        #expect(ExportTestSupport.unixTime(first.postedAt) == 1_769_936_400)
        #expect(first.editedAt == nil)

        let second = try #require(posts.exportPost(2))
        #expect(ExportTestSupport.unixTime(second.editedAt) == 1_769_936_580)
        #expect(second.replyToMessageID == 1)
        #expect(second.forwardedFrom == "Channel News")
        #expect(second.author == "Alice Example")

        let kinds: [Int64: MediaKind?] = [
            3: .photo, 4: .sticker, 5: .videoNote, 6: .voice, 7: .animation, 8: .video, 9: .audio, 10: .contact,
            11: .location, 12: nil, 13: .venue, 14: .venue, 15: .game, 16: .invoice, 17: .poll, 18: .other,
            19: .other, 20: .other, 21: .other, 22: .document,
        ]
        for (id, kind) in kinds.sorted(by: { $0.key < $1.key }) {
            #expect(posts.exportPost(id)?.mediaKind == kind, "message \(id)")
        }
        #expect(posts.exportPost(17)?.poll
            == Poll(question: "Best language?", options: ["C++", "Rust"], totalVoters: 12))
        #expect(posts.exportPost(23)?.serviceAction == "custom_action")
        #expect(posts.exportPost(33)?.serviceAction == "pin_message")
        let noAction = try #require(posts.exportPost(41))
        #expect(noAction.isService && noAction.serviceAction == nil)
        #expect(posts.exportPost(87) == nil)
        #expect(ExportTestSupport.unixTime(posts.exportPost(84)?.postedAt) == 1_767_225_000)
    }

    @Test("2026 group: string voter counts, empty text_entities, author, mentions")
    func format2026Group() async throws {
        let posts = try await ExportTestSupport.collect(ExportTestSupport.reader("tkonverter/result_group.json"))
        #expect(posts.exportPost(9)?.poll == Poll(
            question: "Best time for meeting?", options: ["Morning", "Afternoon", "Evening"], totalVoters: 3))
        #expect(posts.exportPost(7)?.text == "Welcome everyone!")
        #expect(posts.exportPost(7)?.entities == [])
        let forwarded = try #require(posts.exportPost(25))
        #expect(forwarded.author == "Admin" && forwarded.forwardedFrom == "Public Channel")
        #expect(posts.exportPost(26)?.replyToMessageID == 7)
        #expect(posts.exportPost(34)?.entities == [
            TextEntity(type: "mention", offset: 19, length: 6), TextEntity(type: "mention", offset: 30, length: 4),
        ])
        #expect(posts.exportPost(30)?.mediaKind == .document)
    }

    @Test("entity offsets count UTF-16 units after emoji and Cyrillic", arguments: ["text", "text_entities"])
    func unicodeOffsets(field: String) async throws {
        let oldStyle = """
            "text": ["Привет 👋🏽 ", {"type": "bold", "text": "жирный"}, " и ",
              {"type": "text_link", "text": "ссылка 🔗", "href": "https://example.com/ü"}, "\\n",
              {"type": "pre", "text": "let x = 1", "language": "swift"},
              {"type": "custom_emoji", "text": "🔥", "document_id": "5"}]
            """
        let newStyle = """
            "text": "stale", "text_entities": [{"type": "plain", "text": "Привет 👋🏽 "},
              {"type": "bold", "text": "жирный"}, {"type": "plain", "text": " и "},
              {"type": "text_link", "text": "ссылка 🔗", "href": "https://example.com/ü"},
              {"type": "plain", "text": "\\n"}, {"type": "pre", "text": "let x = 1", "language": "swift"},
              {"type": "custom_emoji", "text": "🔥", "document_id": "5"}]
            """
        let json = """
            {"type": "public_channel", "id": 1, "messages": [
              {"id": 1, "type": "message", "date": "2026-01-01T00:00:00", \(field == "text" ? oldStyle : newStyle)}]}
            """
        let post = try #require(try await ExportTestSupport.collect(json: json).first)
        #expect(post.text == "Привет 👋🏽 жирный и ссылка 🔗\nlet x = 1🔥")
        #expect(post.entities == [
            TextEntity(type: "bold", offset: 12, length: 6),
            TextEntity(type: "text_link", offset: 21, length: 9, url: "https://example.com/ü"),
            TextEntity(type: "pre", offset: 31, length: 9, language: "swift"),
            TextEntity(type: "custom_emoji", offset: 40, length: 2),
        ])
        #expect(post.links == ["https://example.com/ü"])
        #expect(ExportTestSupport.unixTime(post.postedAt) == 1_767_225_600)
    }

    @Test("headers: saved messages without name, fields after messages, directories")
    func headers() throws {
        let saved = try ExportTestSupport.reader("innerdvations-telegram-chat-parser/saved.json").readHeader()
        #expect(saved == DesktopExportHeader(
            name: nil, chatType: .savedMessages, id: 9_999_999_999,
            fields: ["type": .string("saved_messages"), "id": .integer(9_999_999_999)]))

        let late = try ExportTestSupport.temporaryFile(
            #"{"messages": [{"id": 1}], "name": "Late \"News\"", "type": "public_channel", "id": 42, "extra": [1]}"#)
        defer { ExportTestSupport.remove(late) }
        let header = try DesktopExportReader(url: late).readHeader()
        #expect(header.name == "Late \"News\"" && header.chatType == .publicChannel && header.id == 42)
        #expect(header.chatType?.isChannel == true)
        #expect(DesktopExportChatType(rawValue: "private_supergroup") == .privateSupergroup)
        #expect(DesktopExportChatType(rawValue: "forum").rawValue == "forum")

        let byDirectory = try DesktopExportReader(path: late.deletingLastPathComponent().path)
        #expect(byDirectory.fileURL.lastPathComponent == "result.json")
        #expect(try byDirectory.readHeader().id == 42)
    }

    @Test("local dates are read as UTC and impossible dates are rejected")
    func localDates() {
        #expect(DesktopExportDate.parseLocal("2026-02-01T09:00:00")?.timeIntervalSince1970 == 1_769_936_400)
        #expect(DesktopExportDate.parseLocal("2024-02-29T23:59:59Z")?.timeIntervalSince1970 == 1_709_251_199)
        #expect(DesktopExportDate.parseLocal("1970-01-01T00:00:00")?.timeIntervalSince1970 == 0)
        #expect(DesktopExportDate.parseLocal("1969-12-31T23:59:59")?.timeIntervalSince1970 == -1)
        for bad in ["2021-02-29T00:00:00", "2021-13-01T00:00:00", "2021-01-01T24:00:00", "yesterday", "2021-01-01"] {
            #expect(DesktopExportDate.parseLocal(bad) == nil, "\(bad)")
        }
    }
}
