import Foundation
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// `/start`: greets, explains, asks for an invite code.
    func start(_ request: BotRequest) async throws {
        try await replier.send(request.chatID, request.text(.start, ["name": BotFormat.name(of: request.from)]))
    }

    /// `/login CODE`: redeems the invite, then offers the QR-login Mini App.
    func login(code: String, request: BotRequest) async throws {
        guard !code.isEmpty else {
            try await replier.send(request.chatID, request.text(.loginUsage))
            return
        }
        let (_, user) = try await context.accounts.redeemInvite(code: code, telegramID: request.user.telegramID, now: request.now)
        try await replier.send(request.chatID, request.text(.loginOK, [
            "tier": TelegramHTML.escape(user.tier.rawValue), "expiry": expiry(user.tierExpiresAt, request),
        ]))
        if let base = context.config.publicBaseURL {
            var root = base
            while root.hasSuffix("/") { root.removeLast() }
            let url = root + "/miniapp/login"
            let button: BotAPI.InlineKeyboardButton = url.lowercased().hasPrefix("https://")
                ? .webApp(request.text(.loginOpenLink), url: url)
                : .url(request.text(.loginOpenLink), url: url)
            try await replier.send(request.chatID, request.text(.loginOpenApp), keyboard: BotAPI.InlineKeyboardMarkup([[button]]))
        } else {
            try await replier.send(request.chatID, request.text(.loginNoPublicURL))
        }
    }

    /// `/cancel`: ends a pending conversation.
    func cancel(_ request: BotRequest) async throws {
        let pending = try await conversations.get(chatID: request.chatID, now: request.now)
        try await conversations.clear(chatID: request.chatID)
        try await replier.send(request.chatID, request.text(pending == nil ? .cancelNothing : .cancelDone))
    }

    /// `/subscription`: tier, expiry and usage against every limit.
    func subscription(_ request: BotRequest) async throws {
        let usage = try await context.quotas.usage(user: request.user, now: request.now)
        let digest = usage.limits.aiDigest ? request.text(.buttonYes) : request.text(.buttonNo)
        try await replier.send(request.chatID, request.text(.subscription, [
            "tier": TelegramHTML.escape(usage.tier.rawValue), "expiry": expiry(usage.expiresAt, request),
            "channels": String(usage.channels), "maxChannels": String(usage.limits.maxChannels),
            "posts": String(usage.postsToday), "maxPosts": String(usage.limits.postsPerDay),
            "queries": String(usage.ragQueriesToday), "maxQueries": String(usage.limits.ragQueriesPerDay),
            "digest": digest, "reset": BotFormat.dateTime(usage.resetsAt),
        ]))
    }

    /// `/token`: issues an API token; `/token revoke` revokes all of the user's tokens.
    func token(_ arguments: String, request: BotRequest) async throws {
        if arguments.lowercased() == "revoke" {
            let count = try await context.accounts.tokens.revokeAll(userID: request.user.id, now: request.now)
            try await replier.send(request.chatID, request.text(.tokenRevoked, ["count": String(count)]))
            return
        }
        let issued = try await context.accounts.createToken(telegramID: request.user.telegramID, name: "bot", now: request.now)
        try await replier.send(request.chatID, request.text(.tokenIssued, ["token": TelegramHTML.escape(issued.token)]))
    }

    /// The `, valid until …` / `, no expiry` suffix for a tier.
    func expiry(_ date: Date?, _ request: BotRequest) -> String {
        guard let date else { return request.text(.subscriptionNoExpiry) }
        return request.text(.subscriptionExpires, ["date": BotFormat.dateTime(date)])
    }
}
