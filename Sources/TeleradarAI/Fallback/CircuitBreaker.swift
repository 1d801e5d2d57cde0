import TeleradarCore

/// Per-model circuit breakers of a fallback chain.
///
/// Closed: calls pass; `failureThreshold` consecutive failures open it. Open: calls are skipped until the
/// cool-down ends. Half-open: after the cool-down exactly one probe call passes; its success closes the breaker,
/// its failure opens it again. An `unauthorized` failure opens the breaker at once, and a rate limit with
/// `Retry-After` opens it for at least that long.
package actor CircuitBreaker {
    /// The state of one breaker.
    package enum State: Sendable, Equatable {
        /// Calls pass; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Calls are skipped until `until`.
        case open(until: ContinuousClock.Instant)
        /// One probe call is in flight; others are skipped.
        case halfOpen
    }

    /// Thresholds and durations.
    package struct Policy: Sendable {
        /// Consecutive failures that open a breaker.
        package var failureThreshold: Int
        /// How long an open breaker skips its model.
        package var coolDown: Duration

        /// Creates a policy.
        package init(failureThreshold: Int = 3, coolDown: Duration = .seconds(60)) {
            self.failureThreshold = max(1, failureThreshold)
            self.coolDown = coolDown
        }
    }

    /// The policy in use.
    package nonisolated let policy: Policy
    private var states: [State]

    /// Creates `count` closed breakers.
    package init(count: Int, policy: Policy) {
        self.policy = policy
        self.states = Array(repeating: .closed(failures: 0), count: count)
    }

    /// Whether model `index` may be called at `now`; an expired open breaker turns half-open and lets this call
    /// through as its probe.
    package func permit(_ index: Int, now: ContinuousClock.Instant) -> Bool {
        switch states[index] {
        case .closed:
            return true
        case .halfOpen:
            return false
        case .open(let until):
            guard now >= until else { return false }
            states[index] = .halfOpen
            return true
        }
    }

    /// Records a success of model `index`: its breaker closes.
    package func recordSuccess(_ index: Int) {
        states[index] = .closed(failures: 0)
    }

    /// Records a failure of model `index` at `now`.
    package func recordFailure(_ index: Int, error: any Error, now: ContinuousClock.Instant) {
        var openFor: Duration?
        switch error as? ModelError {
        case .unauthorized?:
            openFor = policy.coolDown
        case .rateLimited(let retryAfter?)?:
            openFor = max(.seconds(retryAfter), policy.coolDown)
        default:
            break
        }
        switch states[index] {
        case .halfOpen:
            states[index] = .open(until: now + (openFor ?? policy.coolDown))
        case .open:
            break
        case .closed(let failures):
            if let openFor {
                states[index] = .open(until: now + openFor)
            } else if failures + 1 >= policy.failureThreshold {
                states[index] = .open(until: now + policy.coolDown)
            } else {
                states[index] = .closed(failures: failures + 1)
            }
        }
    }

    /// Releases a half-open probe that ended without a verdict (the caller was cancelled): the breaker opens
    /// again as it was, so that a later call can probe.
    package func releaseProbe(_ index: Int, now: ContinuousClock.Instant) {
        if states[index] == .halfOpen { states[index] = .open(until: now) }
    }

    /// The state of every breaker, in model order.
    package func snapshot() -> [State] { states }
}
