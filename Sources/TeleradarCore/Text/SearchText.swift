import Foundation
import Synchronization

/// Turns text into the stems the keyword search index stores and the queries look for.
///
/// Text is split by ``Tokenizer``; a token with a Cyrillic letter is stemmed by ``RussianStemmer``,
/// one with a Latin letter (and no Cyrillic) by ``EnglishStemmer``, and anything else (numbers,
/// other scripts) is kept as it is. Documents and queries go through the same rules, so they meet.
package enum SearchText {
    /// The stems of `text`, in order, duplicates kept.
    package static func stems(_ text: String) -> [String] {
        stems(ofTokens: Tokenizer.tokens(text)).filter { !$0.isEmpty }
    }

    /// The stems of `text` joined by single spaces: the value of the `search_text` column, indexed
    /// by SQLite FTS5 and by PostgreSQL `to_tsvector('simple', …)`.
    package static func document(_ text: String) -> String {
        stems(text).joined(separator: " ")
    }

    /// The stem of one token from ``Tokenizer/tokens(_:)``, by the script of its letters.
    ///
    /// Stems are memoised (words follow Zipf's law, so a few thousand words make most of any text); the
    /// memo is cleared when it passes `memoLimit` entries, which bounds its memory.
    package static func stem(_ token: String) -> String {
        stems(ofTokens: [token])[0]
    }

    /// The stem of each token, in order (empty strings kept). The memo is locked twice per call — once to
    /// look every token up, once to remember the new ones — not once per word.
    static func stems(ofTokens tokens: [String]) -> [String] {
        var result = [String](repeating: "", count: tokens.count)
        var missing: [Int] = []
        memo.withLock { table in
            for (index, token) in tokens.enumerated() {
                if let known = table[TokenKey(token)] { result[index] = known } else { missing.append(index) }
            }
        }
        guard !missing.isEmpty else { return result }
        var learned: [TokenKey: String] = [:]
        for index in missing {
            let key = TokenKey(tokens[index])
            if let stem = learned[key] {
                result[index] = stem
                continue
            }
            let stem = computeStem(tokens[index])
            result[index] = stem
            learned[key] = stem
        }
        memo.withLock { table in
            if table.count + learned.count > memoLimit { table.removeAll(keepingCapacity: true) }
            table.merge(learned) { _, new in new }
        }
        return result
    }

    /// The stem of one token, without the memo.
    private static func computeStem(_ token: String) -> String {
        switch script(of: token) {
        case .cyrillic: russian.stem(token)
        case .latin: english.stem(token)
        case .other: token
        }
    }

    /// Most words remembered by the stem memo.
    static let memoLimit = 200_000
    private static let memo = Mutex<[TokenKey: String]>([:])

    /// Which stemmer a token needs.
    enum Script: Sendable, Equatable {
        /// Has a Cyrillic letter.
        case cyrillic
        /// Has a Latin letter and no Cyrillic one.
        case latin
        /// Neither: digits or another script.
        case other
    }

    /// The ``Script`` of a token.
    static func script(of token: String) -> Script {
        var latin = false
        for scalar in token.unicodeScalars {
            switch scalar.value {
            case 0x0400...0x04FF: return .cyrillic
            case 0x61...0x7A, 0x41...0x5A: latin = true
            default: continue
            }
        }
        return latin ? .latin : .other
    }

    /// The shared Russian stemmer (stateless).
    private static let russian = RussianStemmer()
    /// The shared English stemmer (stateless).
    private static let english = EnglishStemmer()
}

extension SearchText {
    /// The `search_text` column: the stems of `text` in order (so phrases stay adjacent), then each
    /// surface word whose stem differs from it, once.
    ///
    /// Snowball stems some forms of a word apart («канал» → «кана», «каналов» → «канал»); indexing the
    /// surface words too lets a query word match by its stem or by the word as typed (see `KeywordQuery`).
    package static func indexDocument(_ text: String) -> String {
        let tokens = Tokenizer.tokens(text)
        let stemmed = stems(ofTokens: tokens)
        var output = ""
        output.reserveCapacity(text.utf8.count * 2)
        var words: [String] = []
        var seen = Set<TokenKey>()
        for (token, stem) in zip(tokens, stemmed) {
            if !stem.isEmpty {
                if !output.isEmpty { output.append(" ") }
                output.append(stem)
            }
            if script(of: token) == .cyrillic, token.utf8.count != stem.utf8.count || !TokenKey(token).sameBytes(as: TokenKey(stem)),
                seen.insert(TokenKey(token)).inserted
            {
                words.append(token)
            }
        }
        for word in words {
            if !output.isEmpty { output.append(" ") }
            output.append(word)
        }
        return output
    }
}
