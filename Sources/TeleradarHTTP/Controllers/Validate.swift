import Foundation
import Hummingbird
import TeleradarCore

/// Checks of parameters and body fields; every failure is a 400 `invalid_parameter` naming the parameter,
/// quoting at most a short prefix of what was sent.
enum Validate {
    static func fail(_ name: String, _ rule: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: "\(name) \(rule)")
    }

    /// A short, printable prefix of a value for messages.
    static func quote(_ value: String) -> String {
        let printable = value.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        let text = String(String.UnicodeScalarView(printable))
        return "'" + (text.count > 40 ? text.prefix(40) + "…" : text) + "'"
    }

    /// One of an enum's raw values.
    static func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ raw: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: raw.lowercased()) else {
            throw fail(name, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \(quote(raw))")
        }
        return value
    }

    /// An optional query parameter that must be one of an enum's raw values.
    static func optionalQuery<T: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, as type: T.Type)
        throws -> T?
    where T.RawValue == String {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        return try oneOf(name, raw, as: type)
    }

    /// An optional text query parameter of at most `maxLength` characters.
    static func optionalText(_ request: Request, _ name: String, maxLength: Int) throws -> String? {
        guard let raw = request.uri.queryParameters.get(name) else { return nil }
        guard raw.count <= maxLength else { throw fail(name, "must be at most \(maxLength) characters") }
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw fail(name, "must not contain control characters")
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A whole number in `range`.
    static func int(_ name: String, _ value: Int?, default fallback: Int? = nil, range: ClosedRange<Int>) throws -> Int?
    {
        guard let value else { return fallback }
        guard range.contains(value) else { throw fail(name, "must be from \(range.lowerBound) to \(range.upperBound)") }
        return value
    }

    /// A path parameter that is a positive database id.
    static func id(_ context: some RequestContext, _ name: String = "id") throws -> Int64 {
        guard let raw = context.parameters.get(name), let value = Int64(raw), value > 0 else {
            throw fail(name, "must be a positive whole number")
        }
        return value
    }
}
