import Foundation
import TeleradarCore

/// Extracts one post from a `.tgme_widget_message` element of a t.me web preview.
///
/// Every field is found by class token anywhere inside the message (any order of class lists, any extra
/// wrappers), except inside link previews, reply quotes and nested messages, which are handled separately.
enum WebPreviewMessageParser {
    /// A message as found on the page, before its date is made mandatory.
    struct Extracted: Sendable {
        /// The `data-post` value, e.g. `topwar_official/70991`.
        var dataPost: String
        /// The channel part of `data-post`.
        var channel: String
        /// The permalink.
        var url: String
        /// The publication date, when the message shows one.
        var postedAt: Date?
        /// Whether the page marks the message as edited.
        var isEdited: Bool
        /// The post with a placeholder date (`postedAt` above is the real one).
        var post: IncomingPost

        /// The post with `date` as its publication date (and edit marker, see `WebPreviewPost.post`).
        func post(at date: Date) -> IncomingPost {
            var result = post
            result.postedAt = date
            result.editedAt = isEdited ? date : nil
            return result
        }
    }

    /// Whether `node` is a message element (`.tgme_widget_message[data-post]`).
    static func isMessage(_ node: HTMLNode) -> Bool {
        node.kind == .element && node.hasClass("tgme_widget_message") && node.attribute("data-post") != nil
    }

    /// Extracts the message at `message`.
    static func extract(_ document: HTMLDocument, message: Int) throws(WebPreviewError) -> Extracted {
        let dataPost = (document[message].attribute("data-post") ?? "").trimmingCharacters(in: .whitespaces)
        guard let slash = dataPost.lastIndex(of: "/"),
              let messageID = Int64(dataPost[dataPost.index(after: slash)...]), messageID > 0
        else { throw .malformedMessage(post: dataPost, reason: "data-post is not <channel>/<id>") }
        let channel = String(dataPost[..<slash])
        let found = scan(document, message: message)

        var text = ""
        var entities: [TextEntity] = []
        if let textNode = found.text {
            (text, entities) = WebPreviewRichText.render(document, element: textNode)
        }
        var poll: Poll?
        if let pollNode = found.poll {
            poll = Poll(
                question: document.firstElement(withClass: "tgme_widget_message_poll_question", in: pollNode)
                    .map(document.innerText(of:)) ?? "",
                options: document.elements(withClass: "tgme_widget_message_poll_option_text", in: pollNode)
                    .map(document.innerText(of:)),
                totalVoters: found.voters.flatMap { WebPreviewScalars.counter(document.innerText(of: $0)) })
        }
        let isService = document[message].hasClass("service_message") || document[message].hasClass("tgme_widget_message_service")
        let dateHref = found.dateLink.flatMap { document[$0].attribute("href") }
        var url = "https://t.me/\(channel)/\(messageID)"
        if let dateHref, !dateHref.isEmpty {
            url = WebPreviewLinkClassifier.absolute(dateHref.replacingOccurrences(of: "?single", with: ""))
        }
        let post = IncomingPost(
            messageID: messageID,
            postedAt: Date(timeIntervalSince1970: 0),
            text: text,
            entities: entities,
            views: found.views.flatMap { WebPreviewScalars.counter(document.innerText(of: $0)) },
            forwardedFrom: forwardedFrom(document, found),
            mediaKind: found.poll != nil ? .poll : (found.media ?? (found.sawUnsupported ? .other : nil)),
            replyToMessageID: found.reply.flatMap { replyID(document[$0].attribute("href")) },
            author: found.author.map(document.innerText(of:)).flatMap(nonEmpty),
            poll: poll,
            linkPreview: found.linkPreview.flatMap { linkPreview(document, $0) },
            isService: isService,
            serviceAction: isService ? serviceAction(text) : nil)
        let postedAt = found.time.flatMap { document[$0].attribute("datetime") }.flatMap(WebPreviewScalars.date)
        return Extracted(dataPost: dataPost, channel: channel, url: url, postedAt: postedAt,
                         isEdited: found.edited, post: post)
    }

    // MARK: - Scanning

    /// Where the interesting parts of one message are.
    private struct Found {
        /// Node indices of the first `.tgme_widget_message_text`, views, voters, date link, `<time>` in the
        /// date link and any other `<time datetime>`.
        var text: Int?, views: Int?, voters: Int?, dateLink: Int?, time: Int?, anyTime: Int?
        /// Node indices of the forward name/block, signature, reply quote, link preview and poll.
        var forwardedName: Int?, forwardedBlock: Int?, author: Int?, reply: Int?, linkPreview: Int?, poll: Int?
        /// The first recognised media block's kind.
        var media: MediaKind?
        /// Whether a "media not supported / open Telegram" placeholder was seen.
        var sawUnsupported = false
        /// Whether an "edited" marker was seen.
        var edited = false
    }

    /// One linear pass over the message subtree.
    private static func scan(_ document: HTMLDocument, message: Int) -> Found {
        var found = Found()
        let end = document[message].end
        var index = message + 1
        while index < end {
            let node = document[index]
            guard node.kind == .element else {
                index += 1
                continue
            }
            let has = node.hasClass
            var skipSubtree = true
            if isMessage(node) {
                // A message inside a message only happens with broken markup; it is parsed on its own.
            } else if has("tgme_widget_message_link_preview") {
                found.linkPreview = found.linkPreview ?? index
            } else if has("tgme_widget_message_reply") {
                found.reply = found.reply ?? index
            } else if found.text == nil, has("tgme_widget_message_text") || has("tgme_widget_message_service_text") {
                found.text = index
            } else if has("tgme_widget_message_poll") {
                found.poll = found.poll ?? index
            } else if let kind = mediaKind(document, index) {
                found.media = found.media ?? kind
            } else if has("message_media_not_supported_wrap") {
                found.sawUnsupported = true
            } else {
                skipSubtree = false
                record(node, index: index, document: document, into: &found)
            }
            index = skipSubtree ? node.end : index + 1
        }
        if found.time == nil { found.time = found.anyTime }
        return found
    }

    /// Notes footer/header parts that do not end the walk into their subtree.
    private static func record(_ node: HTMLNode, index: Int, document: HTMLDocument, into found: inout Found) {
        let has = node.hasClass
        if has("tgme_widget_message_views") { found.views = found.views ?? index }
        if has("tgme_widget_message_voters") { found.voters = found.voters ?? index }
        if has("tgme_widget_message_date") { found.dateLink = found.dateLink ?? index }
        if has("tgme_widget_message_forwarded_from_name") { found.forwardedName = found.forwardedName ?? index }
        if has("tgme_widget_message_forwarded_from") { found.forwardedBlock = found.forwardedBlock ?? index }
        if has("tgme_widget_message_from_author") { found.author = found.author ?? index }
        if node.classList.contains(where: { $0.contains("edited") }) { found.edited = true }
        if has("tgme_widget_message_meta") {
            // "edited" is a bare text child of the meta span ("edited &nbsp;<a …><time …>").
            let marker = document.children(of: index).contains { child in
                document[child].kind == .text && document[child].text.lowercased().contains("edited")
            }
            if marker { found.edited = true }
        }
        if node.name == "time", node.attribute("datetime") != nil {
            if let link = found.dateLink, document.isDescendant(index, of: link) {
                found.time = found.time ?? index
            } else {
                found.anyTime = found.anyTime ?? index
            }
        }
    }

    /// The media kind of a media block element, or nil when `index` is not one.
    private static func mediaKind(_ document: HTMLDocument, _ index: Int) -> MediaKind? {
        let node = document[index]
        for token in node.classList {
            switch token {
            case "tgme_widget_message_photo_wrap", "tgme_widget_message_photo":
                return .photo
            case "tgme_widget_message_video_player", "tgme_widget_message_video_wrap", "tgme_widget_message_video":
                let looping = document.firstElement(in: index) {
                    $0.name == "video" && ($0.attribute("loop") != nil || $0.attribute("autoplay") != nil)
                }
                let gifLabel = document.firstElement(in: index) { $0.classList.contains { $0.contains("gif") } }
                let selfLooping = node.name == "video" && (node.attribute("loop") != nil || node.attribute("autoplay") != nil)
                return looping != nil || gifLabel != nil || selfLooping || token.contains("gif") ? .animation : .video
            case "tgme_widget_message_roundvideo_player", "tgme_widget_message_roundvideo_wrap",
                 "tgme_widget_message_roundvideo":
                return .videoNote
            case "tgme_widget_message_voice_player", "tgme_widget_message_voice":
                return .voice
            case "tgme_widget_message_audio_player", "tgme_widget_message_audio", "tgme_widget_message_audio_wrap":
                return .audio
            case "tgme_widget_message_document_wrap", "tgme_widget_message_document":
                let audio = document.firstElement(in: index) { $0.name == "audio" || $0.hasClass("audio") }
                return audio != nil ? .audio : .document
            case "tgme_widget_message_sticker_wrap", "tgme_widget_message_sticker", "tgme_widget_message_tgsticker_wrap",
                 "tgme_widget_message_tgsticker", "tgme_widget_message_videosticker_wrap", "tgme_widget_message_videosticker":
                return .sticker
            case "tgme_widget_message_location_wrap", "tgme_widget_message_location":
                return .location
            case "tgme_widget_message_venue_wrap", "tgme_widget_message_venue":
                return .venue
            case "tgme_widget_message_contact_wrap", "tgme_widget_message_contact":
                return .contact
            case "tgme_widget_message_game":
                return .game
            case "tgme_widget_message_invoice":
                return .invoice
            default:
                continue
            }
        }
        return nil
    }

    // MARK: - Parts

    /// The forwarded-from name: the name element, else the block's text without "Forwarded from".
    private static func forwardedFrom(_ document: HTMLDocument, _ found: Found) -> String? {
        if let name = found.forwardedName, let text = nonEmpty(document.innerText(of: name)) { return text }
        guard let block = found.forwardedBlock else { return nil }
        var text = document.innerText(of: block)
        if text.lowercased().hasPrefix("forwarded from") { text = String(text.dropFirst("forwarded from".count)) }
        return nonEmpty(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The link preview block's fields; nil without a target URL.
    private static func linkPreview(_ document: HTMLDocument, _ index: Int) -> LinkPreview? {
        guard let href = document[index].attribute("href").flatMap(nonEmpty) else { return nil }
        func field(_ token: String) -> String? {
            document.firstElement(withClass: token, in: index).map(document.innerText(of:)).flatMap(nonEmpty)
        }
        return LinkPreview(url: WebPreviewLinkClassifier.absolute(href), siteName: field("link_preview_site_name"),
                           title: field("link_preview_title"), description: field("link_preview_description"))
    }

    /// The message id at the end of a reply link such as `https://t.me/channel/123`.
    private static func replyID(_ href: String?) -> Int64? {
        guard let href else { return nil }
        let path = href.split(separator: "?").first.map(String.init) ?? href
        guard let last = path.split(separator: "/").last else { return nil }
        return Int64(last)
    }

    /// Best-effort Telegram service action name from the English service text.
    private static func serviceAction(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.contains("pinned") { return "pin_message" }
        if lower.contains("channel created") { return "create_channel" }
        if lower.contains("group created") { return "create_group" }
        if lower.contains("photo removed") || lower.contains("removed the photo") { return "delete_chat_photo" }
        if lower.contains("photo") { return "edit_chat_photo" }
        if lower.contains("name changed") || lower.contains("renamed") || lower.contains("title") { return "edit_chat_title" }
        if lower.contains("video chat") || lower.contains("live stream") || lower.contains("voice chat") { return "group_call" }
        return nil
    }

    /// `value` unless it is empty.
    private static func nonEmpty(_ value: String) -> String? {
        value.isEmpty ? nil : value
    }
}
