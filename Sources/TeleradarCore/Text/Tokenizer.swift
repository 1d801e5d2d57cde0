import Foundation

/// Splits free text into lowercase word tokens for the keyword search index.
///
/// A token is a maximal run of letters and decimal digits (`covid19` stays one token, `gpt-4`
/// becomes `gpt` and `4`). Everything else — spaces, punctuation, symbols, emoji, the `#` of a
/// hashtag, the `@` of a mention, the `://` and `/` of a URL — separates tokens, so hashtags,
/// mentions and URLs are indexed by their word parts. Tokens are lowercased, `ё` is folded to `е`,
/// and runs longer than ``maxTokenLength`` scalars (hashes, base64 blobs) are dropped.
///
/// Works on Unicode scalars without regular expressions; ASCII and Cyrillic take a fast path.
package enum Tokenizer {
    /// The longest token, in Unicode scalars, that is kept; longer runs of word characters are dropped.
    package static let maxTokenLength = 40

    /// The lowercase word tokens of `text`, in order, duplicates kept.
    package static func tokens(_ text: String) -> [String] {
        let source = needsComposition(text) ? text.precomposedStringWithCanonicalMapping : text
        var tokens: [String] = []
        // The current token as UTF-8, reused across tokens (short tokens then become small strings with no
        // allocation at all).
        var current: [UInt8] = []
        current.reserveCapacity(4 * maxTokenLength)
        var length = 0

        func flush() {
            if length > 0 && length <= maxTokenLength {
                tokens.append(String(decoding: current, as: UTF8.self))
            }
            current.removeAll(keepingCapacity: true)
            length = 0
        }

        for scalar in source.unicodeScalars where !add(scalar, to: &current, length: &length) {
            flush()
        }
        flush()
        return tokens
    }

    /// How a scalar takes part in tokenizing.
    enum Kind: Sendable, Equatable {
        /// A letter or a decimal digit.
        case word
        /// A combining mark: kept inside a word.
        case mark
        /// A format character (soft hyphen, zero-width joiner): skipped without splitting.
        case ignorable
        /// Anything else: ends the current token.
        case separator
    }

    /// The ``Kind`` of one scalar.
    static func classify(_ scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            default: return .separator
            }
        }
        if value >= 0x0410 && value <= 0x044F { return .word }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignorable
        default:
            return .separator
        }
    }

    /// Adds one scalar to the token being built — a letter or digit lowercased, a combining mark only inside a
    /// word, a format character skipped — and returns false when the scalar ends the token instead. `length`
    /// counts the token's scalars (a token longer than ``maxTokenLength`` is dropped by the caller).
    @inline(__always)
    static func add(_ scalar: Unicode.Scalar, to token: inout [UInt8], length: inout Int) -> Bool {
        switch classify(scalar) {
        case .word:
            length += appendLowercased(scalar, to: &token)
        case .mark:
            if length > 0 {
                append(scalar, to: &token)
                length += 1
            }
        case .ignorable:
            break
        case .separator:
            return false
        }
        return true
    }

    /// Appends the lowercase form of a word scalar (with `ё` folded to `е`); returns how many scalars the
    /// lowercase form has.
    static func appendLowercased(_ scalar: Unicode.Scalar, to token: inout [UInt8]) -> Int {
        let value = scalar.value
        var folded: Unicode.Scalar?
        switch value {
        case 0x41...0x5A, 0x0410...0x042F: folded = Unicode.Scalar(value + 0x20)
        case 0x0401, 0x0451: folded = "е"
        case 0x0400...0x040F: folded = Unicode.Scalar(value + 0x50)
        case 0x30...0x39, 0x61...0x7A, 0x0430...0x044F, 0x0452...0x045F: folded = scalar
        default: folded = nil
        }
        if let folded {
            append(folded, to: &token)
            return 1
        }
        guard scalar.properties.changesWhenLowercased else {
            append(scalar, to: &token)
            return 1
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        for part in lower { append(part, to: &token) }
        return lower.count
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inline(__always)
    static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if value < 0x800 {
            bytes.append(UInt8(0xC0 | (value >> 6)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            bytes.append(UInt8(0xE0 | (value >> 12)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            bytes.append(UInt8(0xF0 | (value >> 18)))
            bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Whether `text` has combining diacritics that canonical composition may merge into the
    /// letter before them (a decomposed `й` or `ё`, an `e` with a separate acute accent).
    static func needsComposition(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x0300 && $0.value <= 0x036F }
    }
}
