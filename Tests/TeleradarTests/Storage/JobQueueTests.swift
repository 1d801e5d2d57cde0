import Foundation
import Testing
@testable import TeleradarStorage

@Suite("Job queue")
struct JobQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a job claimed by a worker that dies is reclaimed and completed exactly once", arguments: Backend.allCases)
    func reclaimAfterCrash(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let queue = JobQueue(database: database)
            let id = try #require(try await queue.enqueue(NewJob(kind: "embed", payload: #"{"post":1}"#), now: t0))
            let first = try #require(try await queue.claim(worker: "A", lease: .seconds(30), now: t0))
            #expect(first.id == id)
            #expect(first.attempts == 1)
            // While A's lease holds, nobody else gets the job.
            #expect(try await queue.claim(worker: "B", lease: .seconds(30), now: t0.addingTimeInterval(10)) == nil)
            // A dies; after the lease expires B reclaims it.
            let later = t0.addingTimeInterval(31)
            let second = try #require(try await queue.claim(worker: "B", lease: .seconds(30), now: later))
            #expect(second.id == id)
            #expect(second.attempts == 2)
            #expect(second.lockedBy == "B")
            // A comes back from the dead: its completion is refused, B's counts, and only once.
            #expect(try await queue.complete(jobID: id, worker: "A", now: later) == false)
            #expect(try await queue.complete(jobID: id, worker: "B", now: later) == true)
            #expect(try await queue.complete(jobID: id, worker: "B", now: later) == false)
            #expect(try await queue.find(id: id)?.status == .done)
            #expect(try await queue.claim(worker: "C", lease: .seconds(30), now: later.addingTimeInterval(3600)) == nil)
        }
    }

    @Test("concurrent workers never claim the same job", arguments: Backend.allCases)
    func concurrentClaims(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let queue = JobQueue(database: database)
            for index in 0..<40 { try await queue.enqueue(NewJob(kind: "work", payload: "{\"n\":\(index)}"), now: t0) }
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while let job = try await queue.claim(worker: "w\(worker)", lease: .seconds(60), now: t0) {
                            mine.append(job.id)
                            #expect(try await queue.complete(jobID: job.id, worker: "w\(worker)", now: t0))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 40)
            #expect(Set(claimed).count == 40)
            #expect(try await queue.counts()[.done] == 40)
        }
    }

    @Test("failures back off exponentially and end dead, visible", arguments: Backend.allCases)
    func backoffAndDead(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let queue = JobQueue(database: database, retry: RetryPolicy(base: .seconds(2), cap: .seconds(3600)))
            let id = try #require(try await queue.enqueue(NewJob(kind: "tag", maxAttempts: 3), now: t0))
            var now = t0
            var expectedDelays: [Double] = [2, 4]
            for attempt in 1...3 {
                let job = try #require(try await queue.claim(worker: "w", lease: .seconds(60), now: now))
                #expect(job.attempts == attempt)
                let status = try await queue.fail(jobID: id, worker: "w", error: "model timeout #\(attempt)", now: now)
                if attempt < 3 {
                    #expect(status == .queued)
                    let stored = try #require(try await queue.find(id: id))
                    let delay = expectedDelays.removeFirst()
                    #expect(stored.runAt.timeIntervalSince(now) == delay)
                    // Not ready before the backoff ends.
                    #expect(try await queue.claim(worker: "w", lease: .seconds(60), now: now.addingTimeInterval(delay - 1)) == nil)
                    now = stored.runAt
                } else {
                    #expect(status == .dead)
                }
            }
            let dead = try await queue.list(status: .dead)
            #expect(dead.map(\.id) == [id])
            #expect(dead.first?.lastError == "model timeout #3")
            #expect(try await queue.requeue(jobID: id, now: now))
            #expect(try await queue.claim(worker: "w", lease: .seconds(60), now: now)?.id == id)
        }
    }

    @Test("a dedupe key keeps one pending job of a kind", arguments: Backend.allCases)
    func dedupe(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let queue = JobQueue(database: database)
            let first = try await queue.enqueue(NewJob(kind: "parse", dedupeKey: "channel:1"), now: t0)
            let duplicate = try await queue.enqueue(NewJob(kind: "parse", dedupeKey: "channel:1"), now: t0)
            let otherKind = try await queue.enqueue(NewJob(kind: "embed", dedupeKey: "channel:1"), now: t0)
            #expect(first != nil)
            #expect(duplicate == nil)
            #expect(otherKind != nil)
            let job = try #require(try await queue.claim(worker: "w", kinds: ["parse"], lease: .seconds(60), now: t0))
            #expect(try await queue.complete(jobID: job.id, worker: "w", now: t0))
            // Once done, the same key may be queued again.
            #expect(try await queue.enqueue(NewJob(kind: "parse", dedupeKey: "channel:1"), now: t0) != nil)
        }
    }

    @Test("a job whose worker died after its last attempt is buried", arguments: Backend.allCases)
    func deadAfterLastLease(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let queue = JobQueue(database: database)
            let id = try #require(try await queue.enqueue(NewJob(kind: "x", maxAttempts: 1), now: t0))
            _ = try #require(try await queue.claim(worker: "A", lease: .seconds(5), now: t0))
            #expect(try await queue.claim(worker: "B", lease: .seconds(5), now: t0.addingTimeInterval(10)) == nil)
            #expect(try await queue.find(id: id)?.status == .dead)
        }
    }

    @Test("backoff doubles and is capped")
    func retryPolicy() {
        let policy = RetryPolicy(base: .seconds(2), cap: .seconds(60))
        #expect((1...7).map { policy.delay(afterAttempt: $0) } == [2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
    }
}
