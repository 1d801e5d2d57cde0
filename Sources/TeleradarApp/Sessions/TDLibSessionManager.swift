import Foundation
import Logging
import ServiceLifecycle
import TeleradarCore
import TeleradarSearch
import TeleradarStorage
import TeleradarTelegram

/// Owns the users' TDLib sessions: QR logins in progress (each lives `loginLifetime`, 10 minutes), and the
/// authorised sessions, each with a `TDLibLiveUpdates` runner under a database lease so that two processes
/// never use one session.
///
/// As a `Service` it resumes every recorded session at start and runs the runners until graceful shutdown.
/// A session is recorded in `kv` (`tdlib_sessions`, key = user id: the Telegram account id and when it was
/// authorised); the TDLib database itself is encrypted by the key `TDLibSessionStore` keeps sealed.
/// QR links and passwords are never logged.
package actor TDLibSessionManager: Service {
    /// Makes the TDLib transport for a user's instance (the real `libtdjson.so` in production, a fake in tests).
    package typealias TransportFactory = @Sendable (_ userID: Int64) throws -> any TDJSONTransport

    /// Tunables and the injected pieces.
    package struct Options: Sendable {
        /// The TDLib transport; the default loads `libtdjson.so` from `.deps`.
        package var transport: TransportFactory
        /// How long a login attempt lives before it is cancelled (SPEC A: 10 minutes).
        package var loginLifetime: Duration = .seconds(600)
        /// How long one TDLib request may take.
        package var requestTimeout: Duration = .seconds(30)
        /// The session lease's lifetime; renewed every `leaseRenewal` while the session runs.
        package var leaseTTL: Duration = .seconds(90)
        /// How often a running session renews its lease.
        package var leaseRenewal: Duration = .seconds(30)
        /// Wrong 2FA passwords tolerated before the attempt fails.
        package var maximumPasswordAttempts = 5
        /// The clock of states and deadlines.
        package var now: @Sendable () -> Date = { Date() }

        /// Options with the given transport and default tunables.
        package init(transport: @escaping TransportFactory = Options.libtdjson) {
            self.transport = transport
        }

        /// `libtdjson.so` from `.deps` (`NativeLibraries`), with TDLib's own log reduced to errors.
        package static let libtdjson: TransportFactory = { _ in
            guard let path = NativeLibraries().tdjson else {
                throw TDLibSessionError.libraryUnavailable(
                    "libtdjson.so was not found under \(NativeLibraries().depsDirectory)/python/telegram/lib "
                        + "(run ./scripts/setup.sh)")
            }
            do {
                let library = try TDJSONLibrary(path: path)
                library.setLogVerbosity(1)
                return library
            } catch {
                throw TDLibSessionError.libraryUnavailable("\(error)")
            }
        }
    }

    /// The record of an authorised session (`kv` namespace `tdlib_sessions`, key = user id).
    package struct Record: Codable, Sendable, Hashable {
        /// The Telegram account the session is logged in as (the user's own).
        package var telegramUserID: Int64
        /// When the login completed.
        package var authorizedAt: Date

        /// A record field by field.
        package init(telegramUserID: Int64, authorizedAt: Date) {
            self.telegramUserID = telegramUserID
            self.authorizedAt = authorizedAt
        }
    }

    /// The `kv` namespace of session records.
    package static let recordNamespace = "tdlib_sessions"

    /// A user's instance: a login attempt or a live session.
    struct Session {
        var attemptID: UUID
        var client: TDLibClient
        var state: TDLibLoginState
        var expiresAt: Date?
        var loginTask: Task<Void, Never>?
        var expiryTask: Task<Void, Never>?
        var password: CheckedContinuation<String, any Error>?
        var chats = TDLibChatDirectory()

        /// Stops the attempt's tasks and wakes a waiting password prompt with a cancellation.
        func cancelWork() {
            loginTask?.cancel()
            expiryTask?.cancel()
            password?.resume(throwing: CancellationError())
        }
    }

    /// A live session whose updates are to be applied.
    struct Runner: Sendable {
        var userID: Int64
        var attemptID: UUID
        var client: TDLibClient
    }

    package nonisolated let credentials: TelegramAPICredentials?
    package nonisolated let options: Options
    package nonisolated let store: TDLibSessionStore
    package nonisolated let database: Database
    package nonisolated let leases: LeaseStore
    package nonisolated let vectorIndex: VectorIndex?
    package nonisolated let logger: Logger
    /// This process's name in session leases.
    package nonisolated let holder = "tdlib-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"

    var sessions: [Int64: Session] = [:]
    /// How each user's last attempt ended (failed or expired), until the next one starts.
    var ended: [Int64: TDLibLoginState] = [:]
    /// Users whose `startLogin` is between its checks and its instance (concurrent starts wait for none).
    var starting: Set<Int64> = []
    var shuttingDown = false
    /// Called when a user's session becomes ready through a login (by name, so a restarted bot replaces its own).
    var readyHandlers: [String: ReadyHandler] = [:]
    nonisolated let runners: AsyncStream<Runner>
    nonisolated let runnerQueue: AsyncStream<Runner>.Continuation

    /// A manager storing sessions under `store`, with `credentials` (nil: logins are refused as not configured).
    package init(
        credentials: TelegramAPICredentials?, store: TDLibSessionStore, database: Database, vectorIndex: VectorIndex?,
        options: Options = Options(), logger: Logger
    ) {
        self.credentials = credentials
        self.store = store
        self.database = database
        self.leases = LeaseStore(database: database)
        self.vectorIndex = vectorIndex
        self.options = options
        self.logger = logger
        (runners, runnerQueue) = AsyncStream.makeStream(of: Runner.self)
    }

    /// The lease guarding a user's session.
    package nonisolated func leaseName(userID: Int64) -> String { "tdlib-session:\(userID)" }

    /// The user's current state with the attempt's deadline; nil when there is no session and no recent attempt.
    package func snapshot(userID: Int64) -> TDLibLoginSnapshot? {
        if let session = sessions[userID] {
            return TDLibLoginSnapshot(state: session.state, expiresAt: session.expiresAt)
        }
        if starting.contains(userID) { return TDLibLoginSnapshot(state: .starting, expiresAt: nil) }
        return ended[userID].map { TDLibLoginSnapshot(state: $0, expiresAt: nil) }
    }

    /// A channel source over the user's session when it is ready in this process.
    package func channelSource(userID: Int64) -> TDLibChannelSource? {
        guard let session = sessions[userID], case .ready = session.state else { return nil }
        return TDLibChannelSource(client: session.client, requestTimeout: options.requestTimeout, chats: session.chats)
    }

    /// A channel source over the ready session of one of the channel's subscribers (the lowest user id first),
    /// if any in this process.
    package func channelSource(subscribedTo channelID: Int64) async -> TDLibChannelSource? {
        let ready = sessions.filter { if case .ready = $0.value.state { true } else { false } }.keys.sorted()
        let repository = ChannelRepository(database: database)
        for userID in ready where (try? await repository.isSubscribed(userID: userID, channelID: channelID)) == true {
            if let source = channelSource(userID: userID) { return source }
        }
        return nil
    }

    /// Starts a QR login for `user` and returns its first state; a login already in progress is returned as is.
    /// - Throws: `TDLibSessionError` (not configured, TDLib missing, the session held by another process),
    ///   `DomainError.conflict` when the user's session is already ready.
    package func startLogin(user: User) async throws -> TDLibLoginSnapshot {
        guard let credentials else { throw TDLibSessionError.notConfigured }
        if let session = sessions[user.id] {
            if case .ready = session.state {
                throw DomainError.conflict("your Telegram session is already active; log out first to log in again")
            }
            return TDLibLoginSnapshot(state: session.state, expiresAt: session.expiresAt)
        }
        guard !starting.contains(user.id) else { return TDLibLoginSnapshot(state: .starting, expiresAt: nil) }
        starting.insert(user.id)
        defer { starting.remove(user.id) }
        let lease = leaseName(userID: user.id)
        guard try await leases.acquire(lease, holder: holder, ttl: options.loginLifetime + options.leaseTTL) else {
            throw TDLibSessionError.sessionBusy
        }
        let client: TDLibClient
        let parameters: TDLibParameters
        do {
            let transport = try options.transport(user.id)
            parameters = try await store.parameters(
                userID: user.id, apiID: credentials.apiID, apiHash: credentials.apiHash, language: user.language)
            client = TDLibClient(transport: transport, defaultTimeout: options.requestTimeout)
        } catch {
            try? await leases.release(lease, holder: holder)
            throw error
        }
        let attemptID = UUID()
        let lifetime = options.loginLifetime
        var session = Session(
            attemptID: attemptID, client: client, state: .starting,
            expiresAt: options.now().addingTimeInterval(lifetime.seconds))
        let userID = user.id
        let telegramID = user.telegramID
        session.loginTask = Task { [weak self] in
            await self?.performLogin(
                userID: userID, telegramID: telegramID, attemptID: attemptID, client: client, parameters: parameters)
        }
        session.expiryTask = Task { [weak self] in
            try? await Task.sleep(for: lifetime)
            guard !Task.isCancelled, let self else { return }
            _ = await Self.shielded { await self.expire(userID: userID, attemptID: attemptID) }
        }
        sessions[userID] = session
        ended.removeValue(forKey: userID)
        logger.info("telegram login started", metadata: ["user": "\(userID)"])
        recordGauges()
        return TDLibLoginSnapshot(state: session.state, expiresAt: session.expiresAt)
    }

    /// Hands the 2FA password to the user's waiting login.
    /// - Throws: `DomainError.conflict` when no login of the user waits for a password, `.invalidArgument`
    ///   for an empty or oversized password.
    package func submitPassword(userID: Int64, password: String) throws {
        guard !password.isEmpty, password.utf8.count <= 1024 else {
            throw DomainError.invalidArgument("password must be 1–1024 bytes")
        }
        guard var session = sessions[userID], case .waitingForPassword = session.state,
            let waiting = session.password
        else { throw DomainError.conflict("no Telegram login of yours is waiting for a password") }
        session.password = nil
        sessions[userID] = session
        waiting.resume(returning: password)
    }
}
