import Foundation

/// Lenient reading of export messages: a field of an unexpected type reads as absent, never as an error.
extension ExportJSON {
    /// The member `key` of an object (the last one when repeated); nil when absent or when this is not an object.
    subscript(key: String) -> ExportJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string at `key`, or nil when it is absent, `null` or not a string.
    func string(_ key: String) -> String? {
        guard case .string(let text)? = self[key] else { return nil }
        return text
    }

    /// The integer at `key`, written as a number (integral) or as a string of digits; nil otherwise.
    func int64(_ key: String) -> Int64? {
        switch self[key] {
        case .string(let text)?:
            return Int64(text.trimmingCharacters(in: .whitespaces))
        case .number(let text)?:
            if let exact = Int64(text) { return exact }
            guard let value = Double(text), value.rounded() == value else { return nil }
            return Int64(exactly: value)
        default:
            return nil
        }
    }

    /// Whether `key` is present with a value other than `null`.
    func hasValue(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return value != .null
    }

    /// The elements at `key` when it is an array, else nil.
    func array(_ key: String) -> [ExportJSON]? {
        guard case .array(let elements)? = self[key] else { return nil }
        return elements
    }
}
