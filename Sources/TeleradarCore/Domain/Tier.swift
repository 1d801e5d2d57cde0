import Foundation

/// A subscription tier. The numbers are those of SPEC §A and are enforced everywhere.
package enum Tier: String, Sendable, Codable, CaseIterable, Hashable {
    case free, trial, basic, premium, enterprise

    /// The limits and price of this tier.
    package var limits: TierLimits {
        switch self {
        case .free:
            TierLimits(maxChannels: 3, postsPerDay: 100, ragQueriesPerDay: 10, aiDigest: false, priceRub: 0, durationDays: nil)
        case .trial:
            TierLimits(maxChannels: 10, postsPerDay: 500, ragQueriesPerDay: 50, aiDigest: true, priceRub: 0, durationDays: 7)
        case .basic:
            TierLimits(maxChannels: 10, postsPerDay: 500, ragQueriesPerDay: 50, aiDigest: true, priceRub: 500, durationDays: 30)
        case .premium:
            TierLimits(maxChannels: 50, postsPerDay: 2000, ragQueriesPerDay: 200, aiDigest: true, priceRub: 1500, durationDays: 30)
        case .enterprise:
            TierLimits(maxChannels: 999, postsPerDay: 99999, ragQueriesPerDay: 999, aiDigest: true, priceRub: 5000, durationDays: 30)
        }
    }

    /// Whether the tier runs out (everything but `free`).
    package var expires: Bool { limits.durationDays != nil }

    /// Rank used to tell upgrades from downgrades.
    package var rank: Int {
        switch self {
        case .free: 0
        case .trial: 1
        case .basic: 2
        case .premium: 3
        case .enterprise: 4
        }
    }

    /// Parses a tier name case-insensitively, with a clear error listing the valid names.
    package init(parsing name: String) throws(DomainError) {
        guard let tier = Tier(rawValue: name.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw .invalidArgument(
                "unknown tier '\(name)'; expected one of \(Tier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = tier
    }
}

/// The limits of one tier.
package struct TierLimits: Sendable, Hashable, Codable {
    package var maxChannels: Int
    package var postsPerDay: Int
    package var ragQueriesPerDay: Int
    package var aiDigest: Bool
    package var priceRub: Int
    /// Default duration of a paid or trial period; `nil` for the free tier, which never expires.
    package var durationDays: Int?
}
