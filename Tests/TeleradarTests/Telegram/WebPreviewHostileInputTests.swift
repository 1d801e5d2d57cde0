import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

/// Inputs that are not channel previews, or are broken on purpose: typed errors or valid results, never
/// crashes, hangs or silently empty pages.
@Suite("t.me/s web preview parser — hostile input")
struct WebPreviewHostileInputTests {
    @Test("non-preview pages throw unrecognisedPage naming the channel", arguments: [
        "",
        "   \n\t ",
        "<html><head><title>Example</title></head><body><p>Hello <b>world</b></p></body></html>",
        // t.me/<name> "contact" page, as served for unknown or private channels.
        "<html><head><meta property=\"og:title\" content=\"Telegram: Contact @nosuch\"></head><body><div class=\"tgme_page\"><div class=\"tgme_page_title\">Telegram</div><div class=\"tgme_page_description\">If you have <strong>Telegram</strong>, you can contact @nosuch right away.</div></div></body></html>",
        "<html><body><form id=\"captcha\"><h1>Checking your browser…</h1><script>var a = '<div class=\"tgme_widget_message\" data-post=\"nosuch/1\">';</script></form></body></html>",
        "<!-- <div class=\"tgme_channel_info\"> -->",
        "{\"error\": \"not html\"}",
    ])
    func unrecognised(html: String) {
        #expect(throws: WebPreviewError.unrecognisedPage(channel: "nosuch")) {
            try WebPreviewParser.parse(html: html, expectedChannel: "@nosuch")
        }
        #expect(throws: WebPreviewError.noMessage) { try WebPreviewParser.parseMessage(html: html) }
    }

    @Test("a truncated page yields the complete leading posts, or an error", arguments: [0.1, 0.35, 0.5, 0.75, 0.9, 0.999])
    func truncated(fraction: Double) throws {
        let full = try WebPreviewFixtures.html("full.html")
        let cut = String(full.prefix(Int(Double(full.count) * fraction)))
        let allIDs: [Int64] = try WebPreviewParser.parse(html: full, expectedChannel: nil).posts.map(\.post.messageID)
        do {
            let page = try WebPreviewParser.parse(html: cut, expectedChannel: "topwar_official")
            let ids = page.posts.map(\.post.messageID)
            #expect(Array(allIDs.prefix(ids.count)) == ids)
            #expect(fraction < 0.999 ? ids.count < 12 : ids.count <= 12)
        } catch {
            // Before the channel header closes there is nothing to recognise.
            #expect(error == .unrecognisedPage(channel: "topwar_official"))
        }
    }

    @Test("10,000 nested elements neither overflow the stack nor lose the message")
    func deepNesting() throws {
        let depth = 10_000
        let nested = String(repeating: "<div><span>", count: depth / 2) + "x" + String(repeating: "</span></div>", count: depth / 2)
        #expect(throws: WebPreviewError.unrecognisedPage(channel: nil)) {
            try WebPreviewParser.parse(html: nested, expectedChannel: nil)
        }
        let unclosed = String(repeating: "<b>", count: depth) + "deep"
        let post = try WebPreviewParser.parseMessage(html: WebPreviewFixtures.wrapped(
            fragment: "<div class=\"tgme_widget_message_text\">\(unclosed)</div>"))
        #expect(post.text == "deep")
        #expect(post.entities.count == depth)
        let document = HTMLDocument(html: nested)
        #expect(document.nodes.count == depth + 2)
        #expect(document.nodes.map(\.depth).max() == depth + 1)
    }

    @Test("1 MB of '<' and other junk is handled in linear time")
    func junk() throws {
        let angles = String(repeating: "<", count: 1_000_000)
        #expect(throws: WebPreviewError.unrecognisedPage(channel: "x")) {
            try WebPreviewParser.parse(html: angles, expectedChannel: "x")
        }
        #expect(HTMLDocument(html: angles).nodes.count == 2)
        for junk in [String(repeating: "</a>", count: 100_000), String(repeating: "<a ", count: 100_000),
                     String(repeating: "&#x", count: 100_000), String(repeating: "<!--", count: 100_000),
                     "<div class=\"tgme_widget_message\" data-post=\"", "<script>" + String(repeating: "<", count: 50_000)] {
            #expect(throws: WebPreviewError.self) { try WebPreviewParser.parse(html: junk, expectedChannel: "x") }
        }
    }

    @Test("many links and many undated service messages stay linear")
    func manyItems() throws {
        let links = String(repeating: "<a href=\"https://example.com/a\">текст</a> ", count: 20_000)
        let post = try WebPreviewParser.parseMessage(html: WebPreviewFixtures.wrapped(
            fragment: "<div class=\"tgme_widget_message_text\">\(links)</div>"))
        #expect(post.entities.count == 20_000)
        #expect(post.entities.last == TextEntity(type: "text_link", offset: 19_999 * 6, length: 5, url: "https://example.com/a"))
        let services = String(repeating: "<div class=\"tgme_widget_message service_message\" data-post=\"c/2\"></div>", count: 20_000)
        let dated = "<div class=\"tgme_widget_message\" data-post=\"c/1\"><time datetime=\"2024-01-01T00:00:00Z\"></time></div>"
        let page = try WebPreviewParser.parse(html: dated + services, expectedChannel: "c")
        #expect(page.posts.count == 20_001)
        #expect(page.posts.last?.post.postedAt == WebPreviewFixtures.utc("2024-01-01T00:00:00Z"))
    }

    @Test("broken message wraps are reported, not silently dropped")
    func brokenMessages() throws {
        let good = "<div class=\"tgme_widget_message\" data-post=\"c/2\"><time datetime=\"2024-01-01T00:00:00Z\"></time></div>"
        let noDate = "<div class=\"tgme_widget_message\" data-post=\"c/1\"><div class=\"tgme_widget_message_text\">x</div></div>"
        let badID = "<div class=\"tgme_widget_message\" data-post=\"c/abc\"></div>"
        let page = try WebPreviewParser.parse(html: noDate + badID + good, expectedChannel: "c")
        #expect(page.posts.map(\.post.messageID) == [2])
        #expect(page.skipped == [.malformedMessage(post: "c/abc", reason: "data-post is not <channel>/<id>"),
                                 .malformedMessage(post: "c/1", reason: "no <time datetime> date")])
        #expect(throws: WebPreviewError.malformedMessage(post: "c/1", reason: "no <time datetime> date")) {
            try WebPreviewParser.parse(html: noDate, expectedChannel: "c")
        }
    }
}
