import Foundation

/// Decodes HTML character references (`&amp;`, `&#39;`, `&#x1F600;`, `&nbsp;`…) in UTF-8 text.
///
/// Covers the numeric forms and the named references that real pages commonly use; unknown names are
/// left verbatim, as browsers do. Invalid code points become U+FFFD.
enum HTMLCharacterReferences {
    /// Named references that may appear without the trailing semicolon (HTML "legacy" names).
    private static let legacyNames: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// Named references by name (without `&` and `;`).
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "bdquo": "„", "mdash": "—", "ndash": "–",
        "minus": "−", "hellip": "…", "bull": "•", "middot": "·", "prime": "′", "Prime": "″",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×",
        "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³",
        "micro": "µ", "para": "¶", "sect": "§", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "curren": "¤", "iexcl": "¡", "iquest": "¿", "shy": "\u{AD}", "zwj": "\u{200D}",
        "zwnj": "\u{200C}", "lrm": "\u{200E}", "rlm": "\u{200F}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "larr": "←", "rarr": "→", "uarr": "↑",
        "darr": "↓", "harr": "↔", "hearts": "♥", "spades": "♠", "clubs": "♣", "diams": "♦",
        "check": "✓", "infin": "∞", "ne": "≠", "le": "≤", "ge": "≥", "asymp": "≈", "num": "#",
        "excl": "!", "dollar": "$", "percnt": "%", "lpar": "(", "rpar": ")", "ast": "*",
        "plus": "+", "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";",
        "equals": "=", "quest": "?", "commat": "@", "lsqb": "[", "rsqb": "]", "bsol": "\\",
        "lowbar": "_", "grave": "`", "lcub": "{", "rcub": "}", "verbar": "|", "Tab": "\t",
        "NewLine": "\n", "eacute": "é", "egrave": "è", "agrave": "à", "aacute": "á", "ouml": "ö",
        "uuml": "ü", "auml": "ä", "szlig": "ß", "ccedil": "ç", "ntilde": "ñ",
    ]

    /// Decodes the references in `bytes` (UTF-8) into a `String`.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let (decoded, next) = reference(in: bytes, at: index) {
                output.append(contentsOf: decoded.utf8)
                index = next
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes the references in a `String`.
    static func decode(_ string: String) -> String {
        decode(ArraySlice(Array(string.utf8)))
    }

    /// The decoded text of the reference starting at `start` (an `&`) and the index after it, or nil when
    /// the `&` does not start a recognised reference.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            return numeric(in: bytes, from: index + 1)
        }
        var nameBytes: [UInt8] = []
        while index < bytes.endIndex, nameBytes.count < 32, isAlphanumeric(bytes[index]) {
            nameBytes.append(bytes[index])
            index += 1
        }
        guard !nameBytes.isEmpty else { return nil }
        let name = String(decoding: nameBytes, as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") {
            guard let value = named[name] else { return nil }
            return (value, index + 1)
        }
        // Without a semicolon only the legacy names count, and not when glued to `=` (query strings).
        guard legacyNames.contains(name), let value = named[name] else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") { return nil }
        return (value, index)
    }

    /// Decodes `&#123;` / `&#x1F600;` starting just after the `#`.
    private static func numeric(in bytes: ArraySlice<UInt8>, from start: Int) -> (String, Int)? {
        var index = start
        var hex = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
            hex = true
            index += 1
        }
        var value: UInt32 = 0
        var digits = 0
        while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
            if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + digit }
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
        let scalar = (value == 0 || value > 0x10FFFF) ? nil : Unicode.Scalar(value)
        return (String(Character(scalar ?? "\u{FFFD}")), index)
    }

    /// The value of an ASCII digit in base 10 or 16.
    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Whether `byte` is an ASCII letter or digit.
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
