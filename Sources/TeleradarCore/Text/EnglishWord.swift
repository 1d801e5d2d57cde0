import Foundation

/// A word being stemmed by ``EnglishStemmer``: its scalars (consonant `y`s marked as `Y`) and the
/// starts of its regions R1 and R2, which are fixed before the suffix steps run.
struct EnglishWord: Sendable {
    /// The word's scalars as stemmed so far.
    private(set) var scalars: [Unicode.Scalar]
    /// The start of R1: after the first non-vowel that follows a vowel (or after `gener`,
    /// `commun`, `arsen`); the word's length when R1 is empty.
    let p1: Int
    /// The start of R2: R1 applied again inside R1.
    let p2: Int

    /// Prepares a lowercase word: drops an initial apostrophe, marks `Y`s, finds R1 and R2.
    init(_ lowered: [Unicode.Scalar]) {
        var s = lowered
        if s.first == "'" { s.removeFirst() }
        if s.first == "y" { s[0] = "Y" }
        for i in s.indices.dropFirst() where s[i] == "y" && Self.isVowel(s[i - 1]) {
            s[i] = "Y"
        }
        scalars = s
        let n = s.count
        let r1: Int?
        if let prefix = Self.r1Prefixes.first(where: { s.starts(with: $0) }) {
            r1 = prefix.count
        } else {
            r1 = Self.goPast(vowel: true, in: s, from: 0).flatMap { Self.goPast(vowel: false, in: s, from: $0) }
        }
        p1 = r1 ?? n
        p2 =
            r1.flatMap { Self.goPast(vowel: true, in: s, from: $0) }
            .flatMap { Self.goPast(vowel: false, in: s, from: $0) } ?? n
    }

    /// The word as a string (still with `Y` markers).
    var text: String { String(String.UnicodeScalarView(scalars)) }

    /// Step 0: removes the longest of `'s'`, `'s`, `'`.
    mutating func step0() {
        guard scalars.last == "'" || scalars.last == "s" else { return }
        if let suffix = Self.step0Suffixes.first(where: endsWith) { scalars.removeLast(suffix.count) }
    }

    /// Step 1a: `sses` → `ss`; `ied`, `ies` → `i` (or `ie` after a single letter); `us`, `ss`
    /// stay; `s` goes when a vowel comes before the letter preceding it.
    mutating func step1a() {
        let n = scalars.count
        guard let last = scalars.last, last == "s" || last == "d" else { return }
        if endsWith("sses") {
            scalars.removeLast(2)
        } else if endsWith("ied") || endsWith("ies") {
            scalars.removeLast(n - 3 >= 2 ? 2 : 1)
        } else if endsWith("us") || endsWith("ss") {
            return
        } else if endsWith("s"), n >= 2, scalars[..<(n - 2)].contains(where: Self.isVowel) {
            scalars.removeLast()
        }
    }

    /// Step 1b: `eed`, `eedly` → `ee` in R1; `ed`, `edly`, `ing`, `ingly` go after a vowel, then
    /// `at`, `bl`, `iz` get an `e`, a double consonant is undoubled, and a short word gets an `e`.
    mutating func step1b() {
        guard let last = scalars.last, last == "d" || last == "g" || last == "y" else { return }
        if let eed = Self.eedSuffixes.first(where: endsWith) {
            let start = scalars.count - eed.count
            if start >= p1 { scalars.replaceSubrange(start..., with: ["e", "e"]) }
            return
        }
        guard let suffix = Self.step1bSuffixes.first(where: endsWith) else { return }
        let start = scalars.count - suffix.count
        guard scalars[..<start].contains(where: Self.isVowel) else { return }
        scalars.removeLast(suffix.count)
        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            scalars.append("e")
        } else if endsWithDouble() {
            scalars.removeLast()
        } else if p1 >= scalars.count && endsWithShortSyllable(scalars.count) {
            scalars.append("e")
        }
    }

    /// Step 1c: a final `y` or `Y` after a non-vowel that is not the first letter becomes `i`.
    mutating func step1c() {
        let n = scalars.count
        guard n >= 3, scalars[n - 1] == "y" || scalars[n - 1] == "Y", !Self.isVowel(scalars[n - 2]) else { return }
        scalars[n - 1] = "i"
    }

    /// Steps 2, 3, 4: replaces the longest suffix of `rules` present when it starts at or after
    /// `region` and its condition holds.
    mutating func replaceLongest(_ rules: [EnglishStemmer.Rule], region: Int) {
        guard let rule = rules.first(where: { endsWith($0.suffix) }) else { return }
        let start = scalars.count - rule.suffix.count
        guard start >= region else { return }
        let before: Unicode.Scalar? = start > 0 ? scalars[start - 1] : nil
        switch rule.condition {
        case .none: break
        case .afterL: guard before == "l" else { return }
        case .afterValidLi: guard let before, Self.validLiEndings.contains(before) else { return }
        case .afterSOrT: guard before == "s" || before == "t" else { return }
        case .inR2: guard start >= p2 else { return }
        }
        scalars.replaceSubrange(start..., with: rule.replacement)
    }

    /// Step 5: a final `e` goes in R2, or in R1 when not after a short syllable; a final `l` goes in
    /// R2 after another `l`.
    mutating func step5() {
        let last = scalars.count - 1
        guard last >= 0 else { return }
        if scalars[last] == "e" {
            if last >= p2 || (last >= p1 && !endsWithShortSyllable(last)) { scalars.removeLast() }
        } else if scalars[last] == "l" {
            if last >= p2 && last >= 1 && scalars[last - 1] == "l" { scalars.removeLast() }
        }
    }

    /// Whether the first `count` scalars end with a short syllable: non-vowel, vowel, non-vowel
    /// other than `w`, `x`, `Y`; or, for two letters, vowel then non-vowel.
    func endsWithShortSyllable(_ count: Int) -> Bool {
        let s = scalars
        if count >= 3 {
            let last = s[count - 1]
            return !Self.isVowel(last) && last != "w" && last != "x" && last != "Y"
                && Self.isVowel(s[count - 2]) && !Self.isVowel(s[count - 3])
        }
        return count == 2 && Self.isVowel(s[0]) && !Self.isVowel(s[1])
    }

    /// Whether the word ends with one of the doubles `bb dd ff gg mm nn pp rr tt`.
    private func endsWithDouble() -> Bool {
        let n = scalars.count
        guard n >= 2, scalars[n - 1] == scalars[n - 2] else { return false }
        return Self.doubles.contains(scalars[n - 1])
    }

    /// Whether the word ends with `suffix`.
    private func endsWith(_ suffix: String) -> Bool {
        var i = scalars.count
        for scalar in suffix.unicodeScalars.reversed() {
            i -= 1
            guard i >= 0, scalars[i] == scalar else { return false }
        }
        return true
    }

    /// Whether the word ends with `suffix`.
    private func endsWith(_ suffix: [Unicode.Scalar]) -> Bool {
        scalars.count >= suffix.count && scalars.suffix(suffix.count).elementsEqual(suffix)
    }

    /// Whether a scalar is one of the vowels `aeiouy` (a marked `Y` is not).
    static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a", "e", "i", "o", "u", "y": return true
        default: return false
        }
    }

    /// The index just after the first vowel (or non-vowel) at or after `start`, if any.
    private static func goPast(vowel: Bool, in s: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < s.count {
            if isVowel(s[i]) == vowel { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Step 0 suffixes, longest first.
    private static let step0Suffixes = scalarArrays(["'s'", "'s", "'"])
    /// Step 1b suffixes replaced by `ee`, longest first.
    private static let eedSuffixes = scalarArrays(["eedly", "eed"])
    /// Step 1b suffixes deleted after a vowel, longest first.
    private static let step1bSuffixes = scalarArrays(["ingly", "edly", "ing", "ed"])

    /// The scalars of each string.
    private static func scalarArrays(_ strings: [String]) -> [[Unicode.Scalar]] {
        strings.map { Array($0.unicodeScalars) }
    }

    /// Prefixes after which R1 starts, whatever the usual rule says.
    private static let r1Prefixes: [[Unicode.Scalar]] = ["gener", "commun", "arsen"].map { Array($0.unicodeScalars) }
    /// Letters whose doubling is undone in step 1b.
    private static let doubles: Set<Unicode.Scalar> = ["b", "d", "f", "g", "m", "n", "p", "r", "t"]
    /// Letters that may precede a removable `li` in step 2.
    private static let validLiEndings: Set<Unicode.Scalar> = ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]
}
