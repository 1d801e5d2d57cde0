/// The language an answer is written in.
package enum AnswerLanguage: String, Sendable, Equatable, CaseIterable {
    /// Russian.
    case russian = "ru"
    /// English.
    case english = "en"
}

/// Tells Russian from English by script: more Latin than Cyrillic letters means English; anything
/// else (more Cyrillic, a tie, no letters at all) means Russian, the default.
package enum LanguageDetector {
    /// The language of `text`.
    package static func detect(_ text: String) -> AnswerLanguage {
        var cyrillic = 0, latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x0400...0x04FF: cyrillic += 1
            default: continue
            }
        }
        return latin > cyrillic ? .english : .russian
    }
}
