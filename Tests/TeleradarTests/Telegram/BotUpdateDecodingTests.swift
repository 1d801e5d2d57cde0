import Foundation
import Testing
@testable import TeleradarTelegram

/// Hand-written updates following api.json (Bot API 10.1), as Telegram sends them.
enum BotUpdateSamples {
    static let command = #"""
    {"update_id":812345678,"message":{"message_id":1201,"from":{"id":5123456789,"is_bot":false,"first_name":"Анна","last_name":"Петрова","username":"anna_p","language_code":"ru","is_premium":true},"chat":{"id":5123456789,"first_name":"Анна","last_name":"Петрова","username":"anna_p","type":"private"},"date":1760000123,"text":"/search@teleradar_bot санкции 😀 нефть","entities":[{"offset":0,"length":21,"type":"bot_command"}]}}
    """#
    static let groupMessage = #"""
    {"update_id":812345679,"message":{"message_id":77,"message_thread_id":12,"from":{"id":42,"is_bot":false,"first_name":"Bob"},"chat":{"id":-1001987654321,"title":"Radar team","type":"supergroup","is_forum":true},"date":1760000200,"is_topic_message":true,"text":"see https://t.me/durov/1 #news","entities":[{"offset":4,"length":20,"type":"url"},{"offset":25,"length":5,"type":"hashtag"}],"link_preview_options":{"is_disabled":true}}}
    """#
    static let edited = #"""
    {"update_id":812345680,"edited_message":{"message_id":1201,"from":{"id":5123456789,"is_bot":false,"first_name":"Анна"},"chat":{"id":5123456789,"first_name":"Анна","type":"private"},"date":1760000123,"edit_date":1760000300,"text":"/digest","entities":[{"offset":0,"length":7,"type":"bot_command"}]}}
    """#
    static let callback = #"""
    {"update_id":812345681,"callback_query":{"id":"4382bfdwdsb323b2d9","from":{"id":5123456789,"is_bot":false,"first_name":"Анна","language_code":"ru"},"message":{"message_id":1300,"from":{"id":123456789,"is_bot":true,"first_name":"Teleradar","username":"teleradar_bot"},"chat":{"id":5123456789,"first_name":"Анна","type":"private"},"date":1760000400,"text":"Подписаться на канал?","reply_markup":{"inline_keyboard":[[{"text":"Да","callback_data":"sub:1001234567890"},{"text":"Открыть","web_app":{"url":"https://radar.example/app"}}]]}},"chat_instance":"-8470713251834419310","data":"sub:1001234567890"}}
    """#
    static let inaccessibleCallback = #"""
    {"update_id":812345682,"callback_query":{"id":"99","from":{"id":7,"is_bot":false,"first_name":"Old"},"message":{"chat":{"id":7,"first_name":"Old","type":"private"},"message_id":3,"date":0},"chat_instance":"123","data":"page:2"}}
    """#
    static let myChatMember = #"""
    {"update_id":812345683,"my_chat_member":{"chat":{"id":5123456789,"first_name":"Анна","type":"private"},"from":{"id":5123456789,"is_bot":false,"first_name":"Анна"},"date":1760000500,"old_chat_member":{"user":{"id":123456789,"is_bot":true,"first_name":"Teleradar","username":"teleradar_bot"},"status":"member"},"new_chat_member":{"user":{"id":123456789,"is_bot":true,"first_name":"Teleradar","username":"teleradar_bot"},"status":"kicked","until_date":0}}}
    """#
    static let channelPost = #"""
    {"update_id":812345684,"channel_post":{"message_id":9001,"sender_chat":{"id":-1001234567890,"title":"Новости","username":"news_ru","type":"channel"},"chat":{"id":-1001234567890,"title":"Новости","username":"news_ru","type":"channel"},"date":1760000600,"caption":"Фото дня","caption_entities":[{"offset":0,"length":4,"type":"bold"}],"photo":[{"file_id":"AgAD","file_unique_id":"AQAD","width":90,"height":60,"file_size":1200}]}}
    """#
    static let unmodelled = #"""
    {"update_id":812345685,"poll_answer":{"poll_id":"5","user":{"id":1,"is_bot":false,"first_name":"A"},"option_ids":[0],"option_persistent_ids":["a"]}}
    """#
    static let all = [command, groupMessage, edited, callback, inaccessibleCallback, myChatMember, channelPost, unmodelled]
}

@Suite("Bot API update decoding")
struct BotUpdateDecodingTests {
    func decode(_ json: String) throws -> BotAPI.Update {
        try JSONDecoder().decode(BotAPI.Update.self, from: Data(json.utf8))
    }

    @Test("samples follow api.json", arguments: BotUpdateSamples.all)
    func samplesAreSpecValid(_ json: String) throws {
        let problems = try BotAPISpec.loaded().violations(value: try TestJSON.parse(json), type: "Update")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func privateCommand() throws {
        let update = try decode(BotUpdateSamples.command)
        #expect(update.updateID == 812_345_678)
        #expect(update.kind == .message)
        let message = try #require(update.message)
        #expect(message.messageID == 1_201)
        #expect(message.chat.isPrivate)
        #expect(message.from?.languageCode == "ru")
        #expect(message.from?.isPremium == true)
        #expect(message.entities == [BotAPI.MessageEntity(type: "bot_command", offset: 0, length: 21)])
        let command = try #require(message.command)
        #expect(command == BotCommandInvocation(name: "search", botUsername: "teleradar_bot", arguments: "санкции 😀 нефть"))
        #expect(command.isAddressed(to: "Teleradar_Bot"))
        #expect(!command.isAddressed(to: "other_bot"))
        #expect(message.sentAt == Date(timeIntervalSince1970: 1_760_000_123))
    }

    @Test func groupMessageWithUTF16Entities() throws {
        let message = try #require(try decode(BotUpdateSamples.groupMessage).message)
        #expect(message.chat.id == -1_001_987_654_321)
        #expect(message.chat.chatID.isGroupLike)
        #expect(message.chat.isForum == true)
        #expect(message.messageThreadID == 12)
        #expect(message.command == nil)
        let text = try #require(message.text)
        #expect(message.entities?.compactMap { $0.substring(of: text) } == ["https://t.me/durov/1", "#news"])
    }

    @Test func entityOffsetsCountUTF16() {
        let entity = BotAPI.MessageEntity(type: "bold", offset: 3, length: 2)
        #expect(entity.substring(of: "😀 ab") == "ab")
        #expect(BotAPI.MessageEntity(type: "bold", offset: 1, length: 1).substring(of: "😀") == nil, "never cuts a surrogate pair")
        #expect(BotAPI.MessageEntity(type: "bold", offset: 4, length: 9).substring(of: "😀 ab") == nil)
    }

    @Test func editedMessage() throws {
        let update = try decode(BotUpdateSamples.edited)
        #expect(update.kind == .editedMessage)
        #expect(update.message == nil)
        #expect(update.editedMessage?.editDate == 1_760_000_300)
        #expect(update.editedMessage?.command?.name == "digest")
        #expect(update.editedMessage?.command?.arguments == "")
    }

    @Test func callbackQueryWithMessage() throws {
        let update = try decode(BotUpdateSamples.callback)
        #expect(update.kind == .callbackQuery)
        let query = try #require(update.callbackQuery)
        #expect(query.id == "4382bfdwdsb323b2d9")
        #expect(query.data == "sub:1001234567890")
        #expect(query.chatInstance == "-8470713251834419310")
        let message = try #require(query.message)
        #expect(message.isAccessible)
        #expect(message.from?.isBot == true)
        #expect(message.replyMarkup == BotAPI.InlineKeyboardMarkup([
            [.callback("Да", data: "sub:1001234567890"), .webApp("Открыть", url: "https://radar.example/app")],
        ]))
    }

    @Test func callbackQueryWithInaccessibleMessage() throws {
        let query = try #require(try decode(BotUpdateSamples.inaccessibleCallback).callbackQuery)
        let message = try #require(query.message)
        #expect(!message.isAccessible)
        #expect(message.messageID == 3)
        #expect(message.chat.id == 7)
    }

    @Test func myChatMemberIsDecodable() throws {
        let update = try decode(BotUpdateSamples.myChatMember)
        #expect(update.kind == .myChatMember)
        #expect(update.myChatMember?.oldChatMember.status == "member")
        #expect(update.myChatMember?.newChatMember.status == "kicked")
        #expect(update.myChatMember?.newChatMember.user.username == "teleradar_bot")
    }

    @Test func channelPostAndUnmodelledKinds() throws {
        let post = try decode(BotUpdateSamples.channelPost)
        #expect(post.kind == .channelPost)
        #expect(post.channelPost?.senderChat?.username == "news_ru")
        #expect(post.channelPost?.caption == "Фото дня")
        #expect(post.channelPost?.from == nil)
        let other = try decode(BotUpdateSamples.unmodelled)
        #expect(other.updateID == 812_345_685)
        #expect(other.kind == nil)
    }

    @Test func getUpdatesEnvelopeThroughTheClient() async throws {
        let body = #"{"ok":true,"result":["# + BotUpdateSamples.all.joined(separator: ",") + "]}"
        let transport = FakeBotAPITransport([.json(status: 200, body)])
        let client = BotAPIClient(token: "1:x", transport: transport)
        let updates = try await client.getUpdates(offset: 812_345_678, timeout: 0)
        #expect(updates.map(\.updateID) == Array(812_345_678...812_345_685))
        #expect(updates.map(\.kind) == [.message, .message, .editedMessage, .callbackQuery, .callbackQuery, .myChatMember, .channelPost, nil])
    }

    /// Encodes a value with every modelled field set, so a misspelt JSON key shows up as an unknown field.
    @Test func everyModelledFieldExistsInTheSpec() throws {
        let spec = try BotAPISpec.loaded()
        let user = BotAPI.User(
            id: 1, isBot: true, firstName: "A", lastName: "B", username: "ab_bot", languageCode: "en", isPremium: false,
            canJoinGroups: true, canReadAllGroupMessages: false, hasMainWebApp: true)
        let chat = BotAPI.Chat(id: -100, type: "supergroup", title: "T", username: "t", firstName: "F", lastName: "L", isForum: true)
        var message = BotAPI.Message(messageID: 1, date: 2, chat: chat, from: user, text: "/x",
                                     entities: [BotAPI.MessageEntity(type: "pre", offset: 0, length: 2, url: "https://e.example", user: user, language: "swift")])
        message.messageThreadID = 3
        message.senderChat = chat
        message.editDate = 4
        message.isTopicMessage = true
        message.mediaGroupID = "m"
        message.caption = "c"
        message.captionEntities = []
        message.newChatMembers = [user]
        message.leftChatMember = user
        message.migrateToChatID = -1_001
        message.migrateFromChatID = -1
        message.webAppData = BotAPI.WebAppData(data: "d", buttonText: "b")
        message.replyMarkup = BotAPI.InlineKeyboardMarkup([[.callback("a", data: "b"), .url("u", url: "https://e.example"),
                                                            .webApp("w", url: "https://e.example"), .copy("c", value: "v")]])
        var query = BotAPI.CallbackQuery(id: "q", from: user, message: message, chatInstance: "ci", data: "d")
        query.inlineMessageID = "i"
        query.gameShortName = "g"
        let member = BotAPI.ChatMemberUpdated(
            chat: chat, from: user, date: 5,
            oldChatMember: BotAPI.ChatMember(status: "member", user: user),
            newChatMember: BotAPI.ChatMember(status: "member", user: user))
        let update = BotAPI.Update(updateID: 1, message: message, editedMessage: message, channelPost: message,
                                   editedChannelPost: message, callbackQuery: query, myChatMember: member)
        let json = try TestJSON.parse(String(decoding: try JSONEncoder().encode(update), as: UTF8.self))
        let problems = spec.violations(value: json, type: "Update")
        #expect(problems.isEmpty, "\(problems)")
        let preview = try TestJSON.parse(String(decoding: try JSONEncoder().encode(BotAPI.LinkPreviewOptions(
            isDisabled: false, url: "https://e.example", preferSmallMedia: true, preferLargeMedia: false, showAboveText: true)), as: UTF8.self))
        #expect(spec.violations(value: preview, type: "LinkPreviewOptions").isEmpty)
        let reply = try TestJSON.parse(String(decoding: try JSONEncoder().encode(BotAPI.ReplyParameters(
            messageID: 1, chatID: .username("@x"), allowSendingWithoutReply: true)), as: UTF8.self))
        #expect(spec.violations(value: reply, type: "ReplyParameters").isEmpty)
        #expect(!spec.violations(value: .object(["update_id": .int(1), "mesage": .object([:])]), type: "Update").isEmpty)
    }

    @Test func missingRequiredFieldFails() {
        #expect(throws: DecodingError.self) {
            try decode(#"{"update_id":1,"message":{"message_id":1,"date":1}}"#)
        }
    }
}
