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

    /// The stem of each token, in order (empty strings kept); the memo is locked once or twice per call, not once
    /// per word (see ``stems(of:)``).
    static func stems(ofTokens tokens: [String]) -> [String] {
        var buffer = IndexTokens()
        for token in tokens { buffer.append(token) }
        let stems = stems(of: buffer)
        var start = 0
        return stems.ends.map { end in
            defer { start = end }
            return String(decoding: stems.bytes[start..<end], as: UTF8.self)
        }
    }

    /// The stem of one token, without the memo.
    static func computeStem(_ token: String) -> String {
        switch script(of: token) {
        case .cyrillic: russian.stem(token)
        case .latin: english.stem(token)
        case .other: token
        }
    }

    /// Most words remembered by the stem memo.
    static let memoLimit = 200_000
    static let memo = Mutex(StemTable(limit: memoLimit))

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
