import Foundation
import ServiceLifecycle
import TeleradarCore
import TeleradarTelegram

extension TDLibSessionManager {
    /// Resumes every recorded session, then runs the live-update runners (of resumed sessions and of logins
    /// completed meanwhile) until graceful shutdown or cancellation; then closes every instance and releases
    /// the leases.
    package func run() async throws {
        await resumeRecordedSessions()
        await withDiscardingTaskGroup { group in
            for await runner in runners.cancelOnGracefulShutdown() {
                group.addTask { await self.runUpdates(runner) }
            }
            // Runners stop by themselves on graceful shutdown (after the update in hand); stop the logins.
            await self.stopLogins()
        }
        await stopAll()
    }

    /// Opens each recorded session without interaction and queues its runner. A session Telegram no longer
    /// knows (revoked from another device) is forgotten; one held by another process is left to it.
    func resumeRecordedSessions() async {
        let records: [(key: String, value: Data)]
        do {
            records = try await store.cache.entries(Self.recordNamespace)
        } catch {
            logger.error("telegram sessions could not be listed", metadata: ["error": "\(error)"])
            return
        }
        guard !records.isEmpty else { return }
        guard let credentials else {
            logger.warning(
                "telegram sessions are recorded but TELEGRAM_API_ID/TELEGRAM_API_HASH are not set: not resumed",
                metadata: ["sessions": "\(records.count)"])
            return
        }
        for (key, value) in records {
            guard let userID = Int64(key), let record = try? JSONDecoder().decode(Record.self, from: value) else {
                continue
            }
            await resume(userID: userID, record: record, credentials: credentials)
        }
    }

    /// Resumes one recorded session (see `resumeRecordedSessions`).
    func resume(userID: Int64, record: Record, credentials: TelegramAPICredentials) async {
        guard sessions[userID] == nil, !shuttingDown else { return }
        let lease = leaseName(userID: userID)
        guard (try? await leases.acquire(lease, holder: holder, ttl: options.leaseTTL)) == true else {
            logger.notice("telegram session held by another process: not resumed here", metadata: ["user": "\(userID)"])
            return
        }
        var client: TDLibClient?
        do {
            let parameters = try await store.parameters(
                userID: userID, apiID: credentials.apiID, apiHash: credentials.apiHash, language: "en")
            let opened = TDLibClient(transport: try options.transport(userID), defaultTimeout: options.requestTimeout)
            client = opened
            let me = try await TDLibAuthorization(client: opened, parameters: parameters).resume()
            guard me.id == record.telegramUserID else { throw TDLibError.notLoggedIn(state: "another account") }
            guard sessions[userID] == nil, !shuttingDown else {
                try? await opened.close(timeout: .seconds(10))
                try? await leases.release(lease, holder: holder)
                return
            }
            let attemptID = UUID()
            sessions[userID] = Session(
                attemptID: attemptID, client: opened, state: .ready(telegramUserID: me.id, name: me.displayName),
                expiresAt: nil)
            recordGauges()
            logger.info("telegram session resumed", metadata: ["user": "\(userID)"])
            runnerQueue.yield(Runner(userID: userID, attemptID: attemptID, client: opened))
        } catch {
            try? await client?.close(timeout: .seconds(10))
            if case TDLibError.notLoggedIn = error {
                logger.warning(
                    "telegram session no longer authorised: forgotten", metadata: ["user": "\(userID)"])
                try? await store.cache.delete(Self.recordNamespace, String(userID))
                try? await store.remove(userID: userID)
            } else {
                logger.error(
                    "telegram session could not be resumed", metadata: ["user": "\(userID)", "error": "\(error)"])
            }
            try? await leases.release(lease, holder: holder)
        }
    }

    /// One session's runner: live updates applied to storage while the lease is renewed; ends on graceful
    /// shutdown, cancellation, the instance closing, or the lease lost (which closes the instance, so the
    /// live updates stop after the update in hand rather than being cancelled in the middle of a write).
    func runUpdates(_ runner: Runner) async {
        let live = TDLibLiveUpdates(
            client: runner.client, database: database, vectorIndex: vectorIndex, logger: logger)
        let lease = leaseName(userID: runner.userID)
        let (ttl, every) = (options.leaseTTL, options.leaseRenewal)
        enum Ended { case updates, renewal }
        await withTaskGroup(of: Ended.self) { group in
            group.addTask {
                try? await live.run()
                return .updates
            }
            group.addTask { [leases, holder, logger] in
                while !Task.isCancelled {
                    do { try await Task.sleep(for: every) } catch { return .renewal }
                    let renewed = await Self.shielded { try await leases.acquire(lease, holder: holder, ttl: ttl) }
                    switch renewed {
                    case .success(true): continue
                    case .success(false):
                        logger.error("telegram session lease lost: stopping", metadata: ["user": "\(runner.userID)"])
                        try? await runner.client.close(timeout: .seconds(10))
                        return .renewal
                    case .failure(let error):
                        // Transient (the database is away): the lease outlives a few missed renewals.
                        logger.warning(
                            "telegram session lease not renewed",
                            metadata: ["user": "\(runner.userID)", "error": "\(error)"])
                    }
                }
                return .renewal
            }
            if await group.next() == .updates { group.cancelAll() }
            // Otherwise the instance was closed: the live updates end by themselves.
            await group.waitForAll()
        }
        await runnerEnded(runner)
    }

    /// Runs `work` in a task of its own, so the caller's cancellation does not reach it: a database write
    /// cancelled half-way can leave SQLite's writer connection inside its transaction.
    nonisolated static func shielded<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async
        -> Result<T, any Error>
    {
        await Task {
            do { return .success(try await work()) } catch { return .failure(error) }
        }.value
    }

    /// After a runner: forget the instance if it is still the current one, close it, release the lease. An
    /// instance TDLib closed by itself (the session was ended from another device) is forgotten for good: its
    /// record, folder and key go. One stopped by shutdown or a lost lease stays recorded.
    func runnerEnded(_ runner: Runner) async {
        let closedByTDLib = await runner.client.isClosed
        if sessions[runner.userID]?.attemptID == runner.attemptID {
            sessions.removeValue(forKey: runner.userID)
            recordGauges()
            if closedByTDLib {
                ended[runner.userID] = .failed(reason: "the Telegram session ended (logged out from another device?)")
                logger.warning("telegram session ended by Telegram: forgotten", metadata: ["user": "\(runner.userID)"])
                try? await store.remove(userID: runner.userID)
                try? await store.cache.delete(Self.recordNamespace, String(runner.userID))
            } else if !shuttingDown {
                logger.warning("telegram session stopped here", metadata: ["user": "\(runner.userID)"])
            }
        }
        try? await runner.client.close(timeout: .seconds(10))
        try? await leases.release(leaseName(userID: runner.userID), holder: holder)
    }

    /// Cancels every login in progress (shutdown).
    func stopLogins() async {
        shuttingDown = true
        runnerQueue.finish()
        for (userID, session) in sessions where session.state.isInProgress {
            sessions.removeValue(forKey: userID)
            await discard(session, userID: userID)
        }
        recordGauges()
    }

    /// Closes whatever is left (after the runners ended).
    func stopAll() async {
        shuttingDown = true
        let left = sessions
        sessions.removeAll()
        for (userID, session) in left { await discard(session, userID: userID) }
        recordGauges()
    }

    /// Stops a session's work, closes its instance and releases its lease (shutdown).
    private func discard(_ session: Session, userID: Int64) async {
        session.cancelWork()
        try? await session.client.close(timeout: .seconds(5))
        try? await leases.release(leaseName(userID: userID), holder: holder)
    }

    /// Logs the user's session out of Telegram and forgets it: the TDLib database folder, its key, the record.
    /// Idempotent. A session held by another process cannot be logged out from here (`sessionBusy`).
    package func logout(userID: Int64) async throws {
        if let session = sessions.removeValue(forKey: userID) {
            session.cancelWork()
            recordGauges()
            if case .ready = session.state {
                _ = try? await session.client.send(TDLogOut(), timeout: .seconds(10))
                try? await session.client.waitUntilClosed(timeout: .seconds(10))
            } else {
                try? await session.client.close(timeout: .seconds(10))
            }
        } else if let credentials,
            try await store.cache.get(Self.recordNamespace, String(userID)) != nil
        {
            // Recorded but not open here (not resumed): open it just to log out.
            guard try await leases.acquire(leaseName(userID: userID), holder: holder, ttl: options.leaseTTL) else {
                throw TDLibSessionError.sessionBusy
            }
            if let client = try? TDLibClient(
                transport: options.transport(userID), defaultTimeout: options.requestTimeout),
                let parameters = try? await store.parameters(
                    userID: userID, apiID: credentials.apiID, apiHash: credentials.apiHash, language: "en")
            {
                if (try? await TDLibAuthorization(client: client, parameters: parameters).resume()) != nil {
                    _ = try? await client.send(TDLogOut(), timeout: .seconds(10))
                    try? await client.waitUntilClosed(timeout: .seconds(10))
                }
                try? await client.close(timeout: .seconds(10))
            }
        }
        ended.removeValue(forKey: userID)
        try await store.remove(userID: userID)
        try await store.cache.delete(Self.recordNamespace, String(userID))
        try? await leases.release(leaseName(userID: userID), holder: holder)
        logger.info("telegram session logged out", metadata: ["user": "\(userID)"])
    }

    /// Whether a session of the user is recorded (authorised, possibly running in another process).
    package func isRecorded(userID: Int64) async throws -> Bool {
        try await store.cache.get(Self.recordNamespace, String(userID)) != nil
    }
}
