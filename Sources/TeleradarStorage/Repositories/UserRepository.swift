import Foundation
import SQLKit
import TeleradarCore

/// Users, their tiers and roles. Every change of tier, role or block state writes `subscription_history`
/// in the same transaction.
package struct UserRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    static let columns = [
        "id", "telegram_id", "username", "first_name", "last_name", "role", "tier", "tier_started_at",
        "tier_expires_at", "retention_days", "is_blocked", "invited_by", "language", "timezone", "created_at",
    ]

    static func decode(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: Int64.self),
            telegramID: try row.decode(column: "telegram_id", as: Int64.self),
            username: try row.decode(column: "username", as: String?.self),
            firstName: try row.decode(column: "first_name", as: String?.self),
            lastName: try row.decode(column: "last_name", as: String?.self),
            role: try row.enumValue("role", as: Role.self),
            tier: try row.enumValue("tier", as: Tier.self),
            tierStartedAt: try row.optionalDate("tier_started_at"),
            tierExpiresAt: try row.optionalDate("tier_expires_at"),
            retentionDays: try row.decode(column: "retention_days", as: Int.self),
            isBlocked: try row.bool("is_blocked"),
            invitedBy: try row.decode(column: "invited_by", as: Int64?.self),
            language: try row.decode(column: "language", as: String.self),
            timezone: try row.decode(column: "timezone", as: String.self),
            createdAt: try row.date("created_at"))
    }

    /// Profile fields as Telegram reports them.
    package struct Profile: Sendable, Equatable {
        package var telegramID: Int64
        package var username: String?
        package var firstName: String?
        package var lastName: String?
        package var language: String?

        package init(telegramID: Int64, username: String? = nil, firstName: String? = nil, lastName: String? = nil, language: String? = nil) {
            self.telegramID = telegramID
            self.username = username
            self.firstName = firstName
            self.lastName = lastName
            self.language = language
        }
    }

    /// Finds or creates the user with this Telegram id, refreshing names. New users start on `free` with a
    /// `created` history row.
    package func upsert(_ profile: Profile, now: Date = Date()) async throws -> User {
        try await database.write { db in try await Self.upsert(profile, now: now, on: db) }
    }

    static func upsert(_ profile: Profile, now: Date, on db: any SQLDatabase) async throws -> User {
        if let existing = try await find(telegramID: profile.telegramID, on: db) {
            try await db.update("users")
                .set("username", to: SQLBind(profile.username ?? existing.username))
                .set("first_name", to: SQLBind(profile.firstName ?? existing.firstName))
                .set("last_name", to: SQLBind(profile.lastName ?? existing.lastName))
                .set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, existing.id)
                .run()
            return try await find(id: existing.id, on: db) ?? existing
        }
        let language = profile.language.map { $0.lowercased().hasPrefix("ru") ? "ru" : "en" } ?? "ru"
        let row = try await db.insert(into: "users")
            .columns("telegram_id", "username", "first_name", "last_name", "language", "created_at", "updated_at")
            .values(
                SQLBind(profile.telegramID), SQLBind(profile.username), SQLBind(profile.firstName),
                SQLBind(profile.lastName), SQLBind(language), SQLBind(now.millis), SQLBind(now.millis)
            )
            .returning(SQLColumn("id"))
            .first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw StorageError.corruptRow("INSERT INTO users returned no id")
        }
        try await HistoryRepository.insert(
            HistoryEntry(userID: id, action: .created, oldTier: nil, newTier: .free, notes: "account created"),
            now: now, on: db)
        guard let user = try await find(id: id, on: db) else { throw StorageError.corruptRow("user \(id) vanished") }
        return user
    }

    package func find(id: Int64) async throws -> User? {
        try await database.read { db in try await Self.find(id: id, on: db) }
    }

    package func find(telegramID: Int64) async throws -> User? {
        try await database.read { db in try await Self.find(telegramID: telegramID, on: db) }
    }

    static func find(id: Int64, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("users").where("id", .equal, id).first()
            .map(decode)
    }

    static func find(telegramID: Int64, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("users")
            .where("telegram_id", .equal, telegramID).first().map(decode)
    }

    /// A page of users, optionally filtered by a text (username/names/telegram id), role and tier.
    package func list(
        search: String? = nil, role: Role? = nil, tier: Tier? = nil, limit: Int = 50, offset: Int = 0
    ) async throws -> [User] {
        try await database.read { db in
            let query = db.select().columns(Self.columns.map { SQLColumn($0) }).from("users")
            if let role { query.where("role", .equal, role.rawValue) }
            if let tier { query.where("tier", .equal, tier.rawValue) }
            if let search, !search.isEmpty {
                let pattern = "%" + Self.escapeLike(search.lowercased()) + "%"
                query.where { group in
                    for column in ["username", "first_name", "last_name"] {
                        group.orWhere(
                            SQLQueryString("lower(\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
                    }
                    if let id = Int64(search) { group.orWhere("telegram_id", .equal, id) }
                    return group
                }
            }
            return try await query.orderBy("id").limit(max(1, min(limit, 500))).offset(max(0, offset)).all()
                .map(Self.decode)
        }
    }

    /// Number of users.
    package func count() async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("users").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Sets the tier (with its period) and writes history, in one transaction.
    package func setTier(
        userID: Int64, tier: Tier, expiresAt: Date?, action: SubscriptionAction? = nil, changedBy: Int64?,
        notes: String, now: Date = Date()
    ) async throws -> User {
        try await database.write { db in
            try await Self.setTier(
                userID: userID, tier: tier, expiresAt: expiresAt, action: action, changedBy: changedBy, notes: notes,
                now: now, on: db)
        }
    }

    static func setTier(
        userID: Int64, tier: Tier, expiresAt: Date?, action: SubscriptionAction?, changedBy: Int64?, notes: String,
        now: Date, on db: any SQLDatabase
    ) async throws -> User {
        guard let user = try await find(id: userID, on: db) else { throw DomainError.notFound("no such user") }
        try await db.update("users")
            .set("tier", to: SQLBind(tier.rawValue))
            .set("tier_started_at", to: SQLBind(now.millis))
            .set("tier_expires_at", to: SQLBind(expiresAt?.millis))
            .set("updated_at", to: SQLBind(now.millis))
            .where("id", .equal, userID)
            .run()
        try await HistoryRepository.insert(
            HistoryEntry(
                userID: userID, action: action ?? SubscriptionAction.classify(from: user.tier, to: tier),
                oldTier: user.tier, newTier: tier, expiresAt: expiresAt, changedBy: changedBy, notes: notes),
            now: now, on: db)
        return try await find(id: userID, on: db) ?? user
    }

    /// Changes the role and writes history.
    package func setRole(userID: Int64, role: Role, changedBy: Int64?, now: Date = Date()) async throws -> User {
        try await database.write { db in
            guard let user = try await Self.find(id: userID, on: db) else { throw DomainError.notFound("no such user") }
            try await db.update("users").set("role", to: SQLBind(role.rawValue)).set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, userID).run()
            try await HistoryRepository.insert(
                HistoryEntry(
                    userID: userID, action: .roleChanged, oldTier: user.tier, newTier: user.tier, oldRole: user.role,
                    newRole: role, changedBy: changedBy, notes: "role \(user.role.rawValue) → \(role.rawValue)"),
                now: now, on: db)
            return try await Self.find(id: userID, on: db) ?? user
        }
    }

    /// Blocks or unblocks and writes history.
    package func setBlocked(userID: Int64, blocked: Bool, changedBy: Int64?, now: Date = Date()) async throws -> User {
        try await database.write { db in
            guard let user = try await Self.find(id: userID, on: db) else { throw DomainError.notFound("no such user") }
            try await db.update("users").set("is_blocked", to: SQLBind(blocked)).set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, userID).run()
            try await HistoryRepository.insert(
                HistoryEntry(
                    userID: userID, action: blocked ? .blocked : .unblocked, oldTier: user.tier, newTier: user.tier,
                    changedBy: changedBy, notes: ""),
                now: now, on: db)
            return try await Self.find(id: userID, on: db) ?? user
        }
    }

    /// Sets the retention window (1–365 days).
    package func setRetention(userID: Int64, days: Int, now: Date = Date()) async throws {
        guard User.retentionRange.contains(days) else {
            throw DomainError.invalidArgument("retention_days must be between 1 and 365")
        }
        try await database.write { db in
            try await db.update("users").set("retention_days", to: SQLBind(days)).set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, userID).run()
        }
    }

    /// Users whose paid or trial tier ran out by `now`.
    package func expiredTierUsers(now: Date) async throws -> [User] {
        try await database.read { db in
            try await db.select().columns(Self.columns.map { SQLColumn($0) }).from("users")
                .where("tier", .notEqual, Tier.free.rawValue)
                .where("tier_expires_at", .isNot, SQLLiteral.null)
                .where("tier_expires_at", .lessThanOrEqual, now.millis)
                .all().map(Self.decode)
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
