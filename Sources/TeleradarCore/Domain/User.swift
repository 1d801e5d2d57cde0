import Foundation

/// A Teleradar user, identified by their Telegram id.
package struct User: Sendable, Hashable, Codable {
    package var id: Int64
    package var telegramID: Int64
    package var username: String?
    package var firstName: String?
    package var lastName: String?
    package var role: Role
    package var tier: Tier
    package var tierStartedAt: Date?
    package var tierExpiresAt: Date?
    package var retentionDays: Int
    package var isBlocked: Bool
    package var invitedBy: Int64?
    package var language: String
    package var timezone: String
    package var createdAt: Date

    package init(
        id: Int64, telegramID: Int64, username: String? = nil, firstName: String? = nil,
        lastName: String? = nil, role: Role = .user, tier: Tier = .free, tierStartedAt: Date? = nil,
        tierExpiresAt: Date? = nil, retentionDays: Int = User.defaultRetentionDays, isBlocked: Bool = false,
        invitedBy: Int64? = nil, language: String = "ru", timezone: String = "Europe/Moscow",
        createdAt: Date = Date()
    ) {
        self.id = id
        self.telegramID = telegramID
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.tier = tier
        self.tierStartedAt = tierStartedAt
        self.tierExpiresAt = tierExpiresAt
        self.retentionDays = retentionDays
        self.isBlocked = isBlocked
        self.invitedBy = invitedBy
        self.language = language
        self.timezone = timezone
        self.createdAt = createdAt
    }

    /// Default retention window in days (SPEC §B).
    package static let defaultRetentionDays = 30
    /// Allowed retention range in days.
    package static let retentionRange = 1...365

    package var isAdmin: Bool { role == .admin }

    /// Whether a paid or trial tier has run out at `now`.
    package func tierHasExpired(at now: Date) -> Bool {
        guard tier.expires, let expiresAt = tierExpiresAt else { return false }
        return expiresAt <= now
    }

    /// The tier in force at `now`: an expired paid or trial tier counts as free.
    package func effectiveTier(at now: Date) -> Tier {
        tierHasExpired(at: now) ? .free : tier
    }
}

/// What a change of tier or role was, as written to `subscription_history`.
package enum SubscriptionAction: String, Sendable, Codable, CaseIterable {
    case created, upgraded, downgraded, renewed, expired
    case roleChanged = "role_changed"
    case blocked, unblocked

    /// Classifies a change from one tier to another.
    package static func classify(from old: Tier?, to new: Tier) -> SubscriptionAction {
        guard let old else { return .created }
        if new.rank > old.rank { return .upgraded }
        if new.rank < old.rank { return .downgraded }
        return .renewed
    }
}
