import Foundation

/// An invite code: 12 characters `A-Z0-9` from a CSPRNG, with an expiry, a use limit, and the tier it grants.
package struct InviteCode: Sendable, Hashable, Codable {
    package var code: String
    package var tier: Tier
    package var trialDays: Int?
    package var maxUses: Int
    package var usesCount: Int
    package var expiresAt: Date?
    package var isActive: Bool
    package var createdBy: Int64?
    package var createdAt: Date

    package init(
        code: String, tier: Tier, trialDays: Int? = nil, maxUses: Int, usesCount: Int = 0,
        expiresAt: Date?, isActive: Bool = true, createdBy: Int64? = nil, createdAt: Date = Date()
    ) {
        self.code = code
        self.tier = tier
        self.trialDays = trialDays
        self.maxUses = maxUses
        self.usesCount = usesCount
        self.expiresAt = expiresAt
        self.isActive = isActive
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The alphabet of invite codes.
    package static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    /// The length of every invite code.
    package static let length = 12

    /// A fresh code from the system's CSPRNG, drawn without modulo bias.
    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Normalises user input (trims, upper-cases) and checks the shape; throws `.inviteRejected(.malformed)`.
    package static func normalize(_ raw: String) throws(DomainError) -> String {
        let code = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard code.count == length, code.allSatisfy({ alphabet.contains($0) }) else {
            throw .inviteRejected(.malformed)
        }
        return code
    }

    /// Why this code cannot be redeemed at `now`, or `nil` when it can.
    package func rejection(at now: Date) -> InviteRejection? {
        if !isActive { return .inactive }
        if let expiresAt, expiresAt <= now { return .expired }
        if usesCount >= maxUses { return .exhausted }
        return nil
    }

    /// Status for listings.
    package func status(at now: Date) -> String {
        switch rejection(at: now) {
        case nil: "active"
        case .expired: "expired"
        case .exhausted: "used"
        case .inactive: "inactive"
        case .malformed, .unknown: "invalid"
        }
    }

    /// Lifetimes offered by `/admin_invite`, in days.
    package static let botLifetimes = [1, 7, 30, 365]
}
