import Foundation
import Metrics
import TeleradarCore
import TeleradarTelegram

extension TDLibSessionManager {
    /// The login task of one attempt: drives TDLib's QR login, publishing states, then checks the account.
    func performLogin(
        userID: Int64, telegramID: Int64, attemptID: UUID, client: TDLibClient, parameters: TDLibParameters
    ) async {
        let authorization = TDLibAuthorization(
            client: client, parameters: parameters, maximumPasswordAttempts: options.maximumPasswordAttempts)
        do {
            let me = try await authorization.logIn(
                onQRCodeLink: { [weak self] link in await self?.showQR(link, userID: userID, attemptID: attemptID) },
                password: { [weak self] prompt in
                    guard let self else { throw CancellationError() }
                    return try await self.awaitPassword(prompt, userID: userID, attemptID: attemptID)
                })
            // Not cancelled with the login (logout, shutdown): these write to the database.
            _ = await Self.shielded {
                await self.loggedIn(me, userID: userID, telegramID: telegramID, attemptID: attemptID)
            }
        } catch {
            _ = await Self.shielded { await self.loginFailed(error, userID: userID, attemptID: attemptID) }
        }
    }

    /// A new (rotated) QR link for the attempt.
    func showQR(_ link: String, userID: Int64, attemptID: UUID) {
        guard sessions[userID]?.attemptID == attemptID else { return }
        sessions[userID]?.state = .waitingForQR(link: link, refreshedAt: options.now())
        logger.debug("telegram login: QR link rotated", metadata: ["user": "\(userID)"])
        recordGauges()
    }

    /// Publishes the password prompt and waits for `submitPassword` (or the attempt's end).
    func awaitPassword(_ prompt: TDPasswordPrompt, userID: Int64, attemptID: UUID) async throws -> String {
        guard sessions[userID]?.attemptID == attemptID else { throw CancellationError() }
        let previous = prompt.previousError.map { $0.contains("PASSWORD_HASH_INVALID") ? "wrong_password" : $0 }
        sessions[userID]?.state = .waitingForPassword(
            hint: prompt.info.passwordHint, attempt: prompt.attempt, previousError: previous)
        recordGauges()
        return try await withCheckedThrowingContinuation { continuation in
            guard sessions[userID]?.attemptID == attemptID, !Task.isCancelled else {
                continuation.resume(throwing: CancellationError())
                return
            }
            sessions[userID]?.password = continuation
        }
    }

    /// TDLib logged in as `me`: keep the session if it is the user's own account, else log it out and forget it.
    func loggedIn(_ me: TDUser, userID: Int64, telegramID: Int64, attemptID: UUID) async {
        guard var session = sessions[userID], session.attemptID == attemptID else { return }
        session.expiryTask?.cancel()
        session.expiryTask = nil
        session.loginTask = nil
        guard me.id == telegramID else {
            sessions.removeValue(forKey: userID)
            ended[userID] = .failed(reason: "another account")
            recordGauges()
            countLogin("wrong_account")
            logger.warning(
                "telegram login refused: another account than the user's own logged in", metadata: ["user": "\(userID)"]
            )
            _ = try? await session.client.send(TDLogOut(), timeout: .seconds(10))
            try? await session.client.waitUntilClosed(timeout: .seconds(10))
            try? await store.remove(userID: userID)
            try? await leases.release(leaseName(userID: userID), holder: holder)
            return
        }
        sessions[userID] = session
        // Recorded before it is shown ready, so "ready" always means "survives a restart".
        do {
            let record = Record(telegramUserID: me.id, authorizedAt: options.now())
            try await store.cache.setJSON(Self.recordNamespace, String(userID), value: record, ttl: nil)
            _ = try await leases.acquire(leaseName(userID: userID), holder: holder, ttl: options.leaseTTL)
        } catch {
            logger.error(
                "telegram session could not be recorded", metadata: ["user": "\(userID)", "error": "\(error)"])
            guard sessions[userID]?.attemptID == attemptID else { return }
            sessions.removeValue(forKey: userID)
            ended[userID] = .failed(reason: "the session could not be recorded; try again")
            recordGauges()
            countLogin("failed")
            try? await session.client.close(timeout: .seconds(10))
            try? await leases.release(leaseName(userID: userID), holder: holder)
            return
        }
        guard sessions[userID]?.attemptID == attemptID else {
            // Logged out (or shut down) meanwhile: neither the record nor the lease may outlive the session.
            try? await store.cache.delete(Self.recordNamespace, String(userID))
            if sessions[userID] == nil { try? await leases.release(leaseName(userID: userID), holder: holder) }
            return
        }
        sessions[userID]?.state = .ready(telegramUserID: me.id, name: me.displayName)
        sessions[userID]?.expiresAt = nil
        countLogin("ready")
        recordGauges()
        logger.info("telegram session authorised", metadata: ["user": "\(userID)"])
        runnerQueue.yield(Runner(userID: userID, attemptID: attemptID, client: session.client))
        await sessionBecameReady(userID: userID, telegramUserID: me.id)
    }

    /// The attempt ended with `error` (unless it already ended otherwise).
    func loginFailed(_ error: any Error, userID: Int64, attemptID: UUID) async {
        guard let session = sessions[userID], session.attemptID == attemptID else { return }
        session.expiryTask?.cancel()
        sessions.removeValue(forKey: userID)
        let reason = Self.reason(error)
        ended[userID] = .failed(reason: reason)
        recordGauges()
        countLogin("failed")
        logger.warning("telegram login failed", metadata: ["user": "\(userID)", "reason": "\(reason)"])
        try? await session.client.close(timeout: .seconds(10))
        try? await leases.release(leaseName(userID: userID), holder: holder)
    }

    /// The attempt outlived its lifetime: cancel it, close its instance.
    func expire(userID: Int64, attemptID: UUID) async {
        guard let session = sessions[userID], session.attemptID == attemptID, session.state.isInProgress else { return }
        sessions.removeValue(forKey: userID)
        ended[userID] = .expired
        session.loginTask?.cancel()
        session.password?.resume(throwing: CancellationError())
        recordGauges()
        countLogin("expired")
        logger.info("telegram login expired", metadata: ["user": "\(userID)"])
        try? await session.client.close(timeout: .seconds(10))
        try? await leases.release(leaseName(userID: userID), holder: holder)
    }

    /// What the user is told about a failed login.
    static func reason(_ error: any Error) -> String {
        switch error {
        case TDLibError.passwordRejected(let attempts): "the password was rejected \(attempts) times"
        case TDLibError.unsupportedAuthorizationState(let state):
            "Telegram asked for \(state), which QR login cannot do"
        case TDLibError.tdlib(let error): "Telegram refused the login: \(error.message)"
        case TDLibError.closed: "the Telegram session closed"
        case is CancellationError: "cancelled"
        default: "the login failed: \(error)"
        }
    }

    /// `tdlib_logins_total{outcome}`.
    func countLogin(_ outcome: String) {
        Counter(label: "tdlib_logins_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// `tdlib_sessions{state}`: this process's instances by state.
    func recordGauges() {
        var counts = Dictionary(uniqueKeysWithValues: TDLibLoginState.statuses.map { ($0, 0) })
        for session in sessions.values { counts[session.state.status, default: 0] += 1 }
        for (state, count) in counts {
            Gauge(label: "tdlib_sessions", dimensions: [("state", state)]).record(count)
        }
    }
}
