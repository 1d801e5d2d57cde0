import Foundation

/// Strict parser for the `application/x-www-form-urlencoded` string Telegram passes as `initData`.
///
/// Every `&`-separated segment must be `key=value` (the value may itself contain `=`), `+` means a space,
/// percent escapes must decode to UTF-8, and no key may occur twice (a duplicate could let an attacker
/// smuggle a second value past code that reads only the first one).
package enum MiniAppQueryString {
    /// Decodes `query` into its key/value pairs, in their original order.
    package static func parse(_ query: String) throws(MiniAppInitDataError) -> [(key: String, value: String)] {
        guard !query.isEmpty else { return [] }
        var pairs: [(key: String, value: String)] = []
        var seen: Set<String> = []
        for segment in query.split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = segment.firstIndex(of: "=") else {
                throw .malformed(reason: "segment without '='")
            }
            let key = try decode(segment[segment.startIndex..<equals])
            let value = try decode(segment[segment.index(after: equals)...])
            guard !key.isEmpty else { throw .malformed(reason: "empty key") }
            guard seen.insert(key).inserted else { throw .malformed(reason: "duplicate key \(key)") }
            pairs.append((key, value))
        }
        return pairs
    }

    /// Encodes `pairs` as a query string, escaping everything except RFC 3986 unreserved characters.
    package static func encode(_ pairs: [(key: String, value: String)]) -> String {
        pairs.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
    }

    /// Percent-decodes one component, treating `+` as a space.
    private static func decode(_ component: Substring) throws(MiniAppInitDataError) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw .malformed(reason: "invalid percent encoding")
        }
        return decoded
    }

    /// Percent-encodes one component.
    private static func escape(_ component: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        // `alphanumerics` includes non-ASCII letters; restrict to ASCII so the output is plain ASCII.
        var result = ""
        for scalar in component.unicodeScalars {
            if scalar.isASCII, allowed.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    result += String(format: "%%%02X", byte)
                }
            }
        }
        return result
    }
}
