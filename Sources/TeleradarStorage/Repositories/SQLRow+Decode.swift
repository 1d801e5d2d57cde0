import Foundation
import SQLKit
import TeleradarCore

extension SQLRow {
    /// Decodes a millisecond timestamp column.
    func date(_ column: String) throws -> Date {
        Date(millis: try decode(column: column, as: Int64.self))
    }

    /// Decodes an optional millisecond timestamp column.
    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(millis:))
    }

    /// Decodes a boolean stored as BOOLEAN (PostgreSQL) or 0/1 (SQLite).
    func bool(_ column: String) throws -> Bool {
        try decode(column: column, as: Bool.self)
    }

    /// Decodes a JSON text column into a value.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        let text = try decode(column: column, as: String.self)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StorageError.corruptRow("column \(column) holds invalid JSON")
        }
    }

    /// Decodes a raw-value enum column, failing clearly on unknown values.
    func enumValue<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = T(rawValue: raw) else { throw StorageError.corruptRow("column \(column) holds '\(raw)'") }
        return value
    }
}

/// Encodes a value as JSON text for a column.
func jsonText(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
}
