import Foundation

/// A user's keyword search, parsed safely into clauses that render as SQLite FTS5 `MATCH` and
/// PostgreSQL `to_tsquery('simple', …)` expressions over the stemmed `search_text` column.
///
/// Understood syntax: plain words (stemmed by ``SearchText``), `"quoted phrases"`, a trailing `*`
/// for a prefix (`канал*`: tokenized and lowercased, not stemmed) and a leading `-` to exclude a
/// word or a `-"phrase"`. A word with inner punctuation (`gpt-4`, `foo:bar`) becomes a phrase of its
/// parts. Everything else — `:`, `(`, `)`, `^`, `+`, an unbalanced `"`, `NEAR`, `AND`, `OR`, `NOT`
/// (plain words here) — is ignored or searched as text, so no input yields an invalid expression.
///
/// Only the first ``maxInputScalars`` scalars are read, and at most ``maxIncluded`` wanted and
/// ``maxExcluded`` excluded clauses are kept (duplicates dropped).
package struct KeywordQuery: Sendable, Equatable {
    /// One searchable unit: a single word, or a phrase of adjacent words.
    package struct Clause: Sendable, Equatable, Hashable {
        /// The words, stemmed — except the last one of a prefix clause, which is only tokenized.
        package var words: [String]
        /// Whether the last word is a prefix (matches any indexed stem starting with it).
        package var isPrefix: Bool
        /// For a single-word clause whose stem differs from the word as typed: the word, matched as an
        /// alternative. Snowball stems some forms of a word apart («канал» → «кана», «каналов» → «канал»): the word
        /// as typed meets the stems of its other forms in the index (and the surface words that rows indexed by
        /// earlier versions still hold).
        package var surface: String?

        /// A clause of `words` (at least one), the last one a prefix when `isPrefix`.
        package init(words: [String], isPrefix: Bool = false, surface: String? = nil) {
            self.words = words
            self.isPrefix = isPrefix
            self.surface = surface
        }
    }

    /// How many Unicode scalars of the user's input are read.
    package static let maxInputScalars = 1_000
    /// How many wanted clauses are kept.
    package static let maxIncluded = 32
    /// How many excluded clauses are kept.
    package static let maxExcluded = 16
    /// The shortest prefix, in scalars, searched as a prefix; a shorter one is searched as a word.
    package static let minPrefixLength = 2

    /// The clauses a result should match (any of them; more matches rank higher).
    package private(set) var included: [Clause] = []
    /// The clauses a result must not match.
    package private(set) var excluded: [Clause] = []
    /// Single stop words, held back while parsing (see ``StopWords``).
    private var stopClauses: [Clause] = []

    /// Parses a user's search string; never fails.
    package init(_ text: String) {
        let s = Array(text.unicodeScalars.prefix(Self.maxInputScalars))
        var i = 0
        var negateQuoted = false
        while i < s.count {
            let scalar = s[i]
            if scalar == "\"" {
                let negated = negateQuoted
                negateQuoted = false
                guard let close = s[(i + 1)...].firstIndex(of: "\"") else {
                    i += 1  // An unbalanced quote is ignored.
                    continue
                }
                var next = close + 1
                while next < s.count && s[next] == "*" { next += 1 }
                add(tokensOf: s[(i + 1)..<close], prefix: next > close + 1, negated: negated)
                i = next
                continue
            }
            negateQuoted = false
            if scalar.properties.isWhitespace {
                i += 1
                continue
            }
            var end = i
            while end < s.count && s[end] != "\"" && !s[end].properties.isWhitespace { end += 1 }
            let chunk = s[i..<end]
            let dashes = chunk.prefix { $0 == "-" }.count
            if dashes == chunk.count {
                negateQuoted = end < s.count && s[end] == "\""
            } else {
                let body = chunk.dropLast(chunk.reversed().prefix { $0 == "*" }.count)
                let prefix = body.count < chunk.count && Tokenizer.classify(body.last ?? " ") != .separator
                add(tokensOf: chunk, prefix: prefix, negated: dashes > 0)
            }
            i = end
        }
        // Function words («который», «это», "the") match most posts and cost the most to rank while adding
        // little; they are searched only when the query has nothing else.
        if included.isEmpty { included = Array(stopClauses.prefix(Self.maxIncluded)) }
        stopClauses = []
    }

    /// A query of ready clauses (for tests and callers that build queries themselves).
    package init(included: [Clause], excluded: [Clause] = []) {
        self.included = included.filter { !$0.words.isEmpty }
        self.excluded = excluded.filter { !$0.words.isEmpty }
    }

    /// The FTS5 terms a single-word wanted clause is searched as (stem, possibly as a prefix, and the surface word);
    /// nil for phrases and explicit prefixes.
    package static func terms(of clause: Clause) -> [(word: String, prefix: Bool)]? {
        alternatives(clause, stemPrefix: true)
    }

    /// Whether there is nothing to search for (no wanted clause; exclusions alone search nothing).
    package var isEmpty: Bool { included.isEmpty }

    /// The distinct words of the wanted clauses, in order (prefixes as typed), for highlighting
    /// and scoring.
    package var positiveStems: [String] {
        var seen = Set<String>()
        return included.flatMap(\.words).filter { seen.insert($0).inserted }
    }

    /// The SQLite FTS5 `MATCH` expression, or `nil` when there is nothing to search for.
    ///
    /// Clauses are double-quoted FTS5 strings joined by `OR` (bm25 ranks rows matching more of them
    /// higher); phrases are `"a b"`, prefixes `"pre"*`; exclusions follow as `NOT "x"` after the
    /// parenthesized wanted clauses.
    package func fts5Match() -> String? {
        guard !included.isEmpty else { return nil }
        let wanted = included.map { Self.fts5($0, stemPrefix: true) }.joined(separator: " OR ")
        guard !excluded.isEmpty else { return wanted }
        return "(" + wanted + ")" + excluded.map { " NOT " + Self.fts5($0, stemPrefix: false) }.joined()
    }

    /// The PostgreSQL `to_tsquery('simple', …)` text, or `nil` when there is nothing to search for.
    ///
    /// Clauses are `'term'` joined by ` | `; phrases are `('a' <-> 'b')`, prefixes `'pre':*`;
    /// exclusions follow as `& !'x'` after the parenthesized wanted clauses.
    package func tsquery() -> String? {
        guard !included.isEmpty else { return nil }
        let wanted = included.map { Self.tsquery($0, stemPrefix: true) }.joined(separator: " | ")
        guard !excluded.isEmpty else { return wanted }
        return "(" + wanted + ")" + excluded.map { " & !" + Self.tsquery($0, stemPrefix: false) }.joined()
    }

    /// Adds the clause made of the tokens of `scalars`, if any.
    private mutating func add(tokensOf scalars: ArraySlice<Unicode.Scalar>, prefix: Bool, negated: Bool) {
        let tokens = Tokenizer.tokens(String(String.UnicodeScalarView(scalars)))
        guard let last = tokens.last else { return }
        let isPrefix = prefix && last.unicodeScalars.count >= Self.minPrefixLength
        var words = SearchText.stems(ofTokens: tokens)
        if isPrefix { words[words.count - 1] = last }
        words.removeAll { $0.isEmpty }
        guard !words.isEmpty else { return }
        let surface = words.count == 1 && !isPrefix && tokens.count == 1 && tokens[0] != words[0] ? tokens[0] : nil
        let clause = Clause(words: words, isPrefix: isPrefix, surface: surface)
        let same = { (other: Clause) in other.words == clause.words && other.isPrefix == clause.isPrefix }
        if !negated, !isPrefix, tokens.count == 1, StopWords.contains(tokens[0]) {
            if !stopClauses.contains(where: same) { stopClauses.append(clause) }
        } else if negated {
            if excluded.count < Self.maxExcluded && !excluded.contains(where: same) { excluded.append(clause) }
        } else {
            if included.count < Self.maxIncluded && !included.contains(where: same) { included.append(clause) }
        }
    }

    /// One clause as an FTS5 string: `"a b"`, with `*` after it for a prefix; `"` is doubled.
    private static func fts5(_ clause: Clause, stemPrefix: Bool) -> String {
        let quote = { (word: String) in "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        if let alternatives = alternatives(clause, stemPrefix: stemPrefix) {
            let rendered = alternatives.map { quote($0.word) + ($0.prefix ? "*" : "") }
            return rendered.count == 1 ? rendered[0] : "(" + rendered.joined(separator: " OR ") + ")"
        }
        let body = clause.words.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: " ")
        return "\"" + body + "\"" + (clause.isPrefix ? "*" : "")
    }

    /// Shortest Cyrillic stem searched as a prefix: Snowball sometimes cuts one form of a word shorter than
    /// another («фестивали» → «фестива», «фестиваль» → «фестивал»), and a stem-prefix meets both.
    static let minStemPrefixLength = 5

    /// For a single-word clause: the stem (as a prefix when long enough and Cyrillic, in wanted clauses), the
    /// surface word and the stem of the stem, each unless already covered. Nil for phrases and explicit prefixes.
    private static func alternatives(_ clause: Clause, stemPrefix: Bool) -> [(word: String, prefix: Bool)]? {
        guard clause.words.count == 1, !clause.isPrefix else { return nil }
        let stem = clause.words[0]
        let cyrillic = stem.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        let asPrefix = stemPrefix && cyrillic && stem.count >= minStemPrefixLength
        var result = [(word: stem, prefix: asPrefix)]
        if let surface = clause.surface, !(asPrefix && surface.hasPrefix(stem)) { result.append((surface, false)) }
        // The other direction: «каналов» → «канал», while «канал» itself is indexed as «кана» — the stem of a long
        // stem, in wanted clauses (shorter stems lose too much).
        let again = asPrefix ? SearchText.stem(stem) : ""
        if !again.isEmpty,
            !result.contains(where: { $0.word == again || ($0.prefix && again.hasPrefix($0.word)) })
        {
            result.append((again, false))
        }
        return result
    }

    /// One clause as tsquery text: `'a'`, `'pre':*`, `('a' <-> 'b')`; `'` and `\` are doubled.
    private static func tsquery(_ clause: Clause, stemPrefix: Bool) -> String {
        let quote = { (word: String) in
            "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        }
        if let alternatives = alternatives(clause, stemPrefix: stemPrefix) {
            let rendered = alternatives.map { quote($0.word) + ($0.prefix ? ":*" : "") }
            return rendered.count == 1 ? rendered[0] : "(" + rendered.joined(separator: " | ") + ")"
        }
        let lexemes = clause.words.enumerated().map { index, word in
            let star = clause.isPrefix && index == clause.words.count - 1 ? ":*" : ""
            return quote(word) + star
        }
        return lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " <-> ") + ")"
    }
}
