import Foundation
import Logging
import TeleradarApp
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

/// Turns updates into use-case calls and replies: commands, free text in a conversation, button presses.
///
/// Every sender is registered (or refreshed) on contact; blocked users get a single notice and nothing else.
/// Errors of the domain are shown to the user in their language; anything else is logged and answered
/// with a generic apology, so the bot never goes silent.
package struct BotRouter: Sendable {
    /// The use cases.
    package let context: AppContext
    /// Outgoing messages.
    package let replier: BotReplier
    /// Pending conversations.
    package let conversations: BotConversationStore
    /// Logger.
    package let logger: Logger
    /// The current time (injectable for tests).
    package let clock: @Sendable () -> Date

    /// KV namespace remembering that a blocked user was told so.
    static let blockedNoticeNamespace = "bot.blocked-notice"

    /// A router over `context`, replying through `replier`.
    package init(
        context: AppContext, replier: BotReplier, conversations: BotConversationStore? = nil, logger: Logger? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.context = context
        self.replier = replier
        self.conversations = conversations ?? BotConversationStore(cache: context.cache)
        self.logger = logger ?? context.logger
        self.clock = clock
    }

    /// Handles one update; never throws (failures are logged and, when possible, answered).
    package func handle(_ update: BotAPI.Update) async {
        if let message = update.message {
            await handle(message: message)
        } else if let query = update.callbackQuery {
            await handle(callback: query)
        }
    }

    /// A text message: a command, or free text (the answer to a pending question, or a hint).
    func handle(message: BotAPI.Message) async {
        guard let from = message.from, !from.isBot, let text = message.text else { return }
        guard let request = await resolve(from: from, chatID: message.chat.id) else { return }
        await guarded(request) {
            if let command = message.command {
                try await dispatch(command: command, request: request)
            } else {
                try await handleFreeText(text, request: request)
            }
        }
    }

    /// A button press: always answered, then routed by its data prefix.
    func handle(callback: BotAPI.CallbackQuery) async {
        guard let message = callback.message, let data = callback.data else {
            try? await replier.answer(callbackID: callback.id)
            return
        }
        guard let request = await resolve(from: callback.from, chatID: message.chat.id) else {
            try? await replier.answer(callbackID: callback.id)
            return
        }
        await guarded(request) {
            let parts = data.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch parts.first {
            case "rm", "rmy", "rmn":
                try await removeChannelCallback(
                    parts, messageID: message.messageID, callbackID: callback.id, request: request)
            case "sr":
                try await searchCallback(parts, messageID: message.messageID, callbackID: callback.id, request: request)
            case "ai":
                try await adminInviteCallback(
                    parts, messageID: message.messageID, callbackID: callback.id, request: request)
            default:
                try await replier.answer(callbackID: callback.id, text: request.text(.callbackExpired))
            }
        }
    }

    /// Routes a command to its handler.
    func dispatch(command: BotCommandInvocation, request: BotRequest) async throws {
        let arguments = command.arguments
        switch command.name {
        case "start": try await start(request)
        case "help": try await replier.send(request.chatID, request.text(.help))
        case "login": try await login(code: arguments, request: request)
        case "cancel": try await cancel(request)
        case "subscription": try await subscription(request)
        case "add_channel":
            if try await requireAccess(request) { try await addChannel(name: arguments, request: request) }
        case "my_channels": if try await requireAccess(request) { try await myChannels(request) }
        case "remove_channel":
            if try await requireAccess(request) { try await removeChannel(name: arguments, request: request) }
        case "ask": if try await requireAccess(request) { try await ask(arguments, request: request) }
        case "search": if try await requireAccess(request) { try await search(arguments, request: request) }
        case "recommend": if try await requireAccess(request) { try await recommend(request) }
        case "token": if try await requireAccess(request) { try await token(arguments, request: request) }
        case "admin_invite": if try await requireAdmin(request) { try await adminInvite(request) }
        case "admin_users":
            if try await requireAdmin(request) { try await adminUsers(filter: arguments, request: request) }
        case "admin_user": if try await requireAdmin(request) { try await adminUser(arguments, request: request) }
        case "admin_grant": if try await requireAdmin(request) { try await adminGrant(arguments, request: request) }
        case "admin_stats": if try await requireAdmin(request) { try await adminStats(request) }
        default:
            try await replier.send(
                request.chatID, request.text(.unknownCommand, ["command": TelegramHTML.escape(command.name)]))
        }
    }

    /// Free text: the channel name or search query a conversation waits for, otherwise a hint.
    func handleFreeText(_ text: String, request: BotRequest) async throws {
        if let conversation = try await conversations.get(chatID: request.chatID, now: request.now) {
            switch conversation.step {
            case .awaitingChannelName:
                try await addChannel(name: text, request: request)
                return
            case .awaitingSearchQuery:
                try await search(text, request: request)
                return
            }
        }
        try await replier.send(request.chatID, request.text(.freeText))
    }

    /// Registers the sender; nil (after at most one notice) when the user is blocked.
    func resolve(from: BotAPI.User, chatID: Int64) async -> BotRequest? {
        let now = clock()
        let language = BotLanguage(languageCode: from.languageCode)
        do {
            let user = try await context.accounts.register(
                .init(
                    telegramID: from.id, username: from.username, firstName: from.firstName, lastName: from.lastName,
                    language: language.rawValue),
                now: now)
            if user.isBlocked {
                let key = String(from.id)
                if try await context.cache.get(Self.blockedNoticeNamespace, key, now: now) == nil {
                    try await context.cache.set(Self.blockedNoticeNamespace, key, value: Data([1]), ttl: nil, now: now)
                    try await replier.send(chatID, BotTexts.render(.blocked, language))
                }
                return nil
            }
            return BotRequest(chatID: chatID, from: from, language: language, user: user, now: now)
        } catch {
            logger.error("bot: cannot resolve sender", metadata: ["error": "\(error)"])
            try? await replier.send(chatID, BotTexts.render(.internalError, language))
            return nil
        }
    }

    /// Runs `body`, answering domain errors in the user's language and anything else with an apology.
    func guarded(_ request: BotRequest, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            let reply: String
            switch error {
            case DomainError.quotaExceeded(let denial):
                reply = request.text(.quotaExceeded, ["message": request.describe(denial)])
            case DomainError.inviteRejected(let reason):
                reply = request.text(.inviteRejected, ["reason": request.describe(reason)])
            case DomainError.blocked:
                reply = request.text(.blocked)
            case let domain as DomainError:
                reply = request.text(.domainError, ["message": TelegramHTML.escape(domain.description)])
            case let source as SourceError:
                reply = request.text(.domainError, ["message": TelegramHTML.escape(String(describing: source))])
            default:
                logger.error("bot: handler failed", metadata: ["error": "\(error)", "user": "\(request.user.id)"])
                reply = request.text(.internalError)
            }
            do { try await replier.send(request.chatID, reply) } catch {
                logger.warning("bot: cannot send error reply", metadata: ["error": "\(error)"])
            }
        }
    }

    /// True when the user may use channel commands (admin, a paid or trial tier, or a redeemed invite or
    /// grant in their history); otherwise tells them how to get access.
    func requireAccess(_ request: BotRequest) async throws -> Bool {
        if try await hasAccess(request.user, now: request.now) { return true }
        try await replier.send(request.chatID, request.text(.needInvite))
        return false
    }

    /// Whether `user` has been let in by an invite (redeemed, its tier active or waiting for the QR login), a grant
    /// or the admin role.
    func hasAccess(_ user: User, now: Date) async throws -> Bool {
        if user.isAdmin || user.effectiveTier(at: now) != .free { return true }
        let history = try await context.accounts.history.entries(userID: user.id, limit: 100)
        if history.contains(where: { $0.newTier != nil && $0.action != .created }) { return true }
        // An invite redeemed while its tier waits for the QR login lets the user in (on their current tier).
        return try await context.accounts.invites.hasRedeemed(userID: user.id)
    }

    /// True for admins; others are told the command is not for them.
    func requireAdmin(_ request: BotRequest) async throws -> Bool {
        if request.user.isAdmin { return true }
        try await replier.send(request.chatID, request.text(.adminOnly))
        return false
    }
}
