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
        Tokenizer.tokens(text).compactMap { token in
            let stem = stem(token)
            return stem.isEmpty ? nil : stem
        }
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
        if let known = memo.withLock({ $0[token] }) { return known }
        let stem: String
        switch script(of: token) {
        case .cyrillic: stem = russian.stem(token)
        case .latin: stem = english.stem(token)
        case .other: return token
        }
        memo.withLock { table in
            if table.count >= memoLimit { table.removeAll(keepingCapacity: true) }
            table[token] = stem
        }
        return stem
    }

    /// Most words remembered by the stem memo.
    static let memoLimit = 200_000
    private static let memo = Mutex<[String: String]>([:])

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
        var stems: [String] = []
        var words: [String] = []
        var seen = Set<String>()
        for token in Tokenizer.tokens(text) {
            let stem = stem(token)
            if !stem.isEmpty { stems.append(stem) }
            if token != stem, seen.insert(token).inserted { words.append(token) }
        }
        return (stems + words).joined(separator: " ")
    }
}
