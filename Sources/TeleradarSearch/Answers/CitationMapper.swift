/// An LLM answer after ``CitationMapper``: citations checked and renumbered.
package struct CitedAnswer: Sendable, Equatable {
    /// The answer with every citation group rewritten as `[a, b]` in the new numbering and citations
    /// of unknown sources removed.
    package var text: String
    /// The cited sources, renumbered 1, 2, … in order of first citation.
    package var sources: [AnswerSource]
    /// How many citation numbers pointed to no source and were dropped.
    package var droppedCitations: Int

    /// Whether at least one citation points to a real source.
    package var hasValidCitation: Bool { !sources.isEmpty }
    /// Whether the caller should fall back (e.g. to an extractive answer): nothing is cited.
    package var needsFallback: Bool { !hasValidCitation }
}

/// Checks and renumbers the `[n]` citations of an LLM answer against the sources of its context.
///
/// Understood forms: `[1]`, `[1, 2]`, `[1; 2]`, `[1-3]` (a range of at most 20), and adjacent groups
/// `[1][2]` or `[1] [2]`, which are merged into one `[1, 2]`. Only numbers of 1–3 digits count, and a
/// group directly followed by `(` is a Markdown link, not a citation, so `[2024]` and `[1](url)`
/// stay as they are. A citation whose number matches no source is dropped (with the space before it);
/// a group left empty disappears.
package enum CitationMapper {
    /// `answer` with its citations mapped to `sources` (matched by ``AnswerSource/number``).
    package static func map(_ answer: String, sources: [AnswerSource]) -> CitedAnswer {
        var sourceByNumber: [Int: AnswerSource] = [:]
        for source in sources where sourceByNumber[source.number] == nil { sourceByNumber[source.number] = source }
        var newNumber: [Int: Int] = [:]
        var cited: [AnswerSource] = []
        var dropped = 0

        let scalars = Array(answer.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "[", let first = parseGroup(scalars, at: index) else {
                output.append(scalars[index])
                index += 1
                continue
            }
            var numbers = first.numbers
            var end = first.end
            while true {
                var next = end
                while next < scalars.count && (scalars[next] == " " || scalars[next] == "\t") { next += 1 }
                guard next < scalars.count, scalars[next] == "[", let more = parseGroup(scalars, at: next) else { break }
                numbers += more.numbers
                end = more.end
            }
            var mapped: [Int] = []
            for number in numbers {
                guard let source = sourceByNumber[number] else {
                    dropped += 1
                    continue
                }
                let renumbered: Int
                if let known = newNumber[number] {
                    renumbered = known
                } else {
                    renumbered = cited.count + 1
                    newNumber[number] = renumbered
                    var copy = source
                    copy.number = renumbered
                    cited.append(copy)
                }
                if !mapped.contains(renumbered) { mapped.append(renumbered) }
            }
            if mapped.isEmpty {
                while let last = output.last, last == " " || last == "\t" { output.removeLast() }
                let nextIsWord = end < scalars.count && !scalars[end].properties.isWhitespace
                    && !".,;:!?)".unicodeScalars.contains(scalars[end])
                if nextIsWord, let last = output.last, !last.properties.isWhitespace { output.append(" ") }
            } else {
                output.append(contentsOf: ("[" + mapped.sorted().map(String.init).joined(separator: ", ") + "]").unicodeScalars)
            }
            index = end
        }
        return CitedAnswer(text: String(output), sources: cited, droppedCitations: dropped)
    }

    /// The numbers of the citation group starting with `[` at `start`, and the index after its `]`;
    /// `nil` when the text there is not a citation group.
    static func parseGroup(_ scalars: [Unicode.Scalar], at start: Int) -> (numbers: [Int], end: Int)? {
        var index = start + 1
        func skipSpaces() {
            while index < scalars.count && (scalars[index] == " " || scalars[index] == "\t") { index += 1 }
        }
        func number() -> Int? {
            var value = 0, digits = 0
            while index < scalars.count, let digit = asciiDigit(scalars[index]) {
                if digits < 4 { value = value * 10 + digit }
                digits += 1
                index += 1
            }
            return (1...3).contains(digits) ? value : nil
        }
        var numbers: [Int] = []
        skipSpaces()
        while true {
            guard let low = number() else { return nil }
            skipSpaces()
            if index < scalars.count, "-–—".unicodeScalars.contains(scalars[index]) {
                index += 1
                skipSpaces()
                guard let high = number(), high >= low, high - low <= 20 else { return nil }
                numbers += Array(low...high)
                skipSpaces()
            } else {
                numbers.append(low)
            }
            guard index < scalars.count else { return nil }
            if scalars[index] == "]" {
                index += 1
                if index < scalars.count && scalars[index] == "(" { return nil }
                return (numbers, index)
            }
            guard scalars[index] == "," || scalars[index] == ";" else { return nil }
            index += 1
            skipSpaces()
        }
    }

    /// The value of an ASCII digit, or `nil`.
    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
        (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : nil
    }
}
