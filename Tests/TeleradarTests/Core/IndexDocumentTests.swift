import Foundation
import Testing

@testable import TeleradarCore

/// `SearchText.indexDocument` works on bytes for speed; it must give exactly the stems the scalar path
/// (`Tokenizer.tokens` + the stemmers) gives, for any text.
@Suite("Index document (byte path)")
struct IndexDocumentTests {
    /// The reference: scalar tokenizer, stemmers without the memo, stems in order, joined by spaces.
    static func reference(_ text: String) -> String {
        Tokenizer.tokens(text).map(SearchText.computeStem).filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test(
        "hostile and mixed texts",
        arguments: [
            "", " ", "🔥 !!! ", "В субботу откроется НОВЫЙ канал!", "Ёлка ЁЖИК ёж", "ЀЍЎЏ ђѓѕ Ѐлка",
            "Channels: 42 running, каналы", "gpt-4 foo:bar https://t.me/s/durov?before=12",
            "İstanbul ΣΊΣΥΦΟΣ straße ǅemal", "e\u{301}te\u{301} й\u{306}од cafe\u{301}", "a\u{300}",
            "zero\u{200B}width soft\u{AD}hyphen join\u{200D}er", "\u{301}\u{301} mark-first", "中文 日本語 한국어 عربى",
            String(repeating: "a", count: 40) + " " + String(repeating: "b", count: 41) + " c",
            String(repeating: "я", count: 40) + " " + String(repeating: "Я", count: 41) + " д",
            "x" + String(repeating: "\u{301}", count: 45), "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 ①②③ ٣٤", "tab\tnew\nline\r\n end",
            "#хэштег @упоминание $100 50% 3.14", "\u{0}nul\u{0}bytes",
        ])
    func matchesReference(text: String) {
        #expect(SearchText.indexDocument(text) == Self.reference(text))
    }

    @Test("every text of the retrieval corpora, twice (cold and warm memo)")
    func corpora() throws {
        for language in ["ru", "en"] {
            let url = try SearchFixtures.xquad(language).appendingPathComponent("corpus.jsonl")
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            #expect(lines.count > 100)
            for _ in 0..<2 {
                for line in lines {
                    let object = try #require(
                        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    let text = try #require(object["text"] as? String)
                    #expect(SearchText.indexDocument(text) == Self.reference(text))
                }
            }
        }
    }

    @Test("random scalars from the ranges the tokenizer treats specially")
    func randomScalars() {
        var generator = SystemRandomNumberGenerator()
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x0400...0x045F, 0x0300...0x036F, 0x00C0...0x024F, 0x0370...0x03FF, 0x2000...0x206F,
            0x1F300...0x1F6FF,
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let range = ranges.randomElement(using: &generator)!
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            #expect(SearchText.indexDocument(text) == Self.reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }
}

@Suite("Stem table")
struct StemTableTests {
    @Test("remembers, finds by bytes, grows and starts over at its limit")
    func table() {
        var table = StemTable(limit: 10_000)
        func put(_ key: String, _ stem: String) {
            var key = key
            var stem = stem
            key.withUTF8 { k in stem.withUTF8 { table.insert(k, hash: StemTable.hash(k), stem: $0) } }
        }
        func get(_ key: String) -> String? {
            var key = key
            var found: String?
            _ = key.withUTF8 { k in
                table.withStem(of: k, hash: StemTable.hash(k)) { found = String(decoding: $0, as: UTF8.self) }
            }
            return found
        }
        for index in 0..<10_000 { put("слово\(index)", "с\(index)") }
        #expect(table.count == 10_000)
        #expect(get("слово0") == "с0")
        #expect(get("слово9999") == "с9999")
        #expect(get("слово10000") == nil)
        put("", "")
        #expect(table.count == 1)  // The limit was reached: it started over.
        #expect(get("") == "")
        #expect(get("слово0") == nil)
    }
}
