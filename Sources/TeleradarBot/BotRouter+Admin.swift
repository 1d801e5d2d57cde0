import Foundation
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// `/admin_invite`: tier buttons (`ai:<tier>`), then lifetime buttons (`ai:<tier>:<days>`), then the code.
    func adminInvite(_ request: BotRequest) async throws {
        let rows = Tier.allCases.map { [BotAPI.InlineKeyboardButton.callback($0.rawValue, data: "ai:\($0.rawValue)")] }
        try await replier.send(request.chatID, request.text(.adminInviteChooseTier), keyboard: BotAPI.InlineKeyboardMarkup(rows))
    }

    /// The buttons of `/admin_invite`; refused (silently, with an answer) for non-admins.
    func adminInviteCallback(_ parts: [String], messageID: Int, callbackID: String, request: BotRequest) async throws {
        guard request.user.isAdmin, parts.count >= 2, let tier = Tier(rawValue: parts[1]) else {
            try await replier.answer(callbackID: callbackID, text: request.text(request.user.isAdmin ? .callbackExpired : .adminOnly))
            return
        }
        if parts.count == 2 {
            try await replier.answer(callbackID: callbackID)
            let buttons = InviteCode.botLifetimes.map { BotAPI.InlineKeyboardButton.callback("\($0)", data: "ai:\(tier.rawValue):\($0)") }
            try await replier.edit(
                request.chatID, messageID: messageID, request.text(.adminInviteChooseDays, ["tier": tier.rawValue]),
                keyboard: BotAPI.InlineKeyboardMarkup([buttons]))
            return
        }
        guard let days = Int(parts[2]), InviteCode.botLifetimes.contains(days) else {
            try await replier.answer(callbackID: callbackID, text: request.text(.callbackExpired))
            return
        }
        let invite = try await context.accounts.createInvite(
            tier: tier, maxUses: 1, validDays: days, trialDays: nil, createdBy: request.user.id, now: request.now)
        try await replier.answer(callbackID: callbackID)
        try await replier.edit(request.chatID, messageID: messageID, request.text(.adminInviteCreated, [
            "code": invite.code, "tier": tier.rawValue,
            "date": invite.expiresAt.map(BotFormat.dateTime) ?? "—",
        ]))
    }

    /// `/admin_users [filter]`: up to 30 users matching a name or Telegram id.
    func adminUsers(filter: String, request: BotRequest) async throws {
        let users = try await context.accounts.users.list(search: filter.isEmpty ? nil : filter, limit: 30)
        guard !users.isEmpty else {
            try await replier.send(request.chatID, request.text(.adminUsersEmpty))
            return
        }
        var lines = [request.text(.adminUsersHeader, ["count": String(users.count)])]
        for user in users {
            let name = [user.username.map { "@\($0)" }, user.firstName].compactMap { $0 }.first ?? "—"
            let flags = (user.isAdmin ? " 👑" : "") + (user.isBlocked ? " ⛔" : "")
            lines.append("<code>\(user.telegramID)</code> \(TelegramHTML.escape(name)) · \(user.tier.rawValue)\(flags)")
        }
        try await replier.send(request.chatID, lines.joined(separator: "\n"))
    }

    /// `/admin_user <tg_id>`: one user's card with their usage.
    func adminUser(_ arguments: String, request: BotRequest) async throws {
        guard let telegramID = Int64(arguments.trimmingCharacters(in: .whitespaces)) else {
            try await replier.send(request.chatID, request.text(.adminUserUsage))
            return
        }
        let user = try await context.accounts.user(telegramID: telegramID, now: request.now)
        let usage = try await context.quotas.usage(user: user, now: request.now)
        let name = [user.username.map { "@\($0)" }, user.firstName].compactMap { $0 }.first ?? "—"
        let card = request.text(.adminUserCard, [
            "name": TelegramHTML.escape(name), "tgid": String(user.telegramID), "role": user.role.rawValue,
            "tier": user.tier.rawValue, "expiry": expiry(usage.expiresAt, request),
            "blocked": request.text(user.isBlocked ? .buttonYes : .buttonNo), "created": BotFormat.dateTime(user.createdAt),
        ])
        let usageText = request.text(.subscription, [
            "tier": usage.tier.rawValue, "expiry": "", "channels": String(usage.channels),
            "maxChannels": String(usage.limits.maxChannels), "posts": String(usage.postsToday),
            "maxPosts": String(usage.limits.postsPerDay), "queries": String(usage.ragQueriesToday),
            "maxQueries": String(usage.limits.ragQueriesPerDay),
            "digest": request.text(usage.limits.aiDigest ? .buttonYes : .buttonNo), "reset": BotFormat.dateTime(usage.resetsAt),
        ])
        try await replier.send(request.chatID, card + "\n\n" + usageText)
    }

    /// `/admin_grant <tg_id> <tier> [days]`.
    func adminGrant(_ arguments: String, request: BotRequest) async throws {
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (2...3).contains(words.count), let telegramID = Int64(words[0]) else {
            try await replier.send(request.chatID, request.text(.adminUserUsage))
            return
        }
        let tier = try Tier(parsing: words[1])
        var days: Int?
        if words.count == 3 {
            guard let parsed = Int(words[2]) else { throw DomainError.invalidArgument("days must be a whole number") }
            days = parsed
        }
        let user = try await context.accounts.grant(telegramID: telegramID, tier: tier, days: days, by: request.user.id, now: request.now)
        try await replier.send(request.chatID, request.text(.adminGrantDone, [
            "tgid": String(telegramID), "tier": user.tier.rawValue, "expiry": expiry(user.tierExpiresAt, request),
        ]))
    }

    /// `/admin_stats`: users, users per tier, active invite codes.
    func adminStats(_ request: BotRequest) async throws {
        let total = try await context.accounts.users.count()
        var perTier: [String] = []
        for tier in Tier.allCases {
            let count = try await context.accounts.users.list(tier: tier, limit: 500).count
            perTier.append("\(tier.rawValue) \(count == 500 ? "500+" : String(count))")
        }
        let invites = try await context.accounts.invites.list(status: "active", limit: 1000, now: request.now).count
        try await replier.send(request.chatID, request.text(.adminStats, [
            "users": String(total), "tiers": perTier.joined(separator: ", "), "invites": String(invites),
        ]))
    }
}
