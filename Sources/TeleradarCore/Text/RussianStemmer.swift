import Foundation

/// The Snowball Russian stemmer, written from the published algorithm description.
///
/// All endings are looked for inside RV, the part of the word after its first vowel. Step 1 removes
/// a perfective gerund ending; failing that, it removes a reflexive ending (if any) and then the first
/// of an adjectival ending (an adjective ending, possibly preceded by a participle ending), a verb
/// ending or a noun ending. Step 2 removes a final `и`; step 3 removes a derivational ending
/// (`ост`, `ость`) lying wholly in R2; step 4 removes a superlative ending and undoubles `нн`, or
/// undoubles `нн`, or removes a final soft sign. Among the endings of one class, the longest one
/// present wins; endings marked as group 1 must follow `а` or `я` (inside RV), which is kept.
///
/// Like the reference algorithm, it stems `канал` and `канала` to `кана` (the `-л`, `-ла` of a past
/// tense verb after `а`) but `каналы`, `каналов` to `канал`.
package struct RussianStemmer: Sendable {
    /// Creates a stemmer; it holds no state.
    package init() {}

    /// The stem of one lowercase Cyrillic word (`ё` is folded to `е` if still present).
    package func stem(_ word: String) -> String {
        var w = word.unicodeScalars.map { $0 == "ё" ? "е" : $0 }
        let (rv, r2) = Self.regions(w)
        guard rv < w.count else { return word }

        // Step 1.
        if !Self.remove(Self.perfectiveGerund, from: &w, rv: rv) {
            _ = Self.remove(Self.reflexive, from: &w, rv: rv)
            if !Self.removeAdjectival(from: &w, rv: rv)
                && !Self.remove(Self.verb, from: &w, rv: rv)
            {
                _ = Self.remove(Self.noun, from: &w, rv: rv)
            }
        }
        // Step 2.
        if w.count > rv && w.last == "и" { w.removeLast() }
        // Step 3.
        if let ending = Self.longestEnding(Self.derivational, of: w, rv: rv), w.count - ending.length >= r2 {
            w.removeLast(ending.length)
        }
        // Step 4.
        Self.tidyUp(&w, rv: rv)
        return String(String.UnicodeScalarView(w))
    }

    /// One ending of a class; `afterAOrYa` endings only count after `а` or `я`.
    struct Ending: Sendable {
        /// The ending's scalars.
        let scalars: [Unicode.Scalar]
        /// Whether the ending must follow `а` or `я` (group 1 of its class).
        let afterAOrYa: Bool
        /// The ending's length in scalars.
        var length: Int { scalars.count }
    }

    /// Builds an ending class, longest endings first so the first match is the longest.
    private static func endings(group1: [String] = [], group2: [String]) -> [Ending] {
        let all =
            group1.map { Ending(scalars: Array($0.unicodeScalars), afterAOrYa: true) }
            + group2.map { Ending(scalars: Array($0.unicodeScalars), afterAOrYa: false) }
        return all.sorted { $0.length > $1.length }
    }

    /// Perfective gerund endings (group 1 after `а`/`я`).
    static let perfectiveGerund = endings(
        group1: ["в", "вши", "вшись"],
        group2: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"])

    /// Adjective endings.
    static let adjective = endings(group2: [
        "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
        "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
    ])

    /// Participle endings, removed before an adjective ending (group 1 after `а`/`я`).
    static let participle = endings(
        group1: ["ем", "нн", "вш", "ющ", "щ"],
        group2: ["ивш", "ывш", "ующ"])

    /// Reflexive endings.
    static let reflexive = endings(group2: ["ся", "сь"])

    /// Verb endings (group 1 after `а`/`я`).
    static let verb = endings(
        group1: [
            "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны",
            "ть", "ешь", "нно",
        ],
        group2: [
            "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им",
            "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть",
            "ишь", "ую", "ю",
        ])

    /// Noun endings.
    static let noun = endings(group2: [
        "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой",
        "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь",
        "ию", "ью", "ю", "ия", "ья", "я",
    ])

    /// Superlative endings (step 4).
    static let superlative = endings(group2: ["ейш", "ейше"])

    /// Derivational endings (step 3, only in R2).
    static let derivational = endings(group2: ["ост", "ость"])

    /// Whether a scalar is one of the Russian vowels `аеиоуыэюя`.
    static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "а", "е", "и", "о", "у", "ы", "э", "ю", "я": return true
        default: return false
        }
    }

    /// The start of RV (after the first vowel) and of R2 (after the second vowel–non-vowel pair
    /// that follows the first one); the word's length where a region is empty.
    static func regions(_ w: [Unicode.Scalar]) -> (rv: Int, r2: Int) {
        let n = w.count
        guard let rv = goPast(vowel: true, in: w, from: 0) else { return (n, n) }
        guard let r1 = goPast(vowel: false, in: w, from: rv),
            let vowelInR1 = goPast(vowel: true, in: w, from: r1),
            let r2 = goPast(vowel: false, in: w, from: vowelInR1)
        else { return (rv, n) }
        return (rv, r2)
    }

    /// The index just after the first vowel (or non-vowel) at or after `start`, if any.
    private static func goPast(vowel: Bool, in w: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < w.count {
            if isVowel(w[i]) == vowel { return i + 1 }
            i += 1
        }
        return nil
    }

    /// The longest ending of `endings` that `w` ends with inside RV.
    static func longestEnding(_ endings: [Ending], of w: [Unicode.Scalar], rv: Int) -> Ending? {
        endings.first { ending in
            w.count - ending.length >= rv && w.suffix(ending.length).elementsEqual(ending.scalars)
        }
    }

    /// Removes the longest ending of `endings` found in RV; a group 1 ending needs `а` or `я`
    /// (inside RV) before it, and when it has not, nothing is removed (no shorter ending is tried).
    static func remove(_ endings: [Ending], from w: inout [Unicode.Scalar], rv: Int) -> Bool {
        guard let ending = longestEnding(endings, of: w, rv: rv) else { return false }
        if ending.afterAOrYa {
            let before = w.count - ending.length - 1
            guard before >= rv, w[before] == "а" || w[before] == "я" else { return false }
        }
        w.removeLast(ending.length)
        return true
    }

    /// Removes an adjective ending and then, if present, a participle ending before it.
    static func removeAdjectival(from w: inout [Unicode.Scalar], rv: Int) -> Bool {
        guard remove(adjective, from: &w, rv: rv) else { return false }
        _ = remove(participle, from: &w, rv: rv)
        return true
    }

    /// Step 4: a superlative ending (then `нн` → `н`), or `нн` → `н`, or a final soft sign.
    static func tidyUp(_ w: inout [Unicode.Scalar], rv: Int) {
        if let ending = longestEnding(superlative, of: w, rv: rv) {
            w.removeLast(ending.length)
            if endsWithDoubleN(w, rv: rv) { w.removeLast() }
        } else if endsWithDoubleN(w, rv: rv) {
            w.removeLast()
        } else if w.count > rv && w.last == "ь" {
            w.removeLast()
        }
    }

    /// Whether `w` ends with `нн` lying inside RV.
    private static func endsWithDoubleN(_ w: [Unicode.Scalar], rv: Int) -> Bool {
        w.count - 2 >= rv && w[w.count - 1] == "н" && w[w.count - 2] == "н"
    }
}
