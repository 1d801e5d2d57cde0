import Testing
@testable import TeleradarTelegram

/// Long texts for the splitter, written for these tests.
enum SplitterTexts {
    static let russianSentences = [
        "Центральный банк сохранил ключевую ставку, сославшись на устойчивую инфляцию.",
        "Аналитики ожидали этого решения и не видят причин для резких движений рубля.",
        "В регионах продолжается ремонт дорог, хотя сезон уже подходит к концу!",
        "Почему цены на овощи растут быстрее прочих товаров?",
        "Эксперты отмечают рост спроса на отечественное программное обеспечение…",
        "Московская биржа сообщила о рекордном числе частных инвесторов за месяц.",
    ]
    static let englishSentences = [
        "The committee published its quarterly report on Tuesday morning.",
        "Several analysts questioned the methodology behind the headline figures!",
        "Will the new rules change how small channels reach their audience?",
        "Engineers rolled out the update gradually to avoid surprises.",
        "Readers asked for shorter digests with links to the original posts.",
    ]

    /// `paragraphs` paragraphs of `sentencesPerParagraph` numbered sentences each.
    static func text(_ sentences: [String], paragraphs: Int, sentencesPerParagraph: Int) -> String {
        (0..<paragraphs).map { paragraph in
            (0..<sentencesPerParagraph).map { index in
                "\(paragraph).\(index) " + sentences[(paragraph + index) % sentences.count]
            }.joined(separator: " ")
        }.joined(separator: "\n\n")
    }
}

@Suite("Message splitting at 4096 UTF-16 units")
struct BotMessageSplitterTests {
    let splitter = MessageSplitter()

    /// Checks the invariants of every split: each part valid, within the limit, nothing lost but separators.
    func checkParts(_ parts: [String], of html: String, limit: Int = 4_096, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(parts.count >= 2, sourceLocation: sourceLocation)
        for (index, part) in parts.enumerated() {
            let scan = BotAPISpec.scanHTML(part)
            #expect(scan.problems.isEmpty, "part \(index): \(scan.problems)", sourceLocation: sourceLocation)
            #expect(scan.visibleLength <= limit, "part \(index) is \(scan.visibleLength)", sourceLocation: sourceLocation)
            #expect(scan.visibleLength > 0, sourceLocation: sourceLocation)
            #expect(TelegramHTML.visibleLength(part) == scan.visibleLength, sourceLocation: sourceLocation)
        }
        let joined = parts.map(TelegramHTML.visibleText).joined().filter { !$0.isWhitespace }
        let original = TelegramHTML.visibleText(html).filter { !$0.isWhitespace }
        #expect(joined == original, "only whitespace at the breaks may be dropped", sourceLocation: sourceLocation)
    }

    @Test func shortTextIsUntouched() {
        #expect(splitter.split("<b>hi</b>") == ["<b>hi</b>"])
        #expect(splitter.split(String(repeating: "a", count: 4_096)).count == 1)
        #expect(splitter.split("") == [])
    }

    @Test func russianTextSplitsAtParagraphs() throws {
        let html = TelegramHTML.escape(SplitterTexts.text(SplitterTexts.russianSentences, paragraphs: 40, sentencesPerParagraph: 5))
        #expect(html.utf16.count > 3 * 4_096)
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        for part in parts.dropLast() {
            #expect(part.hasSuffix(".") || part.hasSuffix("!") || part.hasSuffix("?") || part.hasSuffix("…"), "ends a paragraph: \(part.suffix(20))")
            #expect(part.utf16.count > 2_048, "parts are well filled")
        }
        #expect(parts.dropFirst().allSatisfy { $0.first?.isNumber == true }, "each part starts a paragraph")
    }

    @Test func englishTextWithoutParagraphsSplitsAtSentences() {
        let html = "<i>" + SplitterTexts.text(SplitterTexts.englishSentences, paragraphs: 1, sentencesPerParagraph: 200) + "</i>"
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        for part in parts {
            #expect(part.hasPrefix("<i>") && part.hasSuffix("</i>"), "italic reopened and closed")
        }
        for part in parts.dropLast() {
            let visible = TelegramHTML.visibleText(part)
            #expect(visible.hasSuffix(".") || visible.hasSuffix("!") || visible.hasSuffix("?"), "ends a sentence: \(visible.suffix(20))")
        }
    }

    @Test func linesBeatSentencesAndWordsBeatHardCuts() {
        let lines = (0..<600).map { "line \($0) has a few words" }.joined(separator: "\n")
        let parts = splitter.split(lines)
        checkParts(parts, of: lines)
        #expect(parts.allSatisfy { $0.hasPrefix("line ") && $0.last?.isNumber == false }, "whole lines per part")

        let words = Array(repeating: "слово", count: 1_500).joined(separator: " ")
        let wordParts = splitter.split(words)
        checkParts(wordParts, of: words)
        #expect(wordParts.allSatisfy { $0.split(separator: " ").allSatisfy { $0 == "слово" } }, "no word is cut")
    }

    @Test func longPreBlockIsReopened() {
        let code = (0..<400).map { "    let value\($0) = compute(\($0)) // &lt;step&gt;" }.joined(separator: "\n")
        let html = "Code:\n<pre><code class=\"language-swift\">" + code + "</code></pre>\nDone."
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        for part in parts.dropFirst() {
            #expect(part.hasPrefix("<pre><code class=\"language-swift\">"), "reopened with its language: \(part.prefix(50))")
        }
        for part in parts.dropLast() {
            #expect(part.hasSuffix("</code></pre>"))
        }
        #expect(parts.dropFirst().allSatisfy { TelegramHTML.visibleText($0).hasPrefix("    let value") }, "cut at line ends")
    }

    @Test func linkAcrossTheBoundaryKeepsItsHref() {
        let filler = String(repeating: "x", count: 4_000)
        let href = "https://example.com/a?b=1&amp;c=&quot;2&quot;"
        let html = filler + " <a href=\"\(href)\">" + Array(repeating: "anchor", count: 40).joined(separator: " ") + "</a> tail"
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        #expect(parts.count == 2)
        #expect(parts[0].hasSuffix("</a>"))
        #expect(parts[0].contains("<a href=\"\(href)\">anchor"))
        #expect(parts[1].hasPrefix("<a href=\"\(href)\">anchor"))
    }

    @Test(arguments: [4_095, 4_094, 4_093])
    func emojiSurrogatePairsAtTheBoundary(prefixLength: Int) {
        let text = String(repeating: "a", count: prefixLength) + String(repeating: "😀", count: 10)
        let parts = splitter.split(text)
        checkParts(parts, of: text)
        #expect(parts.joined() == text, "a hard cut drops nothing")
        #expect(parts.allSatisfy { $0.unicodeScalars.allSatisfy { $0.properties.isEmojiPresentation || $0 == "a" } })
        #expect(parts[0].utf16.count == prefixLength + (4_096 - prefixLength) / 2 * 2)
    }

    @Test func flagsAndFamiliesStayWhole() {
        let text = String(repeating: "🇺🇦👨‍👩‍👧", count: 500)
        let parts = splitter.split(text)
        checkParts(parts, of: text)
        #expect(parts.joined() == text)
        #expect(parts.allSatisfy { $0.allSatisfy { $0 == "🇺🇦" || $0 == "👨‍👩‍👧" } }, "whole grapheme clusters")
        #expect(parts[0].utf16.count == 4_096, "341 pairs of 12 units and one flag of 4")
    }

    @Test func entitiesAreNeverCut() {
        let html = String(repeating: "&amp;&lt;", count: 3_000)
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        #expect(parts[0] == String(repeating: "&amp;&lt;", count: 2_048))
    }

    @Test func nestedTagsAndSpoilers() {
        let inner = Array(repeating: "secret", count: 900).joined(separator: " ")
        let html = "<blockquote expandable><b>Head</b> <tg-spoiler><u>\(inner)</u></tg-spoiler> <span class=\"tg-spoiler\">end</span></blockquote>"
        let parts = splitter.split(html)
        checkParts(parts, of: html)
        #expect(parts[1].hasPrefix("<blockquote expandable><tg-spoiler><u>"))
        #expect(parts[0].hasSuffix("</u></tg-spoiler></blockquote>"))
    }

    @Test func plainFormatTreatsMarkupAsText() {
        let plain = String(repeating: "<b> & ", count: 1_000)
        let parts = MessageSplitter(format: .plain).split(plain)
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf16.count <= 4_096 })
        #expect(parts.joined(separator: " ").filter { !$0.isWhitespace } == plain.filter { !$0.isWhitespace })
    }

    @Test func smallLimits() {
        let parts = MessageSplitter(limit: 10).split("<b>aaaa bbbb cccc</b>")
        #expect(parts == ["<b>aaaa bbbb</b>", "<b>cccc</b>"])
        #expect(MessageSplitter(limit: 5).split("one.\n\ntwo three") == ["one.", "two", "three"])
    }

    @Test func splitPartsAreValidSendMessageRequests() throws {
        let spec = try BotAPISpec.loaded()
        let html = TelegramHTML.escape(SplitterTexts.text(SplitterTexts.russianSentences, paragraphs: 30, sentencesPerParagraph: 4)) +
            "\n<pre>" + String(repeating: "код &lt;x&gt;\n", count: 500) + "</pre>"
        for part in splitter.split(html) {
            let problems = spec.violations(method: "sendMessage", body: try BotAPIRequest.sendMessage(chatID: 1, text: part).encodedBody())
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
