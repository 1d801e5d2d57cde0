import Foundation

/// Tolerant field decoding for Mini App JSON, which some clients and libraries send with numbers
/// and booleans as strings (`"id": "123"`, `"is_premium": "true"`).
extension KeyedDecodingContainer {
    /// An integer given as a JSON number or a decimal string; nil when absent or null.
    func decodeLenientInt64IfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int64.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an integer: \(text)")
        }
        return number
    }

    /// A required integer given as a JSON number or a decimal string.
    func decodeLenientInt64(forKey key: Key) throws -> Int64 {
        guard let number = try decodeLenientInt64IfPresent(forKey: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing \(key.stringValue)"))
        }
        return number
    }

    /// A boolean given as JSON `true`/`false` or the strings `"true"`/`"false"`; nil when absent or null.
    func decodeLenientBoolIfPresent(forKey key: Key) throws -> Bool? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        switch try decode(String.self, forKey: key).lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a boolean")
        }
    }
}
