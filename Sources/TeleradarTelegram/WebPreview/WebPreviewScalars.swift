import Foundation

/// Parsers for the small scalar values shown on t.me pages: abbreviated counters and ISO 8601 dates.
enum WebPreviewScalars {
    /// Parses a counter as Telegram abbreviates it: `"987"` → 987, `"1.2K"` → 1200, `"3.4M"` → 3400000,
    /// `"1B"` → 1000000000. A leading number inside longer text (`"109K subscribers"`) is accepted.
    /// Exact decimal arithmetic (no floating-point rounding). Nil when no number is present or it overflows.
    static func counter(_ raw: String) -> Int? {
        let scalars = Array(raw.unicodeScalars.drop(while: { !("0"..."9").contains($0) }))
        guard !scalars.isEmpty else { return nil }
        // Keep digits, separators and spaces that sit between digits ("1 234"), then the suffix.
        var integerDigits: [UInt32] = []
        var fractionDigits: [UInt32] = []
        var inFraction = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                let digit = scalar.value - 48
                if inFraction { fractionDigits.append(digit) } else { integerDigits.append(digit) }
            } else if scalar == "." || scalar == "," {
                if inFraction { break }
                inFraction = true
            } else if (scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}"),
                      index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]), !inFraction {
                // thousands grouping with spaces
            } else {
                break
            }
            index += 1
        }
        // A suffix letter counts only when glued to the number and not the start of a word ("12 members").
        var multiplier = 1
        if index < scalars.count, index + 1 >= scalars.count || !scalars[index + 1].properties.isAlphabetic {
            switch scalars[index] {
            case "K", "k": multiplier = 1_000
            case "M", "m": multiplier = 1_000_000
            case "B", "b", "G": multiplier = 1_000_000_000
            default: multiplier = 1
            }
        }
        if multiplier == 1, !fractionDigits.isEmpty {
            // No suffix: a separator here groups thousands ("1,234" / "1.234").
            if fractionDigits.count == 3 {
                integerDigits += fractionDigits
                fractionDigits = []
            } else {
                fractionDigits = []
            }
        }
        guard !integerDigits.isEmpty, integerDigits.count + fractionDigits.count <= 15 else { return nil }
        var numerator = 0
        for digit in integerDigits + fractionDigits { numerator = numerator * 10 + Int(digit) }
        var divisor = 1
        for _ in fractionDigits { divisor *= 10 }
        let (product, overflow) = numerator.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        return product / divisor
    }

    /// Parses an ISO 8601 timestamp such as `2023-02-28T08:48:01+00:00`, `…Z`, `…+0300` or with fractional
    /// seconds; a missing offset means UTC. Returns the absolute instant, or nil when malformed.
    static func date(_ raw: String) -> Date? {
        let chars = Array(raw.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= chars.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = chars[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ options: String) -> Bool {
            guard index < chars.count, options.utf8.contains(chars[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2) else { return nil }
        var second = 0
        var fraction = 0.0
        if expect(":") {
            guard let parsed = number(2) else { return nil }
            second = parsed
            if expect(".,") {
                var scale = 0.1
                var digits = 0
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                    fraction += Double(chars[index] - 48) * scale
                    scale /= 10
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        var offsetSeconds = 0
        if index < chars.count {
            if expect("Zz") {
                offsetSeconds = 0
            } else {
                let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+-"), let offsetHours = number(2) else { return nil }
                var offsetMinutes = 0
                if expect(":") {
                    guard let parsed = number(2) else { return nil }
                    offsetMinutes = parsed
                } else if let parsed = number(2) {
                    offsetMinutes = parsed
                }
                guard offsetHours <= 23, offsetMinutes <= 59 else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard index == chars.count, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// Number of days in `month` of `year` (proleptic Gregorian).
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (the classic days-from-civil computation).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
