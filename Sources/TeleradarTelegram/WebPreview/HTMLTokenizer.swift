import Foundation

/// One lexical item of an HTML source.
enum HTMLToken: Sendable, Hashable {
    /// `<name attr=value …>`; `selfClosing` when written `<name … />`.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    /// `</name>`.
    case endTag(name: String)
    /// Character data with references decoded.
    case text(String)
    /// Verbatim `<script>`/`<style>` content.
    case rawText(String)
    /// A comment, doctype or processing instruction (content kept for debugging only).
    case comment(String)
}

/// A tolerant, single-pass HTML tokenizer over UTF-8 bytes.
///
/// It never fails: a `<` that does not open a tag is text, an unterminated comment runs to the end, and a
/// tag cut off by the end of input is dropped (as browsers do). Every step consumes input, so the work is
/// linear in the input size whatever it contains.
struct HTMLTokenizer {
    /// Elements whose content is not markup: raw text (`script`, `style`) or escapable raw text.
    private static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    /// Elements whose content is text with character references but no tags.
    private static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    /// The UTF-8 input.
    private let bytes: [UInt8]
    /// Index of the next unread byte.
    private var position = 0
    /// When inside `<script>`-like content, the element name whose end tag ends it.
    private var rawTextEnd: String?

    /// Creates a tokenizer over `html`.
    init(html: String) {
        bytes = Array(html.utf8)
    }

    /// The next token, or nil at the end of input.
    mutating func next() -> HTMLToken? {
        while position < bytes.count {
            if let rawName = rawTextEnd {
                rawTextEnd = nil
                if let token = rawText(until: rawName) { return token }
                continue
            }
            if bytes[position] == UInt8(ascii: "<"), position + 1 < bytes.count {
                let following = bytes[position + 1]
                if Self.isASCIILetter(following) {
                    if let token = startTag() { return token }
                    continue
                }
                if following == UInt8(ascii: "/"), position + 2 < bytes.count, Self.isASCIILetter(bytes[position + 2]) {
                    return endTag()
                }
                if following == UInt8(ascii: "!") || following == UInt8(ascii: "?") {
                    return comment()
                }
            }
            return text()
        }
        return nil
    }

    // MARK: - Token readers

    /// Character data up to the next `<` that opens markup.
    private mutating func text() -> HTMLToken {
        let start = position
        position += 1
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<"), opensMarkup(at: position) { break }
            position += 1
        }
        return .text(HTMLCharacterReferences.decode(bytes[start..<position]))
    }

    /// Whether the `<` at `index` starts a tag, end tag or comment.
    private func opensMarkup(at index: Int) -> Bool {
        guard index + 1 < bytes.count else { return false }
        let following = bytes[index + 1]
        if Self.isASCIILetter(following) || following == UInt8(ascii: "!") || following == UInt8(ascii: "?") {
            return true
        }
        return following == UInt8(ascii: "/") && index + 2 < bytes.count && Self.isASCIILetter(bytes[index + 2])
    }

    /// `<!-- … -->`, `<!DOCTYPE …>` or `<? … >`.
    private mutating func comment() -> HTMLToken {
        let start = position
        if matches("<!--", at: position) {
            if let close = find("-->", from: position + 4) {
                position = close + 3
                return .comment(String(decoding: bytes[(start + 4)..<close], as: UTF8.self))
            }
            position = bytes.count
            return .comment(String(decoding: bytes[min(start + 4, bytes.count)...], as: UTF8.self))
        }
        let close = bytes[position...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        position = min(close + 1, bytes.count)
        return .comment(String(decoding: bytes[(start + 2)..<close], as: UTF8.self))
    }

    /// `</name …>`; anything after the name up to `>` is ignored.
    private mutating func endTag() -> HTMLToken {
        position += 2
        let name = readName()
        let close = bytes[position...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        position = min(close + 1, bytes.count)
        return .endTag(name: name)
    }

    /// `<name attributes…>`; nil (and the rest of the input consumed) when the tag is cut off.
    private mutating func startTag() -> HTMLToken? {
        position += 1
        let name = readName()
        var attributes: [HTMLAttribute] = []
        var seenNames: Set<String> = []
        var selfClosing = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                if !selfClosing {
                    if Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name) {
                        rawTextEnd = name
                    }
                }
                return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
            }
            if byte == UInt8(ascii: "/") {
                selfClosing = true
                position += 1
                continue
            }
            if Self.isWhitespace(byte) {
                position += 1
                continue
            }
            selfClosing = false
            if let attribute = readAttribute(), seenNames.insert(attribute.name).inserted {
                attributes.append(attribute)
            }
        }
        return nil
    }

    /// Content of a raw-text element up to (not including) its end tag.
    private mutating func rawText(until name: String) -> HTMLToken? {
        let start = position
        var index = position
        var end = bytes.count
        while let candidate = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            if candidate + 1 < bytes.count, bytes[candidate + 1] == UInt8(ascii: "/"),
               matchesName(name, at: candidate + 2) {
                end = candidate
                break
            }
            index = candidate + 1
        }
        position = end
        guard end > start else { return nil }
        if Self.escapableRawTextElements.contains(name) {
            return .text(HTMLCharacterReferences.decode(bytes[start..<end]))
        }
        return .rawText(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    // MARK: - Pieces

    /// A tag name: bytes up to whitespace, `/` or `>`, lower-cased.
    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { break }
            position += 1
        }
        return Self.lowercased(bytes[start..<position])
    }

    /// One attribute, with an optional `=value` (double-quoted, single-quoted or bare).
    private mutating func readAttribute() -> HTMLAttribute? {
        let start = position
        position += 1 // the first byte always belongs to the name, even a stray `=` or quote
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "=") { break }
            position += 1
        }
        let name = Self.lowercased(bytes[start..<position])
        var lookahead = position
        while lookahead < bytes.count, Self.isWhitespace(bytes[lookahead]) { lookahead += 1 }
        guard lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "=") else {
            return HTMLAttribute(name: name, value: "")
        }
        position = lookahead + 1
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        guard position < bytes.count else { return nil }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let valueStart = position + 1
            guard let close = bytes[valueStart...].firstIndex(of: quote) else {
                position = bytes.count
                return nil
            }
            position = close + 1
            return HTMLAttribute(name: name, value: HTMLCharacterReferences.decode(bytes[valueStart..<close]))
        }
        let valueStart = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return HTMLAttribute(name: name, value: HTMLCharacterReferences.decode(bytes[valueStart..<position]))
    }

    /// Whether the ASCII `literal` occurs at `index`.
    private func matches(_ literal: String, at index: Int) -> Bool {
        var cursor = index
        for byte in literal.utf8 {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
        }
        return true
    }

    /// Whether the tag name `name` (lower-case) occurs at `index`, case-insensitively, followed by a
    /// delimiter.
    private func matchesName(_ name: String, at index: Int) -> Bool {
        var cursor = index
        for byte in name.utf8 {
            guard cursor < bytes.count, Self.lowercase(bytes[cursor]) == byte else { return false }
            cursor += 1
        }
        guard cursor < bytes.count else { return true }
        let next = bytes[cursor]
        return Self.isWhitespace(next) || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
    }

    /// The index of the next occurrence of the ASCII `literal` at or after `index`.
    private func find(_ literal: String, from index: Int) -> Int? {
        let needle = Array(literal.utf8)
        guard let first = needle.first else { return nil }
        var cursor = index
        while cursor < bytes.count, let candidate = bytes[cursor...].firstIndex(of: first) {
            if matches(literal, at: candidate) { return candidate }
            cursor = candidate + 1
        }
        return nil
    }

    // MARK: - Byte classes

    /// Whether `byte` is an ASCII letter.
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// Whether `byte` is HTML whitespace (space, tab, LF, CR, FF).
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// `byte` with ASCII upper case folded to lower case.
    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
    }

    /// The bytes as a lower-cased (ASCII-folded) string.
    private static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map(lowercase), as: UTF8.self)
    }
}
