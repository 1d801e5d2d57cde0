import Foundation

/// Date handling for Telegram Desktop exports.
enum DesktopExportDate {
    /// Parses the export's `date`/`edited` format, `yyyy-MM-ddTHH:mm:ss` without a zone, as UTC.
    /// A trailing `Z` is accepted as well. Returns `nil` for anything else or for impossible dates.
    static func parseLocal(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        if bytes.count == 20, bytes[19] == UInt8(ascii: "Z") { bytes.removeLast() }
        guard bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The date of a Unix timestamp in seconds.
    static func fromUnixTime(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + length)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (years 1...9999).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        // Count whole years since year 0, then whole months, using a March-based year so that
        // the leap day falls at the end of the counted year.
        let marchYear = month > 2 ? year : year - 1
        let marchMonth = month > 2 ? month - 3 : month + 9
        let daysBeforeYear = 365 * marchYear + marchYear / 4 - marchYear / 100 + marchYear / 400
        let daysBeforeMonth = (153 * marchMonth + 2) / 5
        let daysFromYearZero = daysBeforeYear + daysBeforeMonth + day - 1
        // 1970-01-01 is day 719_468 of the March-based count from 0000-03-01.
        return daysFromYearZero - 719_468
    }
}
