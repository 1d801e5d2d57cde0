/// Incremental scanner for the extent of one JSON object, array or string, fed one chunk at a time.
///
/// It tracks string state (including backslash escapes) and a stack of open brackets, so a value can be
/// delimited without being parsed, and the state survives a chunk boundary anywhere, even between a
/// backslash and the character it escapes. It checks only what delimiting needs: brackets must match and
/// strings must not contain raw control characters; full validation is left to the decoder of the value.
struct JSONValueScanState: Sendable {
    /// What a call to `scan(_:from:)` found.
    enum Outcome: Sendable, Equatable {
        /// The bytes ran out before the value ended; feed the next chunk.
        case needMore
        /// The value ends just before this index.
        case complete(end: Int)
        /// The byte at this index cannot appear here.
        case invalid(at: Int, reason: String)
    }

    private var openBrackets: [UInt8] = []
    private var inString = false
    private var escaped = false
    private var started = false

    /// A scanner positioned before the first byte of a value.
    init() {}

    /// Scans `bytes` from `start` (the value's first byte on the first call, the first unseen byte after).
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Outcome {
        var index = start
        let count = bytes.count
        if !started, index < count {
            started = true
            switch bytes[index] {
            case JSONByte.quote: inString = true
            case JSONByte.openBrace, JSONByte.openBracket: openBrackets.append(bytes[index])
            default: return .invalid(at: index, reason: "expected '{', '[' or '\"'")
            }
            index += 1
        }
        while index < count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == JSONByte.backslash {
                    escaped = true
                } else if byte == JSONByte.quote {
                    inString = false
                    if openBrackets.isEmpty { return .complete(end: index + 1) }
                } else if byte < 0x20 {
                    let code = String(byte, radix: 16)
                    return .invalid(at: index, reason: "unescaped control character 0x\(code) in a string")
                }
                index += 1
                continue
            }
            switch byte {
            case JSONByte.quote:
                inString = true
            case JSONByte.openBrace, JSONByte.openBracket:
                openBrackets.append(byte)
            case JSONByte.closeBrace, JSONByte.closeBracket:
                let found = Character(Unicode.Scalar(byte))
                guard let open = openBrackets.popLast() else {
                    return .invalid(at: index, reason: "unbalanced '\(found)'")
                }
                let expected = open == JSONByte.openBrace ? JSONByte.closeBrace : JSONByte.closeBracket
                guard byte == expected else {
                    let wanted = Character(Unicode.Scalar(expected))
                    return .invalid(at: index, reason: "expected '\(wanted)' but found '\(found)'")
                }
                if openBrackets.isEmpty { return .complete(end: index + 1) }
            default:
                break
            }
            index += 1
        }
        return .needMore
    }
}

/// ASCII bytes the JSON scanners look for.
enum JSONByte {
    /// `"`
    static let quote = UInt8(ascii: "\"")
    /// `\`
    static let backslash = UInt8(ascii: "\\")
    /// `{`
    static let openBrace = UInt8(ascii: "{")
    /// `}`
    static let closeBrace = UInt8(ascii: "}")
    /// `[`
    static let openBracket = UInt8(ascii: "[")
    /// `]`
    static let closeBracket = UInt8(ascii: "]")
    /// `,`
    static let comma = UInt8(ascii: ",")
    /// `:`
    static let colon = UInt8(ascii: ":")
    /// Line feed, for line numbers in errors.
    static let newline = UInt8(ascii: "\n")

    /// JSON insignificant whitespace.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Bytes that can continue a number or a `true`/`false`/`null` literal.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): return true
        default: return false
        }
    }
}
