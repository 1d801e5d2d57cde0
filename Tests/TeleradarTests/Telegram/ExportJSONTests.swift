import Foundation
import Testing

@testable import TeleradarTelegram

@Suite("Export JSON parser")
struct ExportJSONTests {
    static func parse(_ text: String) throws(ExportJSON.SyntaxError) -> ExportJSON {
        try ExportJSON.parse(Data(text.utf8))
    }

    @Test("values, nesting, escapes and surrogate pairs")
    func values() throws {
        let json = try Self.parse(
            #" {"a": [1, -2.5e3, true, false, null, "x"], "b": {"c": "\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00"}, "a": 0} "#
        )
        #expect(json.array("a") == nil)  // A repeated key: the last one counts.
        #expect(json.int64("a") == 0)
        #expect(json["b"]?.string("c") == "\"\\/\u{8}\u{c}\n\r\tAé😀")
        let array = try Self.parse(#"[1, -2.5e3, true, false, null, "x", [], {}]"#)
        #expect(
            array
                == .array([
                    .number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null, .string("x"), .array([]),
                    .object([]),
                ]))
        #expect(try Self.parse("\"Привет, мир\"") == .string("Привет, мир"))
    }

    @Test("lenient reading: integers from numbers or digit strings, wrong types as absent")
    func lenient() throws {
        let json = try Self.parse(
            #"{"n": 42, "f": 7.0, "e": 1e2, "big": 1e30, "s": " 17 ", "bad": "x1", "frac": 1.5, "null": null, "obj": {}}"#
        )
        #expect(json.int64("n") == 42)
        #expect(json.int64("f") == 7)
        #expect(json.int64("e") == 100)
        #expect(json.int64("big") == nil)
        #expect(json.int64("s") == 17)
        #expect(json.int64("bad") == nil)
        #expect(json.int64("frac") == nil)
        #expect(json.string("n") == nil)
        #expect(json.hasValue("obj") && !json.hasValue("null") && !json.hasValue("missing"))
        #expect(ExportJSON.string("x").string("a") == nil)
    }

    @Test(
        "invalid JSON is refused with the offset of the problem",
        arguments: [
            (#"{"a": tru}"#, 6), (#"{"a": 1,}"#, 8), (#"{"a" 1}"#, 5), (#"{"a": 1} x"#, 9), (#"{"a": 01}"#, 7),
            (#"{"a": -}"#, 7), (#"{"a": 1.}"#, 8), (#"{"a": "\x"}"#, 8), (#"{"a": "\ud800"}"#, 13),
            (#"{"a": "\udc00"}"#, 13), (#"{"a": "\u12"}"#, 11), ("{\"a\": \"x\ny\"}", 8), (#"{"a": "abc"#, 10),
            (#"{"a": [1, 2"#, 11), ("", 0), ("{", 1), (#"{"a": 1 "b": 2}"#, 8),
        ])
    func invalid(text: String, offset: Int) {
        #expect(throws: ExportJSON.SyntaxError.self) { try Self.parse(text) }
        do {
            _ = try Self.parse(text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("invalid UTF-8 inside a string and hostile nesting are refused")
    func hostile() {
        var bytes = Data(#"{"a": ""#.utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(contentsOf: Data(#""}"#.utf8))
        #expect(throws: ExportJSON.SyntaxError.self) { try ExportJSON.parse(bytes) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: ExportJSON.SyntaxError.self) { try Self.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try Self.parse(fine) }
    }
}
