import Foundation
import TeleradarCore

/// Parses the HTML of Telegram's public channel web preview, `https://t.me/s/<channel>` (and its
/// `?before=<id>` pages), into posts, the channel header and the pagination cursor.
///
/// Pure and synchronous: no I/O, no shared state. Tolerant of markup drift (class tokens are matched in
/// any order and at any depth), but never returns a silently empty result for something that is not a
/// channel preview: see `WebPreviewError.unrecognisedPage`.
package enum WebPreviewParser {
    /// Parses a whole preview page.
    ///
    /// - Parameters:
    ///   - html: The page HTML.
    ///   - expectedChannel: The channel that was requested (with or without `@`), used to name the channel in
    ///     errors, as the username fallback, and to detect a page of another channel.
    /// - Returns: The page; a real channel without posts gives an empty `posts`.
    /// - Throws: `WebPreviewError.unrecognisedPage` when the HTML has neither a channel header nor messages;
    ///   `.channelMismatch` when it is another channel's page; the first message error when the page has
    ///   message wraps but none of them could be parsed.
    package static func parse(html: String, expectedChannel: String?) throws(WebPreviewError) -> WebPreviewPage {
        let expected = expectedChannel.map(normalisedUsername).flatMap { $0.isEmpty ? nil : $0 }
        let document = HTMLDocument(html: html)
        let messages = document.elements(where: WebPreviewMessageParser.isMessage)
        let info = document.firstElement(withClass: "tgme_channel_info")
        let history = document.firstElement(withClass: "tgme_channel_history")
        guard info != nil || history != nil || !messages.isEmpty else {
            throw .unrecognisedPage(channel: expected)
        }

        var extracted: [WebPreviewMessageParser.Extracted] = []
        var skipped: [WebPreviewError] = []
        for message in messages {
            do throws(WebPreviewError) {
                extracted.append(try WebPreviewMessageParser.extract(document, message: message))
            } catch {
                skipped.append(error)
            }
        }
        let posts = dated(extracted, skipped: &skipped)
        if posts.isEmpty, let first = skipped.first { throw first }

        let pageUsername = headerUsername(document)
        if let expected, let found = pageUsername ?? posts.first?.channelUsername,
           found.lowercased() != expected.lowercased() {
            throw .channelMismatch(expected: expected, found: found)
        }
        let channel = WebPreviewChannel(
            username: pageUsername ?? posts.first?.channelUsername ?? expected ?? "",
            title: title(document),
            description: description(document),
            avatarURL: avatarURL(document, info: info),
            subscriberCount: subscriberCount(document))
        return WebPreviewPage(channel: channel, posts: posts, olderCursor: olderCursor(document), skipped: skipped)
    }

    /// Parses a single message wrap (or any HTML containing one) into a post.
    ///
    /// - Throws: `WebPreviewError.noMessage` when there is no message element, `.malformedMessage` when it
    ///   has no usable id or date.
    package static func parseMessage(html: String) throws(WebPreviewError) -> IncomingPost {
        let document = HTMLDocument(html: html)
        guard let message = document.firstElement(where: WebPreviewMessageParser.isMessage) else { throw .noMessage }
        let extracted = try WebPreviewMessageParser.extract(document, message: message)
        guard let date = extracted.postedAt else {
            throw .malformedMessage(post: extracted.dataPost, reason: "no <time datetime> date")
        }
        return extracted.post(at: date)
    }

    // MARK: - Posts

    /// Posts with their dates. A service message without a date borrows its neighbour's (the closest
    /// earlier dated post, else the next one); any other message without a date is skipped as malformed.
    private static func dated(_ messages: [WebPreviewMessageParser.Extracted], skipped: inout [WebPreviewError]) -> [WebPreviewPost] {
        var nextDates = [Date?](repeating: nil, count: messages.count)
        var upcoming: Date?
        for position in messages.indices.reversed() {
            nextDates[position] = upcoming
            upcoming = messages[position].postedAt ?? upcoming
        }
        var posts: [WebPreviewPost] = []
        var previous: Date?
        for (position, message) in messages.enumerated() {
            var date = message.postedAt
            if date == nil, message.post.isService { date = previous ?? nextDates[position] }
            previous = message.postedAt ?? previous
            guard let date else {
                skipped.append(.malformedMessage(post: message.dataPost, reason: "no <time datetime> date"))
                continue
            }
            posts.append(WebPreviewPost(post: message.post(at: date), channelUsername: message.channel,
                                        url: message.url, isEdited: message.isEdited))
        }
        return posts
    }

    /// The `before` cursor of the "load older" link, else of `<link rel="prev">`.
    private static func olderCursor(_ document: HTMLDocument) -> Int64? {
        let more = document.firstElement { $0.hasClass("tme_messages_more") && $0.attribute("data-before") != nil }
            ?? document.firstElement { $0.hasClass("js-messages_more") && $0.attribute("data-before") != nil }
        if let more, let value = document[more].attribute("data-before").flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) {
            return value
        }
        if let prev = document.firstElement(where: { $0.name == "link" && $0.attribute("rel")?.lowercased() == "prev" }),
           let href = document[prev].attribute("href") {
            return queryValue("before", in: href).flatMap { Int64($0) }
        }
        return nil
    }

    // MARK: - Channel header

    /// The username shown by the page itself (header, header link, `data-url`, app-link meta), if any.
    private static func headerUsername(_ document: HTMLDocument) -> String? {
        if let node = document.firstElement(withClass: "tgme_channel_info_header_username") {
            let shown = normalisedUsername(document.innerText(of: node))
            if !shown.isEmpty, !shown.contains(" ") { return shown }
            if let link = document.firstElement(named: "a", in: node), let href = document[link].attribute("href") {
                let fromLink = normalisedUsername(href)
                if !fromLink.isEmpty { return fromLink }
            }
        }
        if let main = document.firstElement(where: { $0.hasClass("tgme_main") && $0.attribute("data-url") != nil }),
           let dataURL = document[main].attribute("data-url") {
            let name = normalisedUsername(dataURL)
            if !name.isEmpty, !name.contains("/") { return name }
        }
        for key in ["al:android:url", "al:ios:url"] {
            if let appLink = document.metaContent(key), let domain = queryValue("domain", in: appLink), !domain.isEmpty {
                return domain
            }
        }
        return nil
    }

    /// The channel title: header title, else `og:title`, else `<title>` without " – Telegram".
    private static func title(_ document: HTMLDocument) -> String? {
        for token in ["tgme_channel_info_header_title", "tgme_header_title"] {
            if let node = document.firstElement(withClass: token) {
                let text = document.innerText(of: node)
                if !text.isEmpty { return text }
            }
        }
        if let ogTitle = document.metaContent("og:title"), !ogTitle.isEmpty { return ogTitle }
        guard let node = document.firstElement(named: "title") else { return nil }
        let text = document.innerText(of: node).replacingOccurrences(of: " – Telegram", with: "")
        return text.isEmpty ? nil : text
    }

    /// The channel description from the header, else `og:description`.
    private static func description(_ document: HTMLDocument) -> String? {
        if let node = document.firstElement(withClass: "tgme_channel_info_description") {
            let text = document.innerText(of: node)
            if !text.isEmpty { return text }
        }
        let meta = document.metaContent("og:description")?.trimmingCharacters(in: .whitespacesAndNewlines)
        return meta?.isEmpty == false ? meta : nil
    }

    /// The avatar image: header photo, else `og:image`.
    private static func avatarURL(_ document: HTMLDocument, info: Int?) -> String? {
        for scope in [info, document.firstElement(withClass: "tgme_header_link")].compactMap({ $0 }) {
            if let photo = document.firstElement(withClass: "tgme_page_photo_image", in: scope),
               let image = document.firstElement(named: "img", in: photo),
               let src = document[image].attribute("src"), !src.isEmpty {
                return WebPreviewLinkClassifier.absolute(src)
            }
        }
        return document.metaContent("og:image").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The subscriber (or member) count from the header counters, else from the compact header line.
    private static func subscriberCount(_ document: HTMLDocument) -> Int? {
        let audience = ["subscriber", "member"]
        for counter in document.elements(withClass: "tgme_channel_info_counter") {
            guard let type = document.firstElement(withClass: "counter_type", in: counter),
                  let value = document.firstElement(withClass: "counter_value", in: counter) else { continue }
            let label = document.innerText(of: type).lowercased()
            if audience.contains(where: label.contains) { return WebPreviewScalars.counter(document.innerText(of: value)) }
        }
        if let header = document.firstElement(withClass: "tgme_header_counter") {
            let text = document.innerText(of: header)
            if audience.contains(where: text.lowercased().contains) { return WebPreviewScalars.counter(text) }
        }
        return nil
    }

    // MARK: - Helpers

    /// A username from `@name`, `name`, `/name`, `https://t.me/name` or `https://t.me/s/name?…`.
    static func normalisedUsername(_ raw: String) -> String {
        var value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["https://", "http://", "//"] where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count))
        }
        for host in ["t.me/", "telegram.me/", "telegram.dog/"] where value.lowercased().hasPrefix(host) {
            value = String(value.dropFirst(host.count))
        }
        while value.hasPrefix("/") || value.hasPrefix("@") { value.removeFirst() }
        if value.lowercased().hasPrefix("s/") { value = String(value.dropFirst(2)) }
        if let cut = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = String(value[..<cut]) }
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }

    /// The value of `name` in the query string of `url`.
    private static func queryValue(_ name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}
