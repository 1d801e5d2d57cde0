import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

/// Spot-checks of `WebPreviewParser` against real saved t.me/s pages (apkawa/rust-any2feed fixtures, MIT).
@Suite("t.me/s web preview parser — real pages")
struct WebPreviewParserTests {
    /// One expected post of full.html (t.me/s/topwar_official, 2023-02-28).
    struct ExpectedPost: Sendable, CustomStringConvertible {
        let id: Int64
        let date: String
        let views: Int
        let forwardedFrom: String?
        let media: MediaKind?
        let textStart: String
        var description: String { "post \(id)" }
    }

    static let fullPagePosts: [ExpectedPost] = [
        .init(id: 70989, date: "2023-02-28T07:47:53Z", views: 37_200, forwardedFrom: nil, media: .photo,
              textStart: "В Санкт-Петербурге в небо над городом подняли истребители"),
        .init(id: 70990, date: "2023-02-28T08:09:50Z", views: 34_500, forwardedFrom: nil, media: nil,
              textStart: "Власти Петербурга подтвердили, что аэропорт Пулково"),
        .init(id: 70992, date: "2023-02-28T08:51:58Z", views: 33_800, forwardedFrom: nil, media: .photo,
              textStart: "Сегодня ночью в Республике Адыгея упал"),
        .init(id: 70995, date: "2023-02-28T08:54:50Z", views: 33_600, forwardedFrom: nil, media: nil,
              textStart: "План \"Ковер\" отменен, небо над Санкт-Петербургом"),
        .init(id: 70996, date: "2023-02-28T09:06:02Z", views: 32_900, forwardedFrom: "Военкор Ярем", media: nil,
              textStart: "Информация о том, что подразделения ЧВК «Вагнер»"),
        .init(id: 70997, date: "2023-02-28T10:00:03Z", views: 30_300, forwardedFrom: nil, media: nil,
              textStart: "Минобороны России сообщило, что дежурными"),
        .init(id: 70998, date: "2023-02-28T10:29:08Z", views: 29_000, forwardedFrom: "БелВПО", media: .photo,
              textStart: "Новые ракетные корабли ВМФ РФ с Калибрами вышли на учения в Балтийское море\n\nМалые"),
        .init(id: 70999, date: "2023-02-28T10:43:08Z", views: 28_700, forwardedFrom: nil, media: nil,
              textStart: "Ночью ВСУ предприняли попытку"),
        .init(id: 71000, date: "2023-02-28T10:52:36Z", views: 28_700, forwardedFrom: nil, media: .photo,
              textStart: "Последствия ночного удара"),
        .init(id: 71006, date: "2023-02-28T12:48:58Z", views: 17_200, forwardedFrom: "Старше Эдды", media: .video,
              textStart: "Кратко по фронту Сватово-Кременная"),
        .init(id: 71007, date: "2023-02-28T13:02:00Z", views: 16_800, forwardedFrom: "Пул N3", media: .video,
              textStart: "Путин – о приоритетах ФСБ в 2023 году"),
        .init(id: 71008, date: "2023-02-28T13:14:03Z", views: 14_900, forwardedFrom: "ImpNavigator", media: .video,
              textStart: "Подземные тоннели для укрытия"),
    ]

    private func fullPage() throws -> WebPreviewPage {
        try WebPreviewParser.parse(html: try WebPreviewFixtures.html("full.html"), expectedChannel: "topwar_official")
    }

    @Test("full.html: 12 posts in page order, cursor, channel header")
    func fullPageShape() throws {
        let page = try fullPage()
        #expect(page.posts.map(\.post.messageID) == Self.fullPagePosts.map(\.id))
        #expect(page.olderCursor == 70989)
        #expect(page.skipped.isEmpty)
        #expect(page.channel.username == "topwar_official")
        #expect(page.channel.title == "Военное обозрение")
        #expect(page.channel.subscriberCount == 109_000)
        #expect(page.channel.avatarURL?.hasPrefix("https://cdn4.telegram-cdn.org/file/rdlhZu1d4HGvG3QGKRi9") == true)
        #expect(page.channel.description?.hasPrefix("Официальный канал сайта topwar.ru\n\nДля обратной связи: @topwar_feedlback_bot") == true)
        #expect(page.posts.allSatisfy { $0.channelUsername == "topwar_official" })
        #expect(page.posts.allSatisfy { !$0.post.isService && $0.post.author == nil && !$0.isEdited })
        #expect(page.posts.first?.url == "https://t.me/topwar_official/70989")
    }

    @Test("full.html: per-post date (UTC), views, forward, media, text", arguments: fullPagePosts)
    func fullPagePost(expected: ExpectedPost) throws {
        let page = try fullPage()
        let post = try #require(page.posts.first { $0.post.messageID == expected.id }).post
        #expect(post.postedAt == WebPreviewFixtures.utc(expected.date))
        #expect(post.editedAt == nil)
        #expect(post.views == expected.views)
        #expect(post.forwardedFrom == expected.forwardedFrom)
        #expect(post.mediaKind == expected.media)
        #expect(post.text.hasPrefix(expected.textStart), "text was: \(post.text.prefix(120))")
        #expect(post.text == post.text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(!post.text.contains("  \n") && !post.text.contains("\n "), "source indentation leaked into text")
        #expect((post.linkPreview != nil) == (expected.id == 70996))
    }

    @Test("full.html 70996: text_link and mention entities at UTF-16 offsets, link preview")
    func linkAndMentionEntities() throws {
        let post = try #require(try fullPage().posts.first { $0.post.messageID == 70996 }).post
        let link = try #require(post.entities.first { $0.type == "text_link" })
        #expect(link.offset == 80)
        #expect(link.offset == WebPreviewFixtures.utf16Offset(of: "на расстояние 180 метров", in: post.text))
        #expect(link.length == "на расстояние 180 метров".utf16.count)
        #expect(link.url == "https://t.me/infantmilitario/93419")
        let mention = try #require(post.entities.first { $0.type == "mention" })
        #expect(post.text.hasSuffix("стелы с МиГ-17.\n\n@yaremshooter"))
        #expect(mention.offset == post.text.utf16.count - "@yaremshooter".utf16.count)
        #expect(mention.length == 13)
        #expect(post.entities.count == 2)
        #expect(post.linkPreview == LinkPreview(
            url: "http://t.me/infantmilitario/93419", siteName: "Telegram", title: "Милитарист",
            description: "Сообщают, что стелу с истребителем МиГ-17ПФ в центре Бахмута и передовые подразделения ЧВК «Вагнера» разделяют 180 метров"))
        #expect(post.links == ["https://t.me/infantmilitario/93419", "http://t.me/infantmilitario/93419"])
    }

    @Test("full.html 70997/70998: bold entities and decoded &quot;")
    func boldEntities() throws {
        let posts = try fullPage().posts
        let first = try #require(posts.first { $0.post.messageID == 70997 }).post
        #expect(first.entities.map(\.type) == ["bold", "bold"])
        #expect(first.entities.first?.offset == 86)
        #expect(first.entities.first?.length == "проведена тренировка ".utf16.count)
        let second = try #require(posts.first { $0.post.messageID == 70998 }).post
        let bold = try #require(second.entities.first)
        #expect(bold.type == "bold" && bold.offset == 0)
        #expect(bold.length == "Новые ракетные корабли ВМФ РФ с Калибрами вышли на учения в Балтийское море\n\n".utf16.count)
        #expect(second.text.contains("проектов 22800 \"Каракурт\" и 21631 \"Буян-М\""))
    }

    /// One message_*.html fixture and what it must yield.
    struct MessageCase: Sendable, CustomStringConvertible {
        let file: String
        let id: Int64
        let channel: String
        let media: MediaKind?
        let views: Int
        let date: String
        var description: String { file }
    }

    static let messageCases: [MessageCase] = [
        .init(file: "message_text.html", id: 70991, channel: "topwar_official", media: nil, views: 33_400, date: "2023-02-28T08:48:01Z"),
        .init(file: "message_link_preview.html", id: 22360, channel: "oper_goblin", media: nil, views: 226_200, date: "2023-02-27T07:33:14Z"),
        .init(file: "message_link_preview_text_only.html", id: 22368, channel: "oper_goblin", media: nil, views: 246_800, date: "2023-02-27T15:08:05Z"),
        .init(file: "message_link_preview_video.html", id: 11226, channel: "fighter_bomber", media: nil, views: 69_400, date: "2023-03-01T07:37:02Z"),
        .init(file: "message_media_file.html", id: 16936, channel: "oper_goblin", media: .document, views: 171_900, date: "2022-08-03T19:31:10Z"),
        .init(file: "message_media_forwarded_from.html", id: 22358, channel: "oper_goblin", media: .photo, views: 214_400, date: "2023-02-27T07:20:50Z"),
        .init(file: "message_media_photo_and_video.html", id: 46908, channel: "anna_news", media: .video, views: 59_500, date: "2023-02-28T06:48:36Z"),
        .init(file: "message_media_round_video.html", id: 3495, channel: "bolshiepushki", media: .videoNote, views: 54_200, date: "2023-03-01T09:35:31Z"),
        .init(file: "message_poll.html", id: 488, channel: "it_begin", media: .poll, views: 1_100, date: "2023-02-27T16:21:02Z"),
        .init(file: "message_sticker.html", id: 5, channel: "channel", media: .sticker, views: 1, date: "2023-03-01T08:01:50Z"),
        .init(file: "message_voice.html", id: 939, channel: "oper_goblin", media: .voice, views: 746, date: "2018-04-24T15:28:46Z"),
        .init(file: "message_with_from_author.html", id: 4, channel: "channel", media: nil, views: 1, date: "2023-02-28T16:38:34Z"),
    ]

    @Test("message_*.html: id, channel, media kind, views, date", arguments: messageCases)
    func messageFixture(expected: MessageCase) throws {
        let html = try WebPreviewFixtures.html(expected.file)
        let post = try WebPreviewParser.parseMessage(html: html)
        #expect(post.messageID == expected.id)
        #expect(post.mediaKind == expected.media)
        #expect(post.views == expected.views)
        #expect(post.postedAt == WebPreviewFixtures.utc(expected.date))
        // The same HTML as a "page": no header, one message → a one-post page named after the post's channel.
        let page = try WebPreviewParser.parse(html: html, expectedChannel: nil)
        #expect(page.posts.map(\.post) == [post])
        #expect(page.posts.first?.channelUsername == expected.channel)
        #expect(page.channel.username == expected.channel)
        #expect(page.olderCursor == nil)
    }

    @Test("message_poll.html: question, options, voters; no text")
    func poll() throws {
        let post = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_poll.html"))
        #expect(post.poll == Poll(question: "Как лучше?",
                                  options: ["Несколько постов в день", "Один пост в несколько дней", "Свой вариант в комментарии"],
                                  totalVoters: 222))
        #expect(post.text.isEmpty && post.entities.isEmpty)
    }

    @Test("message_sticker.html / message_with_from_author.html: signed posts keep the author")
    func fromAuthor() throws {
        let sticker = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_sticker.html"))
        #expect(sticker.author == "🅰️User")
        #expect(sticker.text.isEmpty)
        let signed = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_with_from_author.html"))
        #expect(signed.author == "🅰️rkadiy Ivanov")
        #expect(signed.text == "test")
        #expect(signed.entities.isEmpty)
    }

    @Test("message_voice.html: voice, forward without link, mentions after <br>")
    func voice() throws {
        let post = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_voice.html"))
        #expect(post.forwardedFrom == "Спортивный Екб")
        #expect(post.text.hasPrefix("Обсудили:\n\n- Сталина не забыть\n- Плохие фильмы\n"))
        #expect(post.text.hasSuffix("Слушайте: @kakberadio\nПишите нам: @kakberadiobot"))
        #expect(post.entities.map(\.type) == ["mention", "mention"])
        #expect(post.entities.last?.offset == WebPreviewFixtures.utf16Offset(of: "@kakberadiobot", in: post.text))
    }

    @Test("message_media_file.html: document with caption, forwarded")
    func document() throws {
        let post = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_media_file.html"))
        #expect(post.forwardedFrom == "Кремлёвская прачка")
        #expect(post.text == "Центр изучения новых коммуникаций подготовил исследование: «Оппозиционные проекты, запущенные или получившие дополнительное финансирование на фоне СВО»")
    }

    @Test("message_link_preview*.html: url entity over the whole text and preview fields")
    func linkPreviews() throws {
        let plain = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_link_preview.html"))
        #expect(plain.text == "https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/")
        #expect(plain.entities == [TextEntity(type: "url", offset: 0, length: plain.text.utf16.count)])
        #expect(plain.linkPreview?.siteName == "Ваши новости — интернет-газета")
        #expect(plain.linkPreview?.title == "Георгий Зотов: ОККУПАЦИЯ ВОЛОСАТЫМ КРАБОМ")
        #expect(plain.linkPreview?.description?.hasSuffix("Выглядит сие довольно жалко…") == true)
        #expect(plain.links == ["https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/"])

        let textOnly = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_link_preview_text_only.html"))
        let address = "http://publication.pravo.gov.ru/Document/View/0001202302270011?index=7&rangeSize=1"
        #expect(textOnly.text == address)
        #expect(textOnly.linkPreview?.url == address)
        #expect(textOnly.linkPreview?.siteName == "publication.pravo.gov.ru")
        #expect(textOnly.linkPreview?.description == "Распоряжение Президента Российской Федерации от 27.02.2023 № 59-рп\n\"О поощрении\"")
    }

    @Test("message_link_preview_video.html: emoji shifts UTF-16 offsets; edited marker; preview video is not the post's media")
    func emojiAndEdited() throws {
        let html = try WebPreviewFixtures.html("message_link_preview_video.html")
        let post = try WebPreviewParser.parseMessage(html: html)
        #expect(post.text == "Жениться вам, барин, пора! 😁\n\nhttps://t.me/shalnyak/5410")
        #expect(post.entities == [TextEntity(type: "url", offset: 31, length: 26)])
        #expect(post.text.count == 30 + 26, "offset 31 is in UTF-16 units; the emoji is 2 of them but one Character")
        #expect(post.editedAt == post.postedAt)
        #expect(post.mediaKind == nil)
        #expect(post.linkPreview?.title == "Shalnyak")
        #expect(post.linkPreview?.description == "Дядь @fighter_bomber глянь!!!\nУ меня такааая разработка🔥\nДля чего пока не знаю, но жути наводит пздц как🤓")
        let page = try WebPreviewParser.parse(html: html, expectedChannel: "@fighter_bomber")
        #expect(page.posts.first?.isEdited == true)
    }

    @Test("message_media_photo_and_video.html: nested text div, hashtags, mention, bold")
    func albumCaption() throws {
        let post = try WebPreviewParser.parseMessage(html: try WebPreviewFixtures.html("message_media_photo_and_video.html"))
        #expect(post.text == "Ночью над Белгородом сбили 3 беспилотника\n\nОни упали на улицы города.\n\nСообщается, что на себе БПЛА несли взрывчатку из пластида.\n\n#Белгород #Беспилотники\n\n@anna_news")
        #expect(post.entities.map(\.type) == ["bold", "hashtag", "hashtag", "mention"])
        let hashtag = post.entities[1]
        #expect(hashtag.offset == WebPreviewFixtures.utf16Offset(of: "#Белгород", in: post.text))
        #expect(hashtag.length == 9)
        #expect(post.links.isEmpty)
    }

    /// A media fragment and the kind it must map to.
    struct FragmentCase: Sendable, CustomStringConvertible {
        let file: String
        let media: MediaKind?
        var description: String { file }
    }

    @Test("media fragments map to the right kind", arguments: [
        FragmentCase(file: "media_photo.html", media: .photo),
        FragmentCase(file: "media_video.html", media: .video),
        FragmentCase(file: "media_video_too_big.html", media: .video),
        FragmentCase(file: "media_video_gif.html", media: .animation),
        FragmentCase(file: "media_cicrle_video.html", media: .videoNote),
        FragmentCase(file: "poll.html", media: .poll),
        FragmentCase(file: "link_preview.html", media: nil),
        FragmentCase(file: "link_preview_video.html", media: nil),
    ])
    func fragment(expected: FragmentCase) throws {
        let html = WebPreviewFixtures.wrapped(fragment: try WebPreviewFixtures.html(expected.file))
        let post = try WebPreviewParser.parseMessage(html: html)
        #expect(post.mediaKind == expected.media)
        #expect(post.text.isEmpty, "media chrome such as 'VIEW IN TELEGRAM' must not leak into text: \(post.text)")
        #expect((post.linkPreview != nil) == expected.file.hasPrefix("link_preview"))
        #expect(post.views == 5)
    }
}
