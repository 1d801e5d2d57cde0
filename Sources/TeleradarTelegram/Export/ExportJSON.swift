import Foundation

/// A JSON value of one export message, parsed by ``parse(_:)`` — strict RFC 8259 JSON.
///
/// Exports hold hundreds of thousands of messages whose fields are all optional and loosely typed; reading
/// them through `JSONDecoder` with a failed attempt per unexpected type cost more than the rest of an import's
/// parsing together. This parser builds a small tree in one pass and the lenient accessors read it.
indirect enum ExportJSON: Sendable, Equatable {
    case string(String)
    /// A number, as written (parsed on use).
    case number(String)
    case bool(Bool)
    case null
    case array([ExportJSON])
    /// An object's members in order (a repeated key: the last one counts).
    case object([Member])

    /// One member of an object.
    struct Member: Sendable, Equatable {
        var key: String
        var value: ExportJSON
    }

    /// Why a text is not JSON, and where (a byte offset into the text).
    struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// The deepest nesting accepted (a hostile file cannot exhaust the stack).
    static let maximumDepth = 256

    /// Parses one complete JSON text (whitespace around the value is allowed, nothing else).
    static func parse(_ data: Data) throws(SyntaxError) -> ExportJSON {
        do {
            return try data.withUnsafeBytes { raw in
                var parser = ExportJSONParser(bytes: raw.bindMemory(to: UInt8.self))
                return try parser.document()
            }
        } catch let error as SyntaxError {
            throw error
        } catch {
            throw SyntaxError(offset: 0, reason: "\(error)")
        }
    }
}

/// The recursive-descent parser behind ``ExportJSON/parse(_:)``.
struct ExportJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document() throws(ExportJSON.SyntaxError) -> ExportJSON {
        let value = try self.value()
        skipWhitespace()
        guard position == bytes.count else { throw fail("unexpected text after the value") }
        return value
    }

    func fail(_ reason: String) -> ExportJSON.SyntaxError {
        ExportJSON.SyntaxError(offset: position, reason: reason)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value() throws(ExportJSON.SyntaxError) -> ExportJSON {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of the message") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString, _ value: ExportJSON) throws(ExportJSON.SyntaxError)
        -> ExportJSON
    {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
        else { throw fail("invalid literal") }
        position += count
        return value
    }

    private mutating func enter() throws(ExportJSON.SyntaxError) {
        depth += 1
        if depth > ExportJSON.maximumDepth { throw fail("nesting deeper than \(ExportJSON.maximumDepth) levels") }
    }

    private mutating func object() throws(ExportJSON.SyntaxError) -> ExportJSON {
        try enter()
        position += 1
        var members: [ExportJSON.Member] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail(position < bytes.count ? "expected a member name" : "unexpected end of the message")
            }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            position += 1
            members.append(ExportJSON.Member(key: key, value: try value()))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the message") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws(ExportJSON.SyntaxError) -> ExportJSON {
        try enter()
        position += 1
        var elements: [ExportJSON] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the message") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            position += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func number() throws(ExportJSON.SyntaxError) -> ExportJSON {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, (0x30...0x39).contains(bytes[position]) else { throw fail("invalid number") }
        if bytes[position] == UInt8(ascii: "0") { position += 1 } else { _ = digits() }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("invalid number") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw fail("invalid number") }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }
}
