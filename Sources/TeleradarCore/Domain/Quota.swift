import Foundation

/// The quotas a tier limits.
package enum QuotaKind: String, Sendable, Codable, CaseIterable, Hashable {
    case channels
    case postsPerDay = "posts_per_day"
    case ragQueriesPerDay = "rag_queries_per_day"
    case aiDigest = "ai_digest"
}

/// A refused quota check: which limit, its value, what was used, and when it resets.
package struct QuotaDenial: Sendable, Equatable, Codable {
    package var kind: QuotaKind
    package var tier: Tier
    package var limit: Int
    package var used: Int
    /// When the counter resets (start of the next UTC day for daily limits); `nil` when it never resets by
    /// itself (channel count, feature not in the tier).
    package var resetsAt: Date?

    package init(kind: QuotaKind, tier: Tier, limit: Int, used: Int, resetsAt: Date?) {
        self.kind = kind
        self.tier = tier
        self.limit = limit
        self.used = used
        self.resetsAt = resetsAt
    }

    package var message: String {
        let reset = resetsAt.map { " It resets at \(Self.formatter.string(from: $0)) UTC." } ?? ""
        switch kind {
        case .channels:
            return "Channel limit reached: your \(tier.rawValue) tier allows \(limit) channels and you follow \(used). Remove a channel or upgrade."
        case .postsPerDay:
            return "Daily post limit reached: your \(tier.rawValue) tier allows \(limit) posts a day (used \(used)).\(reset)"
        case .ragQueriesPerDay:
            return "Daily question limit reached: your \(tier.rawValue) tier allows \(limit) questions a day (used \(used)).\(reset)"
        case .aiDigest:
            return "AI digests are not part of the \(tier.rawValue) tier. Upgrade to trial, basic, premium or enterprise."
        }
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()
}

/// Pure quota rules: given a tier and current usage, allow or deny with the reason.
package enum QuotaPolicy {
    /// The UTC day a daily counter belongs to, as `yyyy-MM-dd`.
    package static func dayKey(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Start of the next UTC day after `date`: when daily quotas reset.
    package static func nextReset(after date: Date) -> Date {
        let start = utcCalendar.startOfDay(for: date)
        return utcCalendar.date(byAdding: .day, value: 1, to: start) ?? date.addingTimeInterval(86_400)
    }

    /// Checks one quota. `used` is the current count (channels followed, or today's counter) and
    /// `adding` how many the action would add. Returns `nil` when allowed.
    package static func check(
        _ kind: QuotaKind, tier: Tier, used: Int, adding: Int = 1, now: Date
    ) -> QuotaDenial? {
        let limits = tier.limits
        switch kind {
        case .channels:
            return used + adding > limits.maxChannels
                ? QuotaDenial(kind: kind, tier: tier, limit: limits.maxChannels, used: used, resetsAt: nil) : nil
        case .postsPerDay:
            return used + adding > limits.postsPerDay
                ? QuotaDenial(kind: kind, tier: tier, limit: limits.postsPerDay, used: used, resetsAt: nextReset(after: now))
                : nil
        case .ragQueriesPerDay:
            return used + adding > limits.ragQueriesPerDay
                ? QuotaDenial(
                    kind: kind, tier: tier, limit: limits.ragQueriesPerDay, used: used, resetsAt: nextReset(after: now))
                : nil
        case .aiDigest:
            return limits.aiDigest ? nil : QuotaDenial(kind: kind, tier: tier, limit: 0, used: 0, resetsAt: nil)
        }
    }

    /// The daily limit of a counted quota (posts or questions) for a tier.
    package static func dailyLimit(_ kind: QuotaKind, tier: Tier) -> Int? {
        switch kind {
        case .postsPerDay: tier.limits.postsPerDay
        case .ragQueriesPerDay: tier.limits.ragQueriesPerDay
        case .channels, .aiDigest: nil
        }
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
