/// The time source of ``BotOutbox``: instants are durations since an arbitrary origin.
///
/// Tests inject a fake whose `sleep` only moves its time forward, so limits of a minute take no real time.
package struct BotOutboxClock: Sendable {
    /// The current instant.
    package var now: @Sendable () -> Duration
    /// Suspends until the instant `deadline` (returns at once if it has passed); throws when cancelled.
    package var sleepUntil: @Sendable (_ deadline: Duration) async throws -> Void

    /// A clock from its two operations.
    package init(now: @escaping @Sendable () -> Duration, sleepUntil: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleepUntil = sleepUntil
    }

    /// Real monotonic time (`ContinuousClock`), with its origin at the call.
    package static var continuous: Self {
        let clock = ContinuousClock()
        let origin = clock.now
        return Self(
            now: { origin.duration(to: clock.now) },
            sleepUntil: { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) })
    }
}
