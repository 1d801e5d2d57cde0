/// Builds request URLs from a configured base URL and an API path.
///
/// Users configure base URLs in several spellings (`https://api.openai.com`, `https://api.openai.com/`,
/// `https://openrouter.ai/api/v1`). The path is appended once: a trailing slash on the base is dropped, and when
/// the base already ends with the path's version prefix (`/v1`, `/api/v1`) that prefix is not repeated.
package enum ModelEndpoint {
    /// Joins `base` and `path` (which starts with `/`), without doubling a shared version prefix.
    package static func url(base: String, path: String) -> String {
        var base = base.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        let path = path.hasPrefix("/") ? path : "/" + path
        for prefix in ["/api/v1", "/v1"] where path.hasPrefix(prefix + "/") && base.hasSuffix(prefix) {
            return base + path.dropFirst(prefix.count)
        }
        return base + path
    }
}
