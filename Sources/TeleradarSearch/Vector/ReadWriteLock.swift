#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readers–writer lock over `pthread_rwlock_t`: many readers at once, or one writer.
///
/// On glibc the lock prefers writers, so a steady stream of searches cannot starve the indexer.
/// Locks are not recursive: never take the lock again from inside a locked closure.
final class ReadWriteLock: @unchecked Sendable {
    /// The lock itself, at a stable address (a pthread lock must never move).
    private let handle: UnsafeMutablePointer<pthread_rwlock_t>

    /// A new unlocked lock.
    init() {
        handle = .allocate(capacity: 1)
        handle.initialize(to: pthread_rwlock_t())
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        let status = pthread_rwlock_init(handle, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        precondition(status == 0, "pthread_rwlock_init failed: \(status)")
    }

    deinit {
        pthread_rwlock_destroy(handle)
        handle.deinitialize(count: 1)
        handle.deallocate()
    }

    /// Runs `body` holding the lock shared with other readers.
    func withReadLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let status = pthread_rwlock_rdlock(handle)
        precondition(status == 0, "pthread_rwlock_rdlock failed: \(status)")
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }

    /// Runs `body` holding the lock exclusively.
    func withWriteLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let status = pthread_rwlock_wrlock(handle)
        precondition(status == 0, "pthread_rwlock_wrlock failed: \(status)")
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }
}
