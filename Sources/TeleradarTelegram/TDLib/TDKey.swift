import Foundation

/// The `@type` key and any other key by name, for decoding TDLib's polymorphic objects.
package struct TDKey: CodingKey, Sendable, Hashable {
    /// The key text.
    package var stringValue: String
    /// Always nil: TDLib objects have no integer keys.
    package var intValue: Int? { nil }

    /// The key `stringValue`.
    package init(stringValue: String) { self.stringValue = stringValue }
    /// Unsupported: TDLib objects have no integer keys.
    package init?(intValue: Int) { nil }
    /// The key `name`.
    package init(_ name: String) { self.stringValue = name }

    /// `@type`, present in every TDLib object.
    package static let type = TDKey("@type")

    /// Reads the `@type` of the object `decoder` is positioned on.
    package static func typeName(in decoder: any Decoder) throws -> String {
        try decoder.container(keyedBy: TDKey.self).decode(String.self, forKey: .type)
    }
}

extension KeyedDecodingContainer where Key == TDKey {
    /// A TL `int64`, which TDLib's JSON carries as a string (a number is accepted too).
    package func decodeTDInt64(forKey key: TDKey) throws -> Int64 {
        if let number = try? decode(Int64.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an int64: \(text)")
        }
        return number
    }

    /// The value at `key`, or `fallback` when the key is absent or null.
    package func decode<Value: Decodable>(_ type: Value.Type, forKey key: TDKey, default fallback: Value) throws
        -> Value
    {
        try decodeIfPresent(Value.self, forKey: key) ?? fallback
    }
}
