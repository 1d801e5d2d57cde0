/// A quick estimate of how many LLM tokens a text costs, without a tokenizer.
///
/// Typical BPE vocabularies spend about one token per 4 characters of English and per 2.5 of
/// Russian; other alphabets cost more, CJK and emoji about one token per character or more. The
/// estimate weighs each Unicode scalar by its script and rounds the sum up; it errs on the high side.
package enum TokenEstimator {
    /// Costs are counted in twentieths of a token, so sums are exact.
    static let unitsPerToken = 20

    /// The estimated tokens of `text`.
    package static func estimate(_ text: String) -> Int {
        var units = 0
        for scalar in text.unicodeScalars { units += cost(of: scalar) }
        return tokens(units)
    }

    /// `units` twentieths rounded up to whole tokens.
    static func tokens(_ units: Int) -> Int {
        (units + unitsPerToken - 1) / unitsPerToken
    }

    /// The cost of one scalar, in twentieths of a token.
    static func cost(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x80: return 5  // ASCII (Latin letters, digits, punctuation, spaces): 1/4
        case 0x0400...0x04FF: return 8  // Cyrillic: 1/2.5
        case 0x200B...0x200D, 0xFE00...0xFE0F, 0xFEFF: return 0  // zero-width joiners, variation selectors
        case 0x80..<0x2000: return 8  // other alphabets (Latin-1, Greek, Hebrew, Arabic…)
        case 0x2000..<0x3000: return 10  // general punctuation, symbols, arrows: 1/2
        default: return 20  // CJK, emoji and the rest: 1
        }
    }

    /// The longest prefix of `text` estimated at no more than `budget` tokens, cut after a whole
    /// word when one ends in the last fifth of the prefix, with `…` appended when anything was cut.
    /// Returns the text unchanged when it fits, and an empty string for a budget below 1.
    package static func truncate(_ text: String, toTokens budget: Int) -> (text: String, truncated: Bool) {
        guard budget > 0 else { return ("", !text.isEmpty) }
        if estimate(text) <= budget { return (text, false) }
        let available = budget * unitsPerToken - cost(of: "…")
        var spent = 0
        var end = text.startIndex
        var lastWordEnd: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let characterCost = character.unicodeScalars.reduce(0) { $0 + cost(of: $1) }
            if spent + characterCost > available { break }
            spent += characterCost
            if character.isWhitespace, index > text.startIndex, !text[text.index(before: index)].isWhitespace {
                lastWordEnd = index
            }
            index = text.index(after: index)
            end = index
        }
        if let lastWordEnd, text.distance(from: text.startIndex, to: lastWordEnd) * 5 >= text.distance(from: text.startIndex, to: end) * 4 {
            end = lastWordEnd
        }
        var prefix = String(text[..<end])
        while let last = prefix.last, last.isWhitespace || last.isPunctuation && last != ")" && last != "»" {
            prefix.removeLast()
        }
        return (prefix + "…", true)
    }
}
