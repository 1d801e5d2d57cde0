import Foundation

/// Building and measuring text for `parse_mode: HTML`.
///
/// Telegram's HTML needs `&`, `<` and `>` escaped in text and `"` too inside attribute values; it decodes
/// only `&lt;` `&gt;` `&amp;` `&quot;` and numeric entities.
package enum TelegramHTML {
    /// `text` with `&`, `<` and `>` escaped, safe between tags.
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `value` with `&`, `<`, `>` and `"` escaped, safe inside a double-quoted attribute.
    package static func escapeAttribute(_ value: String) -> String {
        escape(value).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `<a href="url">text</a>` with both parts escaped.
    package static func link(_ text: String, url: String) -> String {
        "<a href=\"\(escapeAttribute(url))\">\(escape(text))</a>"
    }

    /// `<b>text</b>` with the text escaped.
    package static func bold(_ text: String) -> String { "<b>\(escape(text))</b>" }

    /// `<i>text</i>` with the text escaped.
    package static func italic(_ text: String) -> String { "<i>\(escape(text))</i>" }

    /// `<code>text</code>` with the text escaped.
    package static func code(_ text: String) -> String { "<code>\(escape(text))</code>" }

    /// `<blockquote>text</blockquote>` with the text escaped; `expandable` folds long quotes.
    package static func blockquote(_ text: String, expandable: Bool = false) -> String {
        "<blockquote\(expandable ? " expandable" : "")>\(escape(text))</blockquote>"
    }

    /// The text Telegram shows for `html`: tags removed, entities decoded.
    package static func visibleText(_ html: String) -> String {
        TelegramHTMLTokenizer.tokenize(html: html).map(\.visible).joined()
    }

    /// Length of ``visibleText(_:)`` in UTF-16 code units, the unit of Telegram's 4096 limit.
    package static func visibleLength(_ html: String) -> Int {
        TelegramHTMLTokenizer.tokenize(html: html).reduce(0) { $0 + $1.visibleLength }
    }
}
