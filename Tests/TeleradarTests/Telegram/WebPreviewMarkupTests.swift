import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

/// `WebPreviewParser` on hand-written markup: formatting entities, drifted (2026-style) layouts, service
/// messages, channel headers and typed errors.
@Suite("t.me/s web preview parser — synthetic markup")
struct WebPreviewMarkupTests {
    /// A one-message page with `textHTML` as the message text.
    private func post(text textHTML: String, extra: String = "") throws -> IncomingPost {
        try WebPreviewParser.parseMessage(html: WebPreviewFixtures.wrapped(
            fragment: "\(extra)<div class=\"tgme_widget_message_text js-message_text\" dir=\"auto\">\(textHTML)</div>"))
    }

    @Test("formatting tags map to Telegram entity types with UTF-16 offsets")
    func formattingEntities() throws {
        let post = try post(text: "😀 <b>жирный</b> <strong>s</strong> <i>курсив</i> <em>e</em> <u>u</u> <s>зачёркнуто</s> <del>d</del> <code>x = 1</code> <tg-spoiler>тайна</tg-spoiler> <span class=\"tg-spoiler\">ещё</span>")
        #expect(post.text == "😀 жирный s курсив e u зачёркнуто d x = 1 тайна ещё")
        let expected: [(String, String)] = [("bold", "жирный"), ("bold", "s"), ("italic", "курсив"), ("italic", "e"),
                                            ("underline", "u"), ("strikethrough", "зачёркнуто"), ("strikethrough", "d"),
                                            ("code", "x = 1"), ("spoiler", "тайна"), ("spoiler", "ещё")]
        #expect(post.entities.map(\.type) == expected.map(\.0))
        for (entity, (_, covered)) in zip(post.entities, expected) {
            #expect(entity.offset == WebPreviewFixtures.utf16Offset(of: covered, in: post.text))
            #expect(entity.length == covered.utf16.count)
        }
        #expect(post.entities.first?.offset == 3, "😀 is two UTF-16 units plus a space")
    }

    @Test("pre keeps whitespace and its language; nested entities are ordered outer first")
    func preAndNesting() throws {
        let post = try post(text: "Код:<br><pre><code class=\"language-swift\">let a = 1\n    print(a)</code></pre><b>жирный <i>и курсив</i></b>")
        #expect(post.text == "Код:\nlet a = 1\n    print(a)жирный и курсив")
        #expect(post.entities[0] == TextEntity(type: "pre", offset: 5, length: 22, language: "swift"))
        #expect(post.entities[1] == TextEntity(type: "bold", offset: 27, length: 15))
        #expect(post.entities[2] == TextEntity(type: "italic", offset: 34, length: 8))
        #expect(post.entities.count == 3, "no separate code entity inside pre")
    }

    @Test("links: url, text_link, mention, hashtag, cashtag, email, protocol-relative")
    func linkKinds() throws {
        let post = try post(text: """
            <a href="https://example.com/путь">https://example.com/путь</a> <a href="http://topwar.ru/">topwar.ru</a> \
            <a href="https://example.org/x" onclick="return confirm('Open?');">тут</a> <a href="https://t.me/durov">@durov</a> \
            <a href="?q=%23news">#news</a> <a href="?q=%24TON">$TON</a> <a href="mailto:a@b.c">a@b.c</a> \
            <a href="//telegram.org/blog">blog</a> <a>no href</a>
            """)
        #expect(post.entities.map(\.type) == ["url", "url", "text_link", "mention", "hashtag", "cashtag", "email", "text_link"])
        #expect(post.entities[2].url == "https://example.org/x")
        #expect(post.entities[7].url == "https://telegram.org/blog")
        #expect(post.links == ["https://example.com/путь", "topwar.ru", "https://example.org/x", "https://telegram.org/blog"])
    }

    @Test("custom emoji and emoji images count as their characters, not as italic/bold")
    func emoji() throws {
        let post = try post(text: "A<tg-emoji emoji-id=\"5368324170671202286\"><i class=\"emoji\" style=\"x\"><b>👍</b></i></tg-emoji><img class=\"emoji\" alt=\"🔥\" src=\"x.png\"><b>B</b>")
        #expect(post.text == "A👍🔥B")
        #expect(post.entities == [TextEntity(type: "bold", offset: 5, length: 1)])
    }

    @Test("character references in text and attributes")
    func characterReferences() throws {
        let post = try post(text: "&lt;tag&gt; &amp; &quot;q&quot; &#39;s&#39; a&nbsp;b &#x1F600;&#128512; &unknown; &amp")
        #expect(post.text == "<tag> & \"q\" 's' a\u{A0}b 😀😀 &unknown; &")
    }

    @Test("2026-style markup: extra wrappers, reactions, expandable quote, reply, unsupported media")
    func driftedMarkup() throws {
        let html = """
            <html><head><meta property="og:title" content="Drift"></head><body>
            <section class="tgme_channel_history js-message_history">
            <div class="js-widget_message_wrap tgme_widget_message_wrap"><div data-post="drift/7" class="js-widget_message tgme_widget_message">
              <div class="tgme_widget_message_bubble">
                <a class="tgme_widget_message_reply" href="https://t.me/drift/5"><div class="tgme_widget_message_text">quoted reply text</div></a>
                <div class="media_supported_cont"><div class="tgme_widget_message_one_media"><div class="media_supported_cont">
                  <div class="tgme_widget_message_text js-message_text" dir="auto">Intro<br/><blockquote expandable>Long quote</blockquote></div>
                </div></div></div>
                <div class="media_not_supported_cont"><div class="message_media_not_supported_wrap"><div class="message_media_not_supported_label">Please open Telegram to view this post</div>
                  <a href="https://t.me/drift/7" class="message_media_view_in_telegram">VIEW IN TELEGRAM</a></div></div>
                <div class="tgme_widget_message_reactions js-message_reactions"><span class="tgme_reaction"><i class="emoji"><b>👍</b></i>10</span></div>
                <div class="tgme_widget_message_footer"><div class="tgme_widget_message_info">
                  <span class="tgme_widget_message_views">1,234</span>
                  <span class="tgme_widget_message_meta"><span class="tgme_widget_message_edited">edited</span> <a class="tgme_widget_message_date" href="https://t.me/drift/7"><time class="time" datetime="2026-01-31T11:35:56+03:00">11:35</time></a></span>
                </div></div>
              </div></div></div>
            </section></body></html>
            """
        let page = try WebPreviewParser.parse(html: html, expectedChannel: "drift")
        let item = try #require(page.posts.first)
        #expect(item.post.messageID == 7)
        #expect(item.post.text == "Intro\nLong quote")
        #expect(item.post.entities == [TextEntity(type: "expandable_blockquote", offset: 6, length: 10)])
        #expect(item.post.replyToMessageID == 5)
        #expect(item.post.mediaKind == .other)
        #expect(item.post.views == 1234)
        #expect(item.post.postedAt == WebPreviewFixtures.utc("2026-01-31T08:35:56Z"))
        #expect(item.isEdited && item.post.editedAt == item.post.postedAt)
        #expect(page.channel.title == "Drift")
        #expect(page.channel.username == "drift")
        #expect(page.olderCursor == nil)
    }

    @Test("service messages: flagged, action guessed, date borrowed from the previous post")
    func serviceMessage() throws {
        func message(_ id: Int, service: Bool, text: String, date: String?, altClasses: Bool = false) -> String {
            let time = date.map { "<a class=\"tgme_widget_message_date\" href=\"https://t.me/svc/\(id)\"><time datetime=\"\($0)\"></time></a>" } ?? ""
            let kind = service ? (altClasses ? "tgme_widget_message_service" : "service_message") : ""
            let textClass = altClasses ? "tgme_widget_message_service_text" : "tgme_widget_message_text"
            return "<div class=\"tgme_widget_message \(kind)\" data-post=\"svc/\(id)\"><div class=\"\(textClass)\">\(text)</div>\(time)</div>"
        }
        let html = "<div class=\"tgme_channel_history\">" + message(1, service: false, text: "hello", date: "2024-05-01T10:00:00+00:00")
            + message(2, service: true, text: "Channel photo updated", date: nil)
            + message(3, service: true, text: "Svc pinned «hello»", date: "2024-05-02T10:00:00Z", altClasses: true) + "</div>"
        let page = try WebPreviewParser.parse(html: html, expectedChannel: "svc")
        #expect(page.posts.map(\.post.isService) == [false, true, true])
        #expect(page.posts.map(\.post.serviceAction) == [nil, "edit_chat_photo", "pin_message"])
        #expect(page.posts[1].post.postedAt == WebPreviewFixtures.utc("2024-05-01T10:00:00Z"))
        #expect(page.posts[2].post.text == "Svc pinned «hello»")
        #expect(page.skipped.isEmpty)
        #expect(throws: WebPreviewError.malformedMessage(post: "svc/2", reason: "no <time datetime> date")) {
            try WebPreviewParser.parseMessage(html: message(2, service: true, text: "x", date: nil))
        }
    }

    @Test("a real channel without posts is a valid empty page")
    func emptyChannel() throws {
        let html = """
            <div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>Пусто</span></div>
            <div class="tgme_channel_info_header_username"><a href="https://t.me/empty_one">@empty_one</a></div>
            <div class="tgme_channel_info_counter"><span class="counter_value">12</span> <span class="counter_type">members</span></div></div>
            <section class="tgme_channel_history js-message_history"></section>
            """
        let page = try WebPreviewParser.parse(html: html, expectedChannel: "Empty_One")
        #expect(page.posts.isEmpty)
        #expect(page.olderCursor == nil)
        #expect(page.channel == WebPreviewChannel(username: "empty_one", title: "Пусто", subscriberCount: 12))
    }

    @Test("pagination cursor falls back to <link rel=prev>; a data-after link is not an older cursor")
    func cursorFallbacks() throws {
        let base = "<section class=\"tgme_channel_history\"></section>"
        let prev = try WebPreviewParser.parse(html: "<head><link rel=\"prev\" href=\"/s/x?before=42\"></head>" + base, expectedChannel: "x")
        #expect(prev.olderCursor == 42)
        let newer = try WebPreviewParser.parse(html: base + "<a class=\"tme_messages_more\" href=\"/s/x?after=50\" data-after=\"50\"></a>", expectedChannel: "x")
        #expect(newer.olderCursor == nil)
    }

    @Test("another channel's page is rejected")
    func channelMismatch() throws {
        let html = try WebPreviewFixtures.html("full.html")
        #expect(throws: WebPreviewError.channelMismatch(expected: "other_channel", found: "topwar_official")) {
            try WebPreviewParser.parse(html: html, expectedChannel: "@other_channel")
        }
        #expect(try WebPreviewParser.parse(html: html, expectedChannel: "https://t.me/s/TopWar_Official").posts.count == 12)
    }

    @Test("error descriptions name the channel and the post")
    func errorDescriptions() {
        #expect(WebPreviewError.unrecognisedPage(channel: "durov").description.contains("t.me/s/durov"))
        #expect(WebPreviewError.unrecognisedPage(channel: nil).localizedDescription.contains("not a recognisable"))
        #expect(WebPreviewError.channelMismatch(expected: "a", found: "b").description.contains("@b"))
        #expect(WebPreviewError.malformedMessage(post: "x/1", reason: "bad").description.contains("x/1"))
        #expect(!WebPreviewError.noMessage.description.isEmpty)
    }
}
