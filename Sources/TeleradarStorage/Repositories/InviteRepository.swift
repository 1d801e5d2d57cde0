import Foundation
import SQLKit
import TeleradarCore

/// Invite codes. Redemption is one atomic conditional UPDATE, never read-then-write, so a `max_uses = 1`
/// code redeemed 50 times at once succeeds exactly once.
package struct InviteRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Stores a new code. Collisions (one in 36¹² per pair) are retried with a fresh code.
    package func create(
        tier: Tier, maxUses: Int, expiresAt: Date?, trialDays: Int?, createdBy: Int64?, now: Date = Date()
    ) async throws -> InviteCode {
        guard (1...1_000_000).contains(maxUses) else {
            throw DomainError.invalidArgument("max_uses must be between 1 and 1000000")
        }
        if let trialDays, !(1...3650).contains(trialDays) {
            throw DomainError.invalidArgument("trial_days must be between 1 and 3650")
        }
        for _ in 0..<5 {
            let invite = InviteCode(
                code: InviteCode.generate(), tier: tier, trialDays: trialDays, maxUses: maxUses, expiresAt: expiresAt,
                createdBy: createdBy, createdAt: now)
            let inserted = try await database.write { db in
                let rows = try await db.insert(into: "invite_codes")
                    .columns(
                        "code", "tier", "trial_days", "max_uses", "expires_at", "is_active", "created_by", "created_at"
                    )
                    .values(
                        SQLBind(invite.code), SQLBind(tier.rawValue), SQLBind(trialDays), SQLBind(maxUses),
                        SQLBind(expiresAt?.millis), SQLBind(true), SQLBind(createdBy), SQLBind(now.millis)
                    )
                    .ignoringConflicts(with: "code")
                    .returning(SQLColumn("code"))
                    .all()
                return !rows.isEmpty
            }
            if inserted { return invite }
        }
        throw StorageError.corruptRow("could not generate a unique invite code")
    }

    static func decode(_ row: any SQLRow) throws -> InviteCode {
        InviteCode(
            code: try row.decode(column: "code", as: String.self),
            tier: try row.enumValue("tier", as: Tier.self),
            trialDays: try row.decode(column: "trial_days", as: Int?.self),
            maxUses: try row.decode(column: "max_uses", as: Int.self),
            usesCount: try row.decode(column: "uses_count", as: Int.self),
            expiresAt: try row.optionalDate("expires_at"),
            isActive: try row.bool("is_active"),
            createdBy: try row.decode(column: "created_by", as: Int64?.self),
            createdAt: try row.date("created_at"))
    }

    package func find(code: String) async throws -> InviteCode? {
        try await database.read { db in
            try await db.select().columns("*").from("invite_codes").where("code", .equal, code).first().map(Self.decode)
        }
    }

    /// Codes filtered by status (`active`, `used`, `expired`, `inactive`, or all), newest first.
    package func list(status: String? = nil, limit: Int = 100, offset: Int = 0, now: Date = Date()) async throws
        -> [InviteCode]
    {
        let all = try await database.read { db in
            try await db.select().columns("*").from("invite_codes").orderBy("created_at", .descending).all()
                .map(Self.decode)
        }
        let filtered = status.map { wanted in all.filter { $0.status(at: now) == wanted } } ?? all
        return Array(filtered.dropFirst(max(0, offset)).prefix(max(1, min(limit, 1000))))
    }

    /// Deactivates a code. Returns false when there is no such code.
    package func deactivate(code: String) async throws -> Bool {
        try await database.write { db in
            try await db.update("invite_codes").set("is_active", to: SQLBind(false)).where("code", .equal, code)
                .returning(SQLColumn("code")).all().isEmpty == false
        }
    }

    /// Who redeemed a code, and when.
    package func redemptions(code: String) async throws -> [(userID: Int64, redeemedAt: Date)] {
        try await database.read { db in
            try await db.select().columns("user_id", "redeemed_at").from("invite_redemptions").where(
                "code", .equal, code
            )
            .orderBy("redeemed_at").all()
            .map { (try $0.decode(column: "user_id", as: Int64.self), try $0.date("redeemed_at")) }
        }
    }

    /// Redeems `code` for `userID`: counts the use atomically, records the redemption, grants the tier for
    /// its trial days (or the tier's default duration) and writes history — all in one transaction.
    /// With `tierAfterLogin` (how long the pending tier is kept), the tier is not granted now but remembered in
    /// the same transaction (`PendingTier`), to be activated by ``activatePendingTier(userID:now:)`` when the
    /// user's QR login succeeds; the use of the code is counted now either way.
    package func redeem(
        code rawCode: String, userID: Int64, tierAfterLogin: Duration? = nil, now: Date = Date()
    ) async throws -> (InviteCode, User) {
        let code = try InviteCode.normalize(rawCode)
        return try await database.write { db in
            let already = try await db.select().column("code").from("invite_redemptions")
                .where("code", .equal, code).where("user_id", .equal, userID).first()
            if already != nil { throw DomainError.conflict("you have already used this invite code") }
            let claimed = try await db.update("invite_codes")
                .set(
                    SQLColumn("uses_count"),
                    to: SQLBinaryExpression(SQLColumn("uses_count"), .add, SQLLiteral.numeric("1"))
                )
                .where("code", .equal, code)
                .where("is_active", .equal, SQLBind(true))
                .where(SQLColumn("uses_count"), .lessThan, SQLColumn("max_uses"))
                .where { group in
                    group.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, now.millis)
                }
                .returning(SQLLiteral.all)
                .first()
            guard let row = claimed else {
                guard
                    let existing = try await db.select().columns("*").from("invite_codes").where("code", .equal, code)
                        .first().map(Self.decode)
                else { throw DomainError.inviteRejected(.unknown) }
                throw DomainError.inviteRejected(existing.rejection(at: now) ?? .exhausted)
            }
            let invite = try Self.decode(row)
            try await db.insert(into: "invite_redemptions").columns("code", "user_id", "redeemed_at")
                .values(SQLBind(code), SQLBind(userID), SQLBind(now.millis)).run()
            try await db.update("users").set("invite_code", to: SQLBind(code))
                .set("invited_by", to: SQLBind(invite.createdBy)).where("id", .equal, userID).run()
            let days = invite.trialDays ?? invite.tier.limits.durationDays
            if let tierAfterLogin {
                let pending = PendingTier(
                    code: code, tier: invite.tier, days: days, createdBy: invite.createdBy, redeemedAt: now)
                try await Self.storePending(pending, userID: userID, ttl: tierAfterLogin, now: now, on: db)
                guard let user = try await UserRepository.find(id: userID, on: db) else {
                    throw DomainError.notFound("no such user")
                }
                return (invite, user)
            }
            let expiresAt = days.map { now.addingTimeInterval(Double($0) * 86_400) }
            let user = try await UserRepository.setTier(
                userID: userID, tier: invite.tier, expiresAt: expiresAt, action: nil, changedBy: invite.createdBy,
                notes: "invite \(code)", now: now, on: db)
            return (invite, user)
        }
    }
}
