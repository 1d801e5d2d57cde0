/// Splits a message longer than Telegram's limit (4096 UTF-16 code units of visible text, after entity
/// parsing) into parts that each fit.
///
/// Breaks go at a paragraph break if one lies in the second half of the room, else at a line break, a sentence
/// end, a space — and only when a part has no space at all, between two characters. Tags, entities and
/// grapheme clusters (emoji, surrogate pairs) are never cut. The whitespace at a break is dropped. Tags open
/// at a break are closed at the end of the part and reopened, with their attributes, at the start of the
/// next, so every part is valid HTML on its own.
package struct MessageSplitter: Sendable {
    /// Telegram's limit for message text.
    package static let telegramLimit = 4096

    /// How the text is parsed.
    package enum Format: Sendable {
        /// `parse_mode: HTML`.
        case html
        /// No parse mode: every character is literal.
        case plain
    }

    /// Largest visible length of a part, in UTF-16 code units.
    package var limit: Int
    /// How the text is parsed.
    package var format: Format

    /// A splitter for parts of at most `limit` visible UTF-16 code units.
    package init(limit: Int = Self.telegramLimit, format: Format = .html) {
        self.limit = max(1, limit)
        self.format = format
    }

    /// Kinds of break, best first.
    private enum BreakKind: Int, CaseIterable {
        case paragraph, line, sentence, word
    }

    /// A place to break: the separator atoms `start..<end` are dropped.
    private struct Break {
        var start: Int
        var end: Int
        var kind: BreakKind
    }

    /// The parts of `text`; `[text]` if it fits, `[]` if it has no visible text.
    package func split(_ text: String) -> [String] {
        let atoms = format == .html ? TelegramHTMLTokenizer.tokenize(html: text) : TelegramHTMLTokenizer.tokenize(plain: text)
        let total = atoms.reduce(0) { $0 + $1.visibleLength }
        if total <= limit { return total == 0 ? [] : [text] }
        let breaks = Self.breaks(in: atoms)
        var parts: [String] = []
        var open: [TelegramHTMLTokenizer.Token] = []
        var start = 0
        var nextBreak = 0
        while start < atoms.count {
            var end = start
            var length = 0
            while end < atoms.count, length + atoms[end].visibleLength <= limit {
                length += atoms[end].visibleLength
                end += 1
            }
            if end == atoms.count {
                emit(atoms[start..<end], open: &open, into: &parts)
                break
            }
            while nextBreak < breaks.count, breaks[nextBreak].start <= start { nextBreak += 1 }
            let (cut, resume) = chooseBreak(atoms, breaks, from: nextBreak, start: start, end: end)
            emit(atoms[start..<cut], open: &open, into: &parts)
            start = resume
        }
        return parts
    }

    /// Where the part beginning at `start` ends (`cut`) and where the next begins (`resume`),
    /// given that `atoms[start..<end]` is the most that fits.
    private func chooseBreak(
        _ atoms: [TelegramHTMLTokenizer.Token], _ breaks: [Break], from first: Int, start: Int, end: Int
    ) -> (cut: Int, resume: Int) {
        var best: [BreakKind: (brk: Break, filled: Int)] = [:]
        var filled = 0
        var position = start
        for candidate in breaks[first...] {
            if candidate.start > end { break }
            while position < candidate.start {
                filled += atoms[position].visibleLength
                position += 1
            }
            if filled > 0 { best[candidate.kind] = (candidate, filled) }
        }
        for kind in BreakKind.allCases {
            if let choice = best[kind], choice.filled * 2 >= limit { return (choice.brk.start, choice.brk.end) }
        }
        if let fallback = best.values.max(by: { $0.brk.start < $1.brk.start }) {
            return (fallback.brk.start, fallback.brk.end)
        }
        // No whitespace at all: cut between characters, keeping trailing opening tags for the next part.
        var cut = max(end, start + 1)
        while cut > start + 1, case .openTag = atoms[cut - 1] { cut -= 1 }
        return (cut, cut)
    }

    /// Renders `slice` as one part: reopens `open`, closes what is open at its end, drops empty tag pairs;
    /// updates `open` to the tags open after the slice. Parts with only whitespace are skipped.
    private func emit(
        _ slice: ArraySlice<TelegramHTMLTokenizer.Token>, open: inout [TelegramHTMLTokenizer.Token], into parts: inout [String]
    ) {
        var output: [TelegramHTMLTokenizer.Token] = open
        for token in slice {
            switch token {
            case .openTag:
                open.append(token)
                output.append(token)
            case .closeTag(let name, _):
                if let index = open.lastIndex(where: { Self.name(of: $0) == name }) {
                    open.removeSubrange(index...)
                }
                output.append(token)
            case .text:
                output.append(token)
            }
        }
        for token in open.reversed() {
            output.append(.closeTag(name: Self.name(of: token), raw: "</\(Self.name(of: token))>"))
        }
        var kept: [TelegramHTMLTokenizer.Token] = []
        for token in output {
            if case .closeTag(let name, _) = token, let last = kept.last, case .openTag(name, _) = last {
                kept.removeLast()
            } else {
                kept.append(token)
            }
        }
        guard kept.contains(where: { !$0.visible.allSatisfy(\.isWhitespace) }) else { return }
        parts.append(kept.map(\.raw).joined())
    }

    /// The tag name of an opening or closing tag.
    private static func name(of token: TelegramHTMLTokenizer.Token) -> String {
        switch token {
        case .openTag(let name, _), .closeTag(let name, _): name
        case .text: ""
        }
    }

    /// Every possible break, in order: runs of two or more line breaks, single line breaks, spaces after a
    /// sentence end, other spaces. Separators are text atoms only, so dropping them never loses a tag.
    private static func breaks(in atoms: [TelegramHTMLTokenizer.Token]) -> [Break] {
        var result: [Break] = []
        var index = 0
        while index < atoms.count {
            guard let character = atoms[index].visible.first, atoms[index].visible.count == 1,
                  case .text = atoms[index], character.isWhitespace else {
                index += 1
                continue
            }
            if character.isNewline {
                var end = index + 1
                while end < atoms.count, atoms[end].visible.first?.isNewline == true, atoms[end].visible.count == 1 { end += 1 }
                result.append(Break(start: index, end: end, kind: end - index >= 2 ? .paragraph : .line))
                index = end
                continue
            }
            let previous = index > 0 ? atoms[index - 1].visible : ""
            let endsSentence = previous.last.map { ".!?…;".contains($0) } ?? false
            result.append(Break(start: index, end: index + 1, kind: endsSentence ? .sentence : .word))
            index += 1
        }
        return result
    }
}
