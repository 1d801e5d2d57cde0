import Foundation
import Logging
import Metrics
import ServiceLifecycle
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// Embeds and indexes posts from `index_posts` jobs, in batches, with the queue's retries; newest jobs
/// first. Keyword search never waits for it: a post is searchable by keyword the moment it is stored.
package struct IndexWorker: Service {
    package let vectors: VectorSearch
    package let jobs: JobQueue
    package let posts: PostRepository
    package let logger: Logger
    package let worker = "indexer-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    package init(vectors: VectorSearch, database: Database, logger: Logger) {
        self.vectors = vectors
        jobs = JobQueue(database: database)
        posts = PostRepository(database: database)
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let worked = await runOnce()
            if !worked { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) } }
        }
    }

    /// Claims and processes one job; false when the queue had none.
    @discardableResult
    package func runOnce(now: Date = Date()) async -> Bool {
        let job: Job
        do {
            guard let claimed = try await jobs.claim(worker: worker, kinds: [JobKind.indexPosts], lease: .seconds(600), now: now) else {
                return false
            }
            job = claimed
        } catch {
            logger.error("cannot claim indexing jobs", metadata: ["error": "\(error)"])
            return false
        }
        do {
            let payload = try job.decodePayload(IndexPostsPayload.self)
            try await index(postIDs: payload.postIDs)
            try await jobs.complete(jobID: job.id, worker: worker)
        } catch {
            logger.warning("indexing job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            let status = try? await jobs.fail(jobID: job.id, worker: worker, error: "\(error)")
            if status == .dead, let payload = try? job.decodePayload(IndexPostsPayload.self) {
                try? await vectors.vectors.markFailed(postIDs: payload.postIDs)
            }
        }
        return true
    }

    /// Embeds the posts' chunks in one batch and stores and indexes their vectors.
    package func index(postIDs: [Int64]) async throws {
        let loaded = try await posts.posts(ids: postIDs)
        var chunks: [(post: Post, chunk: Int, text: String)] = []
        for post in loaded {
            for (number, text) in TextChunker.chunks(post.searchableText).enumerated() { chunks.append((post, number, text)) }
        }
        let started = ContinuousClock.now
        let embedded = chunks.isEmpty ? [] : try await vectors.embedder.embed(passages: chunks.map(\.text))
        Timer(label: "embedding_generation_duration_seconds").record(duration: ContinuousClock.now - started)
        Counter(label: "embeddings_generated_total").increment(by: embedded.count)
        for post in loaded {
            let mine = zip(chunks, embedded).filter { $0.0.post.id == post.id }
            try await vectors.vectors.store(postID: post.id, model: vectors.embedder.modelID, vectors: mine.map(\.1))
            vectors.index.remove(postID: post.id)
            try vectors.index.upsert(
                mine.map { VectorEntry(postID: post.id, chunk: $0.0.chunk, channelID: post.channelID, postedAt: post.postedAt, tags: post.tags, vector: $0.1) })
        }
    }

    /// Queues every post still waiting for embeddings (after a model change, or posts imported with
    /// `--no-index`). Returns how many posts were queued.
    package func enqueuePending(limit: Int = 1_000_000) async throws -> Int {
        let ids = try await vectors.vectors.pendingPostIDs(limit: limit)
        for start in stride(from: 0, to: ids.count, by: 32) {
            let chunk = Array(ids[start..<min(start + 32, ids.count)])
            try await jobs.enqueue(try NewJob(kind: JobKind.indexPosts, payload: IndexPostsPayload(postIDs: chunk)))
        }
        return ids.count
    }
}
