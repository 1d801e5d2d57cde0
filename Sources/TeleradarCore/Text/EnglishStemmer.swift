import Foundation

/// The Snowball English ("Porter2") stemmer, written from the published algorithm description.
///
/// Checks the exceptional forms first (`skies` → `sky`, `news` → `news`, …), leaves words of one or
/// two letters alone, marks consonant `y`s as `Y`, finds R1 (with the `gener`, `commun`, `arsen`
/// exceptions) and R2, then runs steps 0, 1a (followed by the second list of exceptional forms),
/// 1b, 1c, 2, 3, 4 and 5 and turns `Y` back into `y`. Among the suffixes of one step the longest one
/// present wins; when its condition fails, no shorter suffix is tried.
package struct EnglishStemmer: Sendable {
    /// Creates a stemmer; it holds no state.
    package init() {}

    /// The stem of one lowercase English word (ASCII upper case is lowered first).
    package func stem(_ word: String) -> String {
        let lowered = word.unicodeScalars.map { scalar -> Unicode.Scalar in
            (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let key = String(String.UnicodeScalarView(lowered))
        if let exception = Self.exceptionalForms[key] { return exception }
        guard lowered.count > 2 else { return key }

        var w = EnglishWord(lowered)
        w.step0()
        w.step1a()
        if !(6...7).contains(w.scalars.count) || !Self.invariantAfterStep1a.contains(w.text) {
            w.step1b()
            w.step1c()
            w.replaceLongest(Self.step2, region: w.p1)
            w.replaceLongest(Self.step3, region: w.p1)
            w.replaceLongest(Self.step4, region: w.p2)
            w.step5()
        }
        return String(String.UnicodeScalarView(w.scalars.map { $0 == "Y" ? "y" : $0 }))
    }

    /// Words stemmed by a fixed rule before anything else (including the ones left as they are).
    static let exceptionalForms: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
        "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
        "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]

    /// Words left as they are after step 1a.
    static let invariantAfterStep1a: Set<String> = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ]

    /// A condition a suffix rule checks on the part of the word before the suffix.
    enum Condition: Sendable {
        /// No further condition.
        case none
        /// Preceded by `l` (`ogi` → `og`).
        case afterL
        /// Preceded by a valid `li` ending: `c d e g h k m n r t`.
        case afterValidLi
        /// Preceded by `s` or `t` (`ion`).
        case afterSOrT
        /// The suffix lies in R2 (`ative` in step 3).
        case inR2
    }

    /// A suffix replaced by `replacement` when it lies in the step's region and `condition` holds.
    struct Rule: Sendable {
        /// The suffix.
        let suffix: [Unicode.Scalar]
        /// What replaces it (empty to delete).
        let replacement: [Unicode.Scalar]
        /// The extra condition.
        let condition: Condition
    }

    /// Builds a step's rules, longest suffixes first so the first match is the longest.
    private static func rules(_ list: [(String, String, Condition)]) -> [Rule] {
        list.map { Rule(suffix: Array($0.0.unicodeScalars), replacement: Array($0.1.unicodeScalars), condition: $0.2) }
            .sorted { $0.suffix.count > $1.suffix.count }
    }

    /// Step 2 rules (applied in R1).
    static let step2 = rules([
        ("tional", "tion", .none), ("enci", "ence", .none), ("anci", "ance", .none),
        ("abli", "able", .none), ("entli", "ent", .none), ("izer", "ize", .none),
        ("ization", "ize", .none), ("ational", "ate", .none), ("ation", "ate", .none),
        ("ator", "ate", .none), ("alism", "al", .none), ("aliti", "al", .none), ("alli", "al", .none),
        ("fulness", "ful", .none), ("ousli", "ous", .none), ("ousness", "ous", .none),
        ("iveness", "ive", .none), ("iviti", "ive", .none), ("biliti", "ble", .none),
        ("bli", "ble", .none), ("ogi", "og", .afterL), ("fulli", "ful", .none),
        ("lessli", "less", .none), ("li", "", .afterValidLi),
    ])

    /// Step 3 rules (applied in R1).
    static let step3 = rules([
        ("tional", "tion", .none), ("ational", "ate", .none), ("alize", "al", .none),
        ("icate", "ic", .none), ("iciti", "ic", .none), ("ical", "ic", .none), ("ful", "", .none),
        ("ness", "", .none), ("ative", "", .inR2),
    ])

    /// Step 4 rules (applied in R2).
    static let step4 = rules(
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
            "iti", "ous", "ive", "ize",
        ].map { ($0, "", Condition.none) } + [("ion", "", .afterSOrT)])
}
