import Foundation
import Testing
@testable import TeleradarTelegram

/// The tolerant HTML tree builder and the scalar parsers behind `WebPreviewParser`.
@Suite("HTML scanner and t.me scalars")
struct HTMLDocumentTests {
    @Test("attributes: quoted, single-quoted, unquoted, bare, duplicated, with references")
    func attributes() throws {
        let document = HTMLDocument(html: "<a HREF=x.html?a=1&amp;b=2 title='it&#39;s' data-x=\"&quot;q&quot;\" hidden class=\"one  two\tthree\" class=ignored>t</a>")
        let link = try #require(document.firstElement(named: "a"))
        #expect(document.attribute("href", of: link) == "x.html?a=1&b=2")
        #expect(document.attribute("title", of: link) == "it's")
        #expect(document.attribute("data-x", of: link) == "\"q\"")
        #expect(document.attribute("hidden", of: link) == "")
        #expect(document[link].classList == ["one", "two", "three"])
        #expect(document.attribute("missing", of: link) == nil)
    }

    @Test("void elements, self-closing tags, comments, raw text and title")
    func structure() throws {
        let document = HTMLDocument(html: "<head><title>A &amp; B</title><style>p > b { }</style></head><p>one<br>two<img src=x><svg><path d=\"M0\"/><path d=\"M1\"/></svg><!-- <b>no</b> --><script>if (a < b) { document.write('<div class=\"x\">') }</script>three</p>")
        #expect(document.elements(withClass: "x").isEmpty, "script content is not markup")
        #expect(document.elements { $0.name == "b" }.isEmpty, "comment content is not markup")
        let paragraph = try #require(document.firstElement(named: "p"))
        #expect(document.innerText(of: paragraph) == "one\ntwothree")
        let svg = try #require(document.firstElement(named: "svg"))
        #expect(document.children(of: svg).count == 2, "self-closed paths are siblings")
        let title = try #require(document.firstElement(named: "title"))
        #expect(document.innerText(of: title) == "A & B")
    }

    @Test("mismatched and unclosed tags recover to a sane tree")
    func recovery() throws {
        let document = HTMLDocument(html: "<div class=a><b>bold<i>both</b>after</i></span><div class=b>inner</div><ul><li>1<li>2</ul><p>x<p>y")
        let outer = try #require(document.firstElement(withClass: "a"))
        let inner = try #require(document.firstElement(withClass: "b"))
        #expect(document.isDescendant(inner, of: outer))
        #expect(document.innerText(of: inner) == "inner")
        #expect(document.elements { $0.name == "li" }.map { document.innerText(of: $0) } == ["1", "2"])
        #expect(document.elements { $0.name == "p" }.count == 2)
        #expect(document.nodes.allSatisfy { $0.end > 0 && $0.end <= document.nodes.count })
        let root = document.nodes[0]
        #expect(root.end == document.nodes.count)
    }

    @Test("character references", arguments: [
        ("&amp;&lt;&gt;&quot;&#39;&apos;", "&<>\"''"),
        ("&nbsp;|&#160;|&#xA0;", "\u{A0}|\u{A0}|\u{A0}"),
        ("&#x1F600;&#128512;&#X1f600", "😀😀😀"),
        ("&laquo;Текст&raquo; &mdash; &hellip;", "«Текст» — …"),
        ("&#0;&#xD800;&#99999999999;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
        // Unknown names stay verbatim; no longest-prefix matching of legacy names ("&ampb" is not "&b").
        ("&nosuch; & &; &#; &#x; a&ampb", "&nosuch; & &; &#; &#x; a&ampb"),
        ("?a=1&copy=2", "?a=1&copy=2"),
    ])
    func references(input: String, expected: String) {
        #expect(HTMLCharacterReferences.decode(input) == expected)
    }

    @Test("abbreviated counters", arguments: [
        ("987", 987), ("1.2K", 1_200), ("33.4K", 33_400), ("226.2K", 226_200), ("3.4M", 3_400_000), ("1M", 1_000_000),
        ("1.5B", 1_500_000_000), ("1,234", 1_234), ("12 345", 12_345), ("109K subscribers", 109_000), ("12 members", 12), ("0", 0),
    ] as [(String, Int)])
    func counters(input: String, expected: Int) {
        #expect(WebPreviewScalars.counter(input) == expected)
    }

    @Test("counters without a number", arguments: ["", "K", "views", "999999999999999999999K"])
    func invalidCounters(input: String) {
        #expect(WebPreviewScalars.counter(input) == nil)
    }

    @Test("ISO 8601 dates become UTC instants", arguments: [
        ("2023-02-28T08:48:01+00:00", "2023-02-28T08:48:01Z"),
        ("2023-02-28T11:48:01+03:00", "2023-02-28T08:48:01Z"),
        ("2023-02-28T03:18:01-0530", "2023-02-28T08:48:01Z"),
        ("2023-02-28T08:48:01Z", "2023-02-28T08:48:01Z"),
        ("2024-02-29T00:00:00", "2024-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func dates(input: String, expected: String) {
        #expect(WebPreviewScalars.date(input) == WebPreviewFixtures.utc(expected))
    }

    @Test("fractional seconds are kept")
    func fractionalDate() throws {
        let date = try #require(WebPreviewScalars.date("2023-02-28T08:48:01.250+00:00"))
        #expect(date.timeIntervalSince1970 == WebPreviewFixtures.utc("2023-02-28T08:48:01Z").timeIntervalSince1970 + 0.25)
    }

    @Test("malformed dates are rejected", arguments: ["", "yesterday", "2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z",
                                                     "2023-02-28T24:00:00Z", "2023-02-28T08:48:01+0", "2023-02-28T08:48:01Zjunk", "2023-02-28"])
    func invalidDates(input: String) {
        #expect(WebPreviewScalars.date(input) == nil)
    }
}
