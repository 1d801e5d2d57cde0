import Testing
@testable import TeleradarTelegram

@Suite("Telegram HTML escaping and measuring")
struct BotTelegramHTMLTests {
    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("&amp; stays literal", "&amp;amp; stays literal"),
        (#"quote " and ' stay"#, #"quote " and ' stay"#),
        ("Привет, мир 👋🏽", "Привет, мир 👋🏽"),
        ("<script>", "&lt;script&gt;"),
    ])
    func escape(raw: String, escaped: String) {
        #expect(TelegramHTML.escape(raw) == escaped)
        #expect(TelegramHTML.visibleText(escaped) == raw, "escaping round-trips through entity parsing")
    }

    @Test func attributesEscapeQuotes() {
        #expect(TelegramHTML.escapeAttribute(#"https://x.example/?q="a"&b=<c>"#) == "https://x.example/?q=&quot;a&quot;&amp;b=&lt;c&gt;")
        #expect(TelegramHTML.link("A & B", url: #"https://e.example/"x""#) == #"<a href="https://e.example/&quot;x&quot;">A &amp; B</a>"#)
        #expect(TelegramHTML.bold("<1>") == "<b>&lt;1&gt;</b>")
        #expect(TelegramHTML.blockquote("q", expandable: true) == "<blockquote expandable>q</blockquote>")
    }

    @Test func generatedMarkupIsValidForTheChecker() {
        let html = [TelegramHTML.link("A & B", url: #"https://e.example/?a=1&b="2""#), TelegramHTML.bold("x<y"),
                    TelegramHTML.italic("\"q\""), TelegramHTML.code("a && b"), TelegramHTML.blockquote("> quote")].joined(separator: "\n")
        #expect(BotAPISpec.scanHTML(html).problems.isEmpty, "\(BotAPISpec.scanHTML(html).problems)")
    }

    @Test(arguments: [
        ("<b>bold</b>", "bold", 4),
        (#"<a href="https://t.me/x?a=1&amp;b=2">link</a>"#, "link", 4),
        ("&lt;&gt;&amp;&quot;", "<>&\"", 4),
        ("&#128512; &#x1F600;", "😀 😀", 5),
        ("😀", "😀", 2),
        ("5 < 6", "5 < 6", 5),
        ("a &nbsp; b", "a &nbsp; b", 10),
        ("<pre><code class=\"language-swift\">let x = 1</code></pre>", "let x = 1", 9),
    ])
    func visibleTextAndLength(html: String, visible: String, length: Int) {
        #expect(TelegramHTML.visibleText(html) == visible)
        #expect(TelegramHTML.visibleLength(html) == length)
    }

    @Test func tokenizerKeepsTagsAndGraphemesWhole() {
        let tokens = TelegramHTMLTokenizer.tokenize(html: #"<a href="x>y">👨‍👩‍👧</a>&amp;"#)
        #expect(tokens == [
            .openTag(name: "a", raw: #"<a href="x>y">"#),
            .text(raw: "👨‍👩‍👧", visible: "👨‍👩‍👧"),
            .closeTag(name: "a", raw: "</a>"),
            .text(raw: "&amp;", visible: "&"),
        ])
        #expect(tokens[1].visibleLength == 8)
    }

    @Test func webhookSecret() {
        let secret = BotWebhookSecret.random()
        #expect(secret.value.count == 64)
        #expect(BotWebhookSecret(secret.value) != nil)
        #expect(secret.matches(secret.value))
        #expect(!secret.matches(secret.value + "x"))
        #expect(!secret.matches(String(secret.value.dropLast()) + "#"))
        #expect(!secret.matches(nil))
        #expect(BotWebhookSecret("has space") == nil)
        #expect(BotWebhookSecret("") == nil)
        #expect(!"\(secret)".contains(secret.value))
        #expect(BotWebhookSecret.random().value != secret.value)
    }
}
