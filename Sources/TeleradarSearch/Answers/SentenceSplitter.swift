/// Splits Russian and English post text into sentences.
///
/// A line break always ends a sentence (Telegram posts use lines as sentences and list items).
/// Within a line, a run of `.`, `!`, `?`, `…` (with closing quotes or brackets after it) ends a
/// sentence only when followed by whitespace or the end of the text and when the next word does not
/// start with a lowercase letter — so decimals (`3.5`), URLs and domains (`t.me/x`), inner dots
/// (`т.е.`, `e.g.`) and `...` inside a sentence stay put. A single `.` also does not end a sentence
/// after a known abbreviation (`г.`, `т.е.`, `млн.`, `Mr.`, `Dr.`…), an initial (`А. С. Пушкин`),
/// or a list number at the start of a line (`1. Первый пункт`). Emoji are whole characters and are
/// never split. Leading bullets, dashes and emoji are dropped from each sentence; sentences without
/// a letter or digit are dropped.
package enum SentenceSplitter {
    /// The sentences of `text`, in order, trimmed.
    package static func sentences(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = []
        var start = 0
        var index = 0

        func emit(upTo end: Int) {
            if end > start, let sentence = clean(characters[start..<end]) { sentences.append(sentence) }
            start = end
        }

        while index < characters.count {
            let character = characters[index]
            if character.isNewline {
                emit(upTo: index)
                index += 1
                start = index
                continue
            }
            guard isTerminator(character) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count && isTerminator(characters[end]) { end += 1 }
            let isSingleDot = end == index + 1 && character == "."
            while end < characters.count && isCloser(characters[end]) { end += 1 }
            defer { index = end }
            if end < characters.count && !characters[end].isWhitespace { continue }
            if startsLowercase(characters, from: end) { continue }
            if isSingleDot && keepsDot(characters, dotAt: index, sentenceStart: start) { continue }
            emit(upTo: end)
        }
        emit(upTo: characters.count)
        return sentences
    }

    /// Lowercased words (without their final dot) that a `.` does not end a sentence after.
    static let abbreviations: Set<String> = [
        // Russian
        "т.е", "т.к", "т.д", "т.п", "т.н", "т.ч", "и.о", "н.э", "г", "гг", "в", "вв", "р", "руб", "коп",
        "тыс", "млн", "млрд", "трлн", "долл", "ул", "д", "кв", "пр", "просп", "пл", "стр", "с", "см",
        "ср", "рис", "табл", "им", "др", "проф", "акад", "доц", "напр", "англ", "рус", "обл", "пос", "ст",
        "чел", "мин", "сек", "янв", "февр", "апр", "авг", "сент", "окт", "нояб", "дек", "т", "св",
        // English
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "inc", "ltd", "co", "corp",
        "fig", "approx", "dept", "gen", "gov", "sen", "rep", "u.s", "u.k", "a.m", "p.m",
        "jan", "feb", "mar", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "est", "cf", "al",
    ]

    /// Whether `character` can end a sentence.
    static func isTerminator(_ character: Character) -> Bool {
        switch character {
        case ".", "!", "?", "…", "‼", "⁉", "？", "！", "。": return true
        default: return false
        }
    }

    /// Whether `character` closes a quotation or bracket and stays with the sentence before it.
    static func isCloser(_ character: Character) -> Bool {
        switch character {
        case "\"", "'", "»", "”", "’", ")", "]", "›": return true
        default: return false
        }
    }

    /// Whether the first non-space character from `index` on is a lowercase letter.
    static func startsLowercase(_ characters: [Character], from index: Int) -> Bool {
        var next = index
        while next < characters.count && characters[next].isWhitespace && !characters[next].isNewline { next += 1 }
        guard next < characters.count else { return false }
        return characters[next].isLowercase
    }

    /// Whether the single `.` at `dotAt` belongs to an abbreviation, an initial or a list number.
    static func keepsDot(_ characters: [Character], dotAt dot: Int, sentenceStart: Int) -> Bool {
        var wordStart = dot
        while wordStart > sentenceStart && !characters[wordStart - 1].isWhitespace && !isOpener(characters[wordStart - 1]) {
            wordStart -= 1
        }
        let word = String(characters[wordStart..<dot]).lowercased()
        guard !word.isEmpty else { return false }
        if abbreviations.contains(word) { return true }
        // "2024г." / "5млн.": a number glued to an abbreviation.
        let letters = String(word.drop { $0.isNumber })
        if letters.count < word.count && abbreviations.contains(letters) { return true }
        // An initial: one uppercase letter.
        if word.count == 1, let letter = characters[wordStart..<dot].first, letter.isUppercase { return true }
        // A list number at the start of the line: "1. Первый пункт".
        let onlyNumberBefore = characters[sentenceStart..<wordStart].allSatisfy { $0.isWhitespace || isBullet($0) }
        return onlyNumberBefore && word.count <= 3 && word.allSatisfy(\.isNumber)
    }

    /// Whether `character` opens a quotation or bracket.
    static func isOpener(_ character: Character) -> Bool {
        switch character {
        case "\"", "'", "«", "“", "‘", "(", "[", "‹": return true
        default: return false
        }
    }

    /// Whether `character` is a list marker, dash or pictograph that may lead a line.
    static func isBullet(_ character: Character) -> Bool {
        if character.isLetter || character.isNumber || isOpener(character) { return false }
        if character == "#" || character == "@" || character == "%" || character == "&" { return false }
        if character.isWhitespace || character.isPunctuation { return !isCloser(character) }
        guard let first = character.unicodeScalars.first else { return false }
        if first.properties.isEmoji && (first.value > 0xFF || character.unicodeScalars.count > 1) { return true }
        switch first.value {
        case 0x2022, 0x2023, 0x25AA...0x25FF, 0x2190...0x21FF, 0x2700...0x27BF, 0x2010...0x2015: return true
        default: return false
        }
    }

    /// The sentence text of `slice`: trimmed, leading bullets dropped; `nil` without a letter or digit.
    static func clean(_ slice: ArraySlice<Character>) -> String? {
        var start = slice.startIndex, end = slice.endIndex
        while start < end && isBullet(slice[start]) { start += 1 }
        while end > start && slice[end - 1].isWhitespace { end -= 1 }
        let body = slice[start..<end]
        guard body.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return String(body)
    }
}
