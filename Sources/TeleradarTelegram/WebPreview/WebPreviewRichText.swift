import Foundation
import TeleradarCore

/// Turns the markup of a t.me message text (`.tgme_widget_message_text`) back into Telegram's model:
/// plain text plus formatting/link entities with UTF-16 offsets.
///
/// Whitespace: t.me writes message newlines as `<br>` and never puts raw line breaks inside text, so a
/// whitespace run that contains a line break or tab is source formatting and collapses to one space (none
/// at the start of a line); runs of plain spaces are the author's and are kept. Inside `<pre>` everything
/// is kept. The result is trimmed and entities are clipped to it.
enum WebPreviewRichText {
    /// The text and entities of the subtree at `element`.
    static func render(_ document: HTMLDocument, element: Int) -> (text: String, entities: [TextEntity]) {
        var builder = Builder()
        var frames: [Frame] = []
        var preDepth = 0
        let end = document[element].end
        var index = element + 1
        while index < end {
            while let top = frames.last, top.end <= index {
                builder.close(frames.removeLast())
                if top.preservesWhitespace { preDepth -= 1 }
            }
            let node = document[index]
            switch node.kind {
            case .text:
                builder.append(node.text, preserving: preDepth > 0)
            case .element:
                if node.name == "br" {
                    builder.newline()
                } else if node.hasClass("emoji") || node.name == "img" {
                    // `<i class="emoji"><b>😀</b></i>` is one emoji, not italic + bold.
                    let emoji = node.name == "img" ? (node.attribute("alt") ?? "") : document.innerText(of: index)
                    builder.append(emoji, preserving: false)
                    index = node.end
                    continue
                } else if var frame = Frame(node: node, index: index, document: document, insidePre: preDepth > 0) {
                    (frame.start, frame.utf8Start) = builder.startEntity()
                    if frame.preservesWhitespace { preDepth += 1 }
                    frames.append(frame)
                }
            case .document, .rawText, .comment:
                break
            }
            index += 1
        }
        while let frame = frames.popLast() { builder.close(frame) }
        return builder.finish()
    }

    /// An open element that produces an entity (or preserves whitespace) until `end`.
    fileprivate struct Frame {
        /// What the element means.
        enum Meaning {
            /// A plain formatting entity.
            case entity(type: String, language: String?)
            /// `<a href>`: classified as url/mention/hashtag/text_link when it closes.
            case link(href: String)
        }

        /// Exclusive end of the element's subtree (node index).
        var end: Int
        /// UTF-16 offset where the element's text starts.
        var start = 0
        /// UTF-8 offset of the same point (to slice the covered text cheaply).
        var utf8Start = 0
        /// What the element means.
        var meaning: Meaning
        /// Whether whitespace inside is kept verbatim (`<pre>`).
        var preservesWhitespace = false

        /// The frame for `node`, or nil when the element carries no meaning for text.
        init?(node: HTMLNode, index: Int, document: HTMLDocument, insidePre: Bool) {
            end = node.end
            switch node.name {
            case "b", "strong": meaning = .entity(type: "bold", language: nil)
            case "i", "em": meaning = .entity(type: "italic", language: nil)
            case "u", "ins": meaning = .entity(type: "underline", language: nil)
            case "s", "strike", "del": meaning = .entity(type: "strikethrough", language: nil)
            case "tg-spoiler": meaning = .entity(type: "spoiler", language: nil)
            case "code" where !insidePre: meaning = .entity(type: "code", language: nil)
            case "pre":
                meaning = .entity(type: "pre", language: Self.language(of: index, in: document))
                preservesWhitespace = true
            case "blockquote":
                let expandable = node.attribute("expandable") != nil || node.hasClass("expandable")
                meaning = .entity(type: expandable ? "expandable_blockquote" : "blockquote", language: nil)
            case "a":
                guard let href = node.attribute("href"), !href.isEmpty,
                      !href.lowercased().hasPrefix("javascript:") else { return nil }
                meaning = .link(href: href)
            default:
                guard node.classList.contains(where: { $0.contains("spoiler") }) else { return nil }
                meaning = .entity(type: "spoiler", language: nil)
            }
        }

        /// The language of a `<pre>` block: `data-language`, or a `language-xxx` class on it or its `<code>`.
        private static func language(of pre: Int, in document: HTMLDocument) -> String? {
            if let explicit = document[pre].attribute("data-language"), !explicit.isEmpty { return explicit }
            let candidates = [pre] + document.elements(in: pre) { $0.name == "code" }
            for candidate in candidates {
                if let explicit = document[candidate].attribute("data-language"), !explicit.isEmpty { return explicit }
                if let token = document[candidate].classList.first(where: { $0.hasPrefix("language-") }) {
                    return String(token.dropFirst("language-".count))
                }
            }
            return nil
        }
    }

    /// Accumulates text and entities while tracking UTF-16 length.
    fileprivate struct Builder {
        /// The text so far (untrimmed).
        private var text = ""
        /// `text.utf16.count`, tracked incrementally.
        private var utf16Count = 0
        /// Whether collapsed source whitespace is waiting to be written as one space.
        private var pendingSpace = false
        /// The last scalar written.
        private var last: Unicode.Scalar?
        /// Entities recorded so far (untrimmed offsets).
        private var entities: [TextEntity] = []

        /// Appends text content, applying the whitespace rule described on `WebPreviewRichText`.
        mutating func append(_ string: String, preserving: Bool) {
            var run: [Unicode.Scalar] = []
            var runHasBreak = false
            for scalar in string.unicodeScalars {
                if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                    run.append(scalar)
                    if scalar != " " { runHasBreak = true }
                    continue
                }
                endRun(&run, hasBreak: &runHasBreak, preserving: preserving)
                flushPendingSpace()
                emit(scalar)
            }
            endRun(&run, hasBreak: &runHasBreak, preserving: preserving)
        }

        /// A `<br>`.
        mutating func newline() {
            pendingSpace = false
            emit("\n")
        }

        /// Marks the start of an entity and returns its UTF-16 and UTF-8 offsets.
        mutating func startEntity() -> (utf16: Int, utf8: Int) {
            flushPendingSpace()
            return (utf16Count, text.utf8.count)
        }

        /// Ends `frame`, recording its entity when it covers any text.
        mutating func close(_ frame: Frame) {
            let length = utf16Count - frame.start
            guard length > 0 else { return }
            switch frame.meaning {
            case .entity(let type, let language):
                entities.append(TextEntity(type: type, offset: frame.start, length: length, language: language))
            case .link(let href):
                // Everything written since the link opened is the link's text.
                let covered = String(text.utf8.dropFirst(frame.utf8Start)) ?? ""
                let (type, url) = WebPreviewLinkClassifier.classify(text: covered, href: href)
                entities.append(TextEntity(type: type, offset: frame.start, length: length, url: url))
            }
        }

        /// The trimmed text and its entities, sorted by offset (outer entities first).
        func finish() -> (text: String, entities: [TextEntity]) {
            let scalars = Array(text.unicodeScalars)
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
            }
            let leadingScalars = scalars.prefix(while: isSpace)
            let trailingScalars = scalars.dropFirst(leadingScalars.count).reversed().prefix(while: isSpace)
            let leading = leadingScalars.count
            let trailing = trailingScalars.count
            let body = scalars[leading..<(scalars.count - trailing)]
            var result = ""
            result.unicodeScalars.append(contentsOf: body)
            let length = result.utf16.count
            let clipped = entities.enumerated().compactMap { position, entity -> (Int, TextEntity)? in
                let start = max(entity.offset - leading, 0)
                let end = min(entity.offset + entity.length - leading, length)
                guard end > start else { return nil }
                var moved = entity
                moved.offset = start
                moved.length = end - start
                return (position, moved)
            }
            let sorted = clipped.sorted { lhs, rhs in
                if lhs.1.offset != rhs.1.offset { return lhs.1.offset < rhs.1.offset }
                if lhs.1.length != rhs.1.length { return lhs.1.length > rhs.1.length }
                return lhs.0 < rhs.0
            }
            return (result, sorted.map(\.1))
        }

        /// Writes or defers a finished whitespace run.
        private mutating func endRun(_ run: inout [Unicode.Scalar], hasBreak: inout Bool, preserving: Bool) {
            defer {
                run.removeAll(keepingCapacity: true)
                hasBreak = false
            }
            guard !run.isEmpty else { return }
            if preserving {
                flushPendingSpace()
                run.forEach { emit($0) }
            } else if hasBreak {
                pendingSpace = true
            } else {
                pendingSpace = false
                run.forEach { emit($0) }
            }
        }

        /// Writes the deferred space unless at the start of the text or of a line.
        private mutating func flushPendingSpace() {
            guard pendingSpace else { return }
            pendingSpace = false
            if let last, last != "\n", last != " " { emit(" ") }
        }

        /// Appends one scalar.
        private mutating func emit(_ scalar: Unicode.Scalar) {
            text.unicodeScalars.append(scalar)
            utf16Count += scalar.value > 0xFFFF ? 2 : 1
            last = scalar
        }
    }
}
