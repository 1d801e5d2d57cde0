/// Outbound limiter for bot messages, keeping under Telegram's flood limits:
/// about one message per second per chat, 20 per minute per group (negative ids and `@usernames`)
/// and 30 per second overall.
///
/// Messages to one chat go out one at a time in call order (a later part of a split message never overtakes
/// an earlier one); different chats proceed in parallel. A `429` with `retry_after` pauses that chat for the
/// requested time and sends the same message once more (Telegram did not deliver the rejected one, so this
/// cannot duplicate it); other errors are passed through untouched, never retried.
/// Use it for messages only: callback answers and chat actions are not subject to these limits.
/// A cancelled caller still waits for its chat's turn, then fails at its first sleep without sending.
package actor BotOutbox {
    /// The limits to keep.
    package struct Limits: Sendable, Hashable {
        /// Minimum gap between two messages to the same chat.
        package var perChatInterval: Duration
        /// Length of the sliding window of the group limit.
        package var groupWindow: Duration
        /// Messages allowed per group chat within `groupWindow`.
        package var groupLimit: Int
        /// Length of the sliding window of the global limit.
        package var globalWindow: Duration
        /// Messages allowed in total within `globalWindow`.
        package var globalLimit: Int

        /// Telegram's documented limits: 1/s per chat, 20/min per group, 30/s overall.
        package static let telegram = Self(
            perChatInterval: .seconds(1), groupWindow: .seconds(60), groupLimit: 20,
            globalWindow: .seconds(1), globalLimit: 30)

        /// Memberwise initializer.
        package init(perChatInterval: Duration, groupWindow: Duration, groupLimit: Int, globalWindow: Duration, globalLimit: Int) {
            self.perChatInterval = perChatInterval
            self.groupWindow = groupWindow
            self.groupLimit = max(1, groupLimit)
            self.globalWindow = globalWindow
            self.globalLimit = max(1, globalLimit)
        }
    }

    /// Bookkeeping of one chat.
    private struct ChatState {
        /// Instant of the latest send.
        var lastSend: Duration?
        /// Sends within the group window (groups only), oldest first.
        var recentSends: [Duration] = []
        /// True while a message to this chat is being sent.
        var busy = false
        /// Callers queued behind the current one, in order.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The limits in force.
    package let limits: Limits
    /// Time source.
    private let clock: BotOutboxClock
    /// Per-chat state.
    private var chats: [BotAPI.ChatID: ChatState] = [:]
    /// All sends within the global window, oldest first.
    private var globalSends: [Duration] = []
    /// Sends since idle chats were last forgotten.
    private var sendsSinceSweep = 0

    /// An outbox keeping `limits`, timed by `clock`.
    package init(limits: Limits = .telegram, clock: BotOutboxClock = .continuous) {
        self.limits = limits
        self.clock = clock
    }

    /// Runs `operation` (one message to `chatID`) when the limits allow, retrying once after a `429`.
    package func send<Result: Sendable>(
        to chatID: BotAPI.ChatID, _ operation: @Sendable () async throws -> Result
    ) async throws -> Result {
        await acquire(chatID)
        defer { release(chatID) }
        var retried = false
        while true {
            try await waitForSlot(chatID)
            do {
                return try await operation()
            } catch let error as BotAPIError {
                guard !retried, let wait = error.retryAfterDuration else { throw error }
                retried = true
                try await clock.sleepUntil(clock.now() + wait)
            }
        }
    }

    /// Sends `request` through `client` as a message to `chatID`.
    package func send<Result: Sendable>(
        _ request: BotAPIRequest<Result>, to chatID: BotAPI.ChatID, via client: BotAPIClient
    ) async throws -> Result {
        try await send(to: chatID) { try await client.send(request) }
    }

    /// Number of chats with remembered state (for tests of the clean-up).
    package var trackedChatCount: Int { chats.count }

    /// Waits for this chat's turn.
    private func acquire(_ chatID: BotAPI.ChatID) async {
        if chats[chatID, default: ChatState()].busy {
            await withCheckedContinuation { continuation in
                chats[chatID, default: ChatState()].waiters.append(continuation)
            }
            // The previous holder handed the turn over with `busy` still set.
        } else {
            chats[chatID, default: ChatState()].busy = true
        }
    }

    /// Passes this chat's turn to the next caller, or frees it.
    private func release(_ chatID: BotAPI.ChatID) {
        guard var state = chats[chatID] else { return }
        if state.waiters.isEmpty {
            state.busy = false
            chats[chatID] = state
        } else {
            let next = state.waiters.removeFirst()
            chats[chatID] = state
            next.resume()
        }
    }

    /// Sleeps until a send to `chatID` keeps every limit, then records it.
    private func waitForSlot(_ chatID: BotAPI.ChatID) async throws {
        while true {
            let now = clock.now()
            let earliest = earliestSend(to: chatID, now: now)
            if earliest <= now {
                record(chatID, at: now)
                return
            }
            try await clock.sleepUntil(earliest)
        }
    }

    /// The first instant from `now` on at which a send to `chatID` keeps every limit.
    private func earliestSend(to chatID: BotAPI.ChatID, now: Duration) -> Duration {
        globalSends.removeAll { $0 <= now - limits.globalWindow }
        var earliest = now
        if globalSends.count >= limits.globalLimit {
            earliest = max(earliest, globalSends[globalSends.count - limits.globalLimit] + limits.globalWindow)
        }
        guard var state = chats[chatID] else { return earliest }
        if let last = state.lastSend {
            earliest = max(earliest, last + limits.perChatInterval)
        }
        if chatID.isGroupLike {
            state.recentSends.removeAll { $0 <= now - limits.groupWindow }
            if state.recentSends.count >= limits.groupLimit {
                earliest = max(earliest, state.recentSends[state.recentSends.count - limits.groupLimit] + limits.groupWindow)
            }
            chats[chatID] = state
        }
        return earliest
    }

    /// Notes a send to `chatID` at `now`.
    private func record(_ chatID: BotAPI.ChatID, at now: Duration) {
        globalSends.append(now)
        var state = chats[chatID, default: ChatState()]
        state.lastSend = now
        if chatID.isGroupLike { state.recentSends.append(now) }
        chats[chatID] = state
        sendsSinceSweep += 1
        if sendsSinceSweep >= 1_000 { forgetIdleChats(now: now) }
    }

    /// Drops the state of chats with nothing pending whose last send is older than every window.
    private func forgetIdleChats(now: Duration) {
        sendsSinceSweep = 0
        let horizon = now - max(limits.groupWindow, limits.perChatInterval)
        chats = chats.filter { _, state in
            state.busy || !state.waiters.isEmpty || (state.lastSend.map { $0 > horizon } ?? false)
        }
    }
}
