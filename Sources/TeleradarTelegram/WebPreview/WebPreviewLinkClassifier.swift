import Foundation

/// Decides which Telegram entity an `<a href>` inside a t.me message text stands for.
///
/// t.me renders every link-like entity as an anchor: `url` entities show their own address, mentions show
/// `@name` pointing at `https://t.me/name`, hashtags/cashtags show `#tag`/`$TAG` pointing at the page
/// search (`?q=%23tag`), e-mails and phone numbers use `mailto:`/`tel:`. Anything else is a `text_link`.
enum WebPreviewLinkClassifier {
    /// The entity type for an anchor showing `text` and pointing at `href`, plus the URL to store (only
    /// for `text_link`).
    static func classify(text rawText: String, href rawHref: String) -> (type: String, url: String?) {
        let text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        let href = rawHref.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowerHref = href.lowercased()
        if let first = text.first, first == "#" || first == "$", lowerHref.hasPrefix("?q=") || (lowerHref.contains("/s/") && lowerHref.contains("?q=")) {
            return (first == "#" ? "hashtag" : "cashtag", nil)
        }
        if text.hasPrefix("@"), isTelegramProfile(href, named: String(text.dropFirst())) {
            return ("mention", nil)
        }
        if lowerHref.hasPrefix("mailto:"), href.dropFirst("mailto:".count).caseInsensitiveCompare(text) == .orderedSame {
            return ("email", nil)
        }
        if lowerHref.hasPrefix("tel:") {
            return ("phone_number", nil)
        }
        if !text.isEmpty, sameAddress(text, href) {
            return ("url", nil)
        }
        return ("text_link", absolute(href))
    }

    /// `href` made absolute against `https://t.me` when it is protocol- or site-relative.
    static func absolute(_ href: String) -> String {
        if href.hasPrefix("//") { return "https:" + href }
        if href.hasPrefix("/") { return "https://t.me" + href }
        return href
    }

    /// Whether `href` is the t.me profile page of `name` (case-insensitive).
    private static func isTelegramProfile(_ href: String, named name: String) -> Bool {
        guard !name.isEmpty else { return false }
        var rest = strippedScheme(href.lowercased())
        for host in ["t.me/", "telegram.me/", "telegram.dog/"] where rest.hasPrefix(host) {
            rest = String(rest.dropFirst(host.count))
            if rest.hasSuffix("/") { rest.removeLast() }
            return rest == name.lowercased()
        }
        return false
    }

    /// Whether the shown `text` is the address `href` itself, ignoring scheme, case, a trailing slash and
    /// percent-encoding.
    private static func sameAddress(_ text: String, _ href: String) -> Bool {
        if text == href { return true }
        func normalised(_ value: String) -> String {
            var result = strippedScheme(value.lowercased())
            while result.hasSuffix("/") { result.removeLast() }
            return result
        }
        let shown = normalised(text)
        guard !shown.isEmpty, !shown.contains(" ") else { return false }
        let target = normalised(href)
        if shown == target { return true }
        if let decoded = href.removingPercentEncoding, normalised(decoded) == shown { return true }
        if let decodedText = text.removingPercentEncoding, normalised(decodedText) == target { return true }
        return false
    }

    /// `value` without a leading `http://` or `https://`.
    private static func strippedScheme(_ value: String) -> String {
        for scheme in ["https://", "http://"] where value.hasPrefix(scheme) {
            return String(value.dropFirst(scheme.count))
        }
        return value
    }
}
