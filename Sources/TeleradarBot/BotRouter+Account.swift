import Foundation
import TeleradarApp
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// `/start`: greets, explains, asks for an invite code.
    func start(_ request: BotRequest) async throws {
        try await replier.send(request.chatID, request.text(.start, ["name": BotFormat.name(of: request.from)]))
    }

    /// `/login CODE`: redeems the invite, then offers the QR-login Mini App; with QR login configured the invite's
    /// tier waits for the login to succeed (``BotService`` tells the user then).
    func login(code: String, request: BotRequest) async throws {
        guard !code.isEmpty else {
            try await replier.send(request.chatID, request.text(.loginUsage))
            return
        }
        // With QR login configured, the invite's tier is activated when the login succeeds (SPEC A); the code is
        // used up now, atomically, so a single-use code cannot be shared meanwhile.
        // A user whose own account is already logged in (recorded session) has nothing left to wait for.
        let qrLogin =
            context.config.telegramAPI != nil
            ? !(try await context.telegramSessions.isRecorded(userID: request.user.id)) : false
        let (invite, user) = try await context.accounts.redeemInvite(
            code: code, telegramID: request.user.telegramID, tierAfterLogin: qrLogin, now: request.now)
        if qrLogin {
            let days = invite.trialDays ?? invite.tier.limits.durationDays
            try await replier.send(
                request.chatID,
                request.text(
                    .loginPendingTier,
                    ["tier": TelegramHTML.escape(invite.tier.rawValue), "days": days.map(String.init) ?? "∞"]))
        } else {
            try await replier.send(
                request.chatID,
                request.text(
                    .loginOK,
                    ["tier": TelegramHTML.escape(user.tier.rawValue), "expiry": expiry(user.tierExpiresAt, request)]))
        }
        if let base = context.config.publicBaseURL {
            var root = base
            while root.hasSuffix("/") { root.removeLast() }
            let url = root + "/miniapp/login"
            let button: BotAPI.InlineKeyboardButton =
                url.lowercased().hasPrefix("https://")
                ? .webApp(request.text(.loginOpenLink), url: url)
                : .url(request.text(.loginOpenLink), url: url)
            try await replier.send(
                request.chatID, request.text(.loginOpenApp), keyboard: BotAPI.InlineKeyboardMarkup([[button]]))
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
        var pending = ""
        if let tier = try await context.accounts.invites.pendingTier(userID: request.user.id, now: request.now) {
            pending = "\n" + request.text(.subscriptionPendingTier, ["tier": TelegramHTML.escape(tier.tier.rawValue)])
        }
        try await replier.send(
            request.chatID,
            request.text(
                .subscription,
                [
                    "tier": TelegramHTML.escape(usage.tier.rawValue), "expiry": expiry(usage.expiresAt, request),
                    "channels": String(usage.channels), "maxChannels": String(usage.limits.maxChannels),
                    "posts": String(usage.postsToday), "maxPosts": String(usage.limits.postsPerDay),
                    "queries": String(usage.ragQueriesToday), "maxQueries": String(usage.limits.ragQueriesPerDay),
                    "digest": digest, "reset": BotFormat.dateTime(usage.resetsAt),
                ]) + pending)
    }

    /// `/token`: issues an API token; `/token revoke` revokes all of the user's tokens.
    func token(_ arguments: String, request: BotRequest) async throws {
        if arguments.lowercased() == "revoke" {
            let count = try await context.accounts.tokens.revokeAll(userID: request.user.id, now: request.now)
            try await replier.send(request.chatID, request.text(.tokenRevoked, ["count": String(count)]))
            return
        }
        let issued = try await context.accounts.createToken(
            telegramID: request.user.telegramID, name: "bot", now: request.now)
        try await replier.send(request.chatID, request.text(.tokenIssued, ["token": TelegramHTML.escape(issued.token)]))
    }

    /// The `, valid until …` / `, no expiry` suffix for a tier.
    func expiry(_ date: Date?, _ request: BotRequest) -> String {
        guard let date else { return request.text(.subscriptionNoExpiry) }
        return request.text(.subscriptionExpires, ["date": BotFormat.dateTime(date)])
    }
}

extension BotRouter {
    /// A login made the user's Telegram session ready: tell them, with the invite's tier when it activated one.
    /// Sent in the user's stored language to their private chat (chat id = Telegram id).
    func sessionReady(_ event: TDLibSessionManager.SessionReady) async {
        guard let user = event.user else { return }
        let language = BotLanguage(languageCode: user.language)
        var text = BotTexts.render(.sessionReady, language)
        if let tier = event.activatedTier {
            let expiry =
                user.tierExpiresAt.map {
                    BotTexts.render(.subscriptionExpires, language, ["date": BotFormat.dateTime($0)])
                } ?? BotTexts.render(.subscriptionNoExpiry, language)
            text +=
                "\n"
                + BotTexts.render(
                    .sessionReadyTier, language, ["tier": TelegramHTML.escape(tier.rawValue), "expiry": expiry])
        }
        do {
            try await replier.send(user.telegramID, text)
        } catch {
            logger.warning(
                "bot: the session-ready message failed", metadata: ["user": "\(user.id)", "error": "\(error)"])
        }
    }
}
