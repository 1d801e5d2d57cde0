import Foundation
import TeleradarCore
import TeleradarStorage

extension TDLibSessionManager {
    /// A login that ended with the user's own account ready.
    package struct SessionReady: Sendable, Equatable {
        /// The user (`users.id`).
        package var userID: Int64
        /// The Telegram account (the user's own).
        package var telegramUserID: Int64
        /// The user after the login: with the invite's tier when one was waiting (`activatedTier`).
        package var user: User?
        /// The tier the login activated (an invite redeemed by `/login CODE`), if any.
        package var activatedTier: Tier?
    }

    /// Called after a login made a session ready (the bot tells the user).
    package typealias ReadyHandler = @Sendable (SessionReady) async -> Void

    /// Registers `handler` under `name` (replacing an earlier one of that name).
    package func onSessionReady(_ name: String, _ handler: @escaping ReadyHandler) {
        readyHandlers[name] = handler
    }

    /// The user's own account is ready: the invite's tier waiting for this login is activated (with its history
    /// row), then the handlers run in a task of their own (a slow bot never holds up the manager).
    func sessionBecameReady(userID: Int64, telegramUserID: Int64) async {
        var event = SessionReady(userID: userID, telegramUserID: telegramUserID)
        do {
            if let (pending, user) = try await InviteRepository(database: database).activatePendingTier(
                userID: userID, now: options.now())
            {
                event.user = user
                event.activatedTier = pending.tier
                logger.info(
                    "invite tier activated by the QR login",
                    metadata: ["user": "\(userID)", "tier": "\(pending.tier.rawValue)", "code": "\(pending.code)"])
            } else {
                event.user = try await UserRepository(database: database).find(id: userID)
            }
        } catch {
            logger.error(
                "the invite's tier could not be activated; it stays pending for the next login",
                metadata: ["user": "\(userID)", "error": "\(error)"])
        }
        let handlers = Array(readyHandlers.values)
        guard !handlers.isEmpty else { return }
        Task { [event] in
            for handler in handlers { await handler(event) }
        }
    }
}
