import Foundation

extension ExportJSONParser {
    /// A string value, the parser at its opening quote: escapes decoded, UTF-8 validated.
    mutating func string() throws(ExportJSON.SyntaxError) -> String {
        position += 1
        let start = position
        // Most strings have no escapes: validate the bytes in place.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try validated(UnsafeBufferPointer(rebasing: bytes[start..<position]))
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character inside a string") }
            position += 1
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try buffer.withUnsafeBufferPointer { (all) throws(ExportJSON.SyntaxError) in try validated(all) }
            }
            if byte < 0x20 { throw fail("control character inside a string") }
            guard byte == UInt8(ascii: "\\") else {
                // Copy the run up to the next quote, backslash or control character at once.
                let run = position
                position += 1
                while position < bytes.count {
                    let next = bytes[position]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
                    position += 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"): append(try unicodeEscape(), to: &buffer)
            default:
                position -= 1
                throw fail("invalid escape in a string")
            }
        }
        throw fail("unexpected end of the message inside a string")
    }

    /// The scalar of a `\uXXXX` escape (the parser after the `u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(ExportJSON.SyntaxError) -> Unicode.Scalar {
        let first = try hex4()
        if (0xDC00...0xDFFF).contains(first) { throw fail("unpaired surrogate in a string") }
        guard (0xD800...0xDBFF).contains(first) else { return Unicode.Scalar(first)! }
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
        else { throw fail("unpaired surrogate in a string") }
        position += 2
        let second = try hex4()
        guard (0xDC00...0xDFFF).contains(second) else { throw fail("unpaired surrogate in a string") }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
    }

    private mutating func hex4() throws(ExportJSON.SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("unexpected end of the message inside a string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid \\u escape in a string")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func append(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        UTF8.encode(scalar) { buffer.append($0) }
    }

    private func validated(_ bytes: UnsafeBufferPointer<UInt8>) throws(ExportJSON.SyntaxError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8 inside a string") }
        return text
    }
}
