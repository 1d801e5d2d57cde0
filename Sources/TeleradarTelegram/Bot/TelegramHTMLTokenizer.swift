/// Splits Telegram-HTML (or plain text) into atoms: tags, entities and single grapheme clusters.
///
/// Lenient by design: a `<` that does not start a complete tag, or an `&` that does not start one of the
/// entities Telegram knows (`&lt;` `&gt;` `&amp;` `&quot;` and numeric ones), is taken as literal text.
package enum TelegramHTMLTokenizer {
    /// One atom of a message.
    package enum Token: Sendable, Hashable {
        /// One visible character: `raw` as written (a character or an entity), `visible` as Telegram shows it.
        case text(raw: String, visible: String)
        /// `<name …>`; `name` lower-cased.
        case openTag(name: String, raw: String)
        /// `</name>`; `name` lower-cased.
        case closeTag(name: String, raw: String)

        /// The source text of the atom.
        package var raw: String {
            switch self {
            case .text(let raw, _), .openTag(_, let raw), .closeTag(_, let raw): raw
            }
        }

        /// The text Telegram shows for the atom (empty for tags).
        package var visible: String {
            if case .text(_, let visible) = self { return visible }
            return ""
        }

        /// Length of ``visible`` in UTF-16 code units, Telegram's unit for message limits.
        package var visibleLength: Int { visible.utf16.count }
    }

    /// The atoms of `html`, parsed as Telegram HTML.
    package static func tokenize(html: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(html.unicodeScalars)
        var run = String.UnicodeScalarView()
        var index = 0
        func flushRun() {
            for character in String(run) {
                tokens.append(.text(raw: String(character), visible: String(character)))
            }
            run.removeAll()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let (token, next) = tag(in: scalars, at: index) {
                flushRun()
                tokens.append(token)
                index = next
            } else if scalar == "&", let (token, next) = entity(in: scalars, at: index) {
                flushRun()
                tokens.append(token)
                index = next
            } else {
                run.append(scalar)
                index += 1
            }
        }
        flushRun()
        return tokens
    }

    /// The atoms of plain text: one per grapheme cluster.
    package static func tokenize(plain text: String) -> [Token] {
        text.map { .text(raw: String($0), visible: String($0)) }
    }

    /// A tag starting at `start` (which holds `<`) and the index after it; nil if there is no complete tag.
    private static func tag(in scalars: [Unicode.Scalar], at start: Int) -> (Token, Int)? {
        var index = start + 1
        let closing = index < scalars.count && scalars[index] == "/"
        if closing { index += 1 }
        let nameStart = index
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        guard index > nameStart, scalars[nameStart].properties.isAlphabetic else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index])).lowercased()
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                let raw = String(String.UnicodeScalarView(scalars[start...index]))
                return (closing ? .closeTag(name: name, raw: raw) : .openTag(name: name, raw: raw), index + 1)
            } else if scalar == "<" {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// An entity starting at `start` (which holds `&`) and the index after it; nil if it is not one Telegram knows.
    private static func entity(in scalars: [Unicode.Scalar], at start: Int) -> (Token, Int)? {
        var end = start + 1
        while end < scalars.count, end - start <= 10, scalars[end] != ";" { end += 1 }
        guard end < scalars.count, scalars[end] == ";" else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        let raw = String(String.UnicodeScalarView(scalars[start...end]))
        let decoded: Unicode.Scalar?
        switch body {
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "amp": decoded = "&"
        case "quot": decoded = "\""
        default:
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                decoded = nil
            }
        }
        guard let decoded else { return nil }
        return (.text(raw: raw, visible: String(decoded)), end + 1)
    }

    /// Characters allowed in a tag name (`tg-spoiler`, `tg-emoji`, `h1`…).
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
