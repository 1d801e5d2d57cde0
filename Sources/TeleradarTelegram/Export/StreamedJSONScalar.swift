import Foundation

/// A scalar value found at the top level of a streamed JSON object (`"name"`, `"type"`, `"id"`…).
///
/// Nested objects and arrays other than the streamed array are skipped and not represented.
package enum StreamedJSONScalar: Sendable, Hashable, CustomStringConvertible {
    /// A JSON string, unescaped.
    case string(String)
    /// A JSON number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other JSON number.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The value as a string: strings as they are, numbers and booleans in their JSON spelling, `nil` for `null`.
    package var stringValue: String? {
        switch self {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return nil
        }
    }

    /// The value as a 64-bit integer: integers, integral doubles and strings holding an integer.
    package var int64Value: Int64? {
        switch self {
        case .integer(let value): return value
        case .double(let value):
            guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        case .string(let value): return Int64(value.trimmingCharacters(in: .whitespaces))
        case .bool, .null: return nil
        }
    }

    /// A JSON-like rendering, for diagnostics.
    package var description: String {
        switch self {
        case .string(let value): return "\"\(value)\""
        case .null: return "null"
        default: return stringValue ?? "null"
        }
    }

    /// Parses a number or literal token (`123`, `-1.5e3`, `true`, `false`, `null`); `nil` when it is neither.
    static func parseToken(_ token: String) -> StreamedJSONScalar? {
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        guard let first = token.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            return nil
        }
        if let integer = Int64(token) { return .integer(integer) }
        if let double = Double(token), double.isFinite { return .double(double) }
        return nil
    }
}
