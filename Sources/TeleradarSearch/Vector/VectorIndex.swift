import Foundation
import TeleradarCore

/// The in-memory vector index: exact nearest-neighbour search over int8-quantised, L2-normalised
/// vectors, partitioned by channel.
///
/// - Storage: per vector, `dimensions` rounded up to 16 bytes of int8 codes plus a `Float` scale,
///   the post id, chunk, publication time, an interned tag set and a chunk link (416 bytes at 384
///   dimensions), plus about 24 bytes of post map; channels grow by fixed blocks (never by
///   reallocation), so a million 384-dimension vectors take about 470 MB of RSS.
///   See ``estimatedBytesPerVector(dimensions:)`` and ``estimatedMemoryBytes``.
/// - Search: scans only the partitions of the caller's channels, applies the date and tag filters,
///   scores with an int8 × int16 SIMD dot product (cosine ≈ dot × both scales), keeps a top-k heap
///   with one entry per post (its best chunk).
/// - Concurrency: any number of searches run at once under a shared lock; writes (upsert, remove,
///   load) take it exclusively and briefly — vectors are validated and quantised before locking.
///   Searches are synchronous and never hop actors, so call them from any task.
package final class VectorIndex: @unchecked Sendable {
    /// The length of every vector.
    package let dimensions: Int
    /// Guards `store`.
    private let lock = ReadWriteLock()
    /// The data; read under the shared lock, written under the exclusive one.
    private var store: VectorStore

    /// An empty index for vectors of `dimensions` components (at least 1).
    package init(dimensions: Int) {
        precondition(dimensions > 0, "a vector index needs at least one dimension")
        self.dimensions = dimensions
        store = VectorStore(stride: VectorQuantizer.blockCount(dimensions: dimensions) * 16)
    }

    /// How many vectors (chunks) are stored.
    package var count: Int { lock.withReadLock { store.count } }
    /// How many posts have at least one vector.
    package var postCount: Int { lock.withReadLock { store.postCount } }
    /// How many channels have at least one vector.
    package var channelCount: Int { lock.withReadLock { store.channelCount } }
    /// Bytes held by the index's arrays and maps (by capacity): the bulk of its resident memory.
    package var estimatedMemoryBytes: Int { lock.withReadLock { store.memoryBytes } }

    /// The expected bytes per vector at `dimensions`, for one chunk per post and no slack:
    /// the padded codes, 32 bytes of columns, and about 24 bytes of post map.
    package static func estimatedBytesPerVector(dimensions: Int) -> Int {
        VectorQuantizer.blockCount(dimensions: dimensions) * 16 + 32 + 24
    }

    /// Inserts or replaces chunk `entry.chunk` of post `entry.postID`.
    ///
    /// If the post was indexed under another channel, its old chunks are removed first.
    package func upsert(_ entry: VectorEntry) throws(VectorIndexError) {
        let prepared = try prepare(entry)
        lock.withWriteLock { store.upsert(prepared) }
    }

    /// Inserts or replaces many entries: all are validated first, so on error nothing is stored.
    package func upsert(_ entries: some Collection<VectorEntry>) throws(VectorIndexError) {
        let prepared = try prepare(entries)
        lock.withWriteLock {
            for entry in prepared { store.upsert(entry) }
        }
    }

    /// Bulk loading (start-up from `post_vectors`): like the batch `upsert`, under one lock, with
    /// the post map sized once for the batch. Load a large index in pages (say 10,000 entries) to
    /// keep the `Float` input small next to the index.
    package func load(_ entries: some Collection<VectorEntry>) throws(VectorIndexError) {
        let prepared = try prepare(entries)
        lock.withWriteLock {
            store.reservePosts(prepared.count)
            for entry in prepared { store.upsert(entry) }
        }
    }

    /// Removes every chunk of a post; returns how many vectors were removed.
    @discardableResult
    package func remove(postID: Int64) -> Int {
        lock.withWriteLock { store.remove(postID: postID) }
    }

    /// Removes every chunk of many posts under one lock; returns how many vectors were removed.
    @discardableResult
    package func remove(postIDs: some Sequence<Int64>) -> Int {
        lock.withWriteLock { postIDs.reduce(0) { $0 + store.remove(postID: $1) } }
    }

    /// Removes a whole channel; returns how many vectors were removed.
    @discardableResult
    package func remove(channelID: Int64) -> Int {
        lock.withWriteLock { store.remove(channelID: channelID) }
    }

    /// Removes everything.
    package func removeAll() {
        lock.withWriteLock { store.removeAll() }
    }

    /// Replaces the tags of every chunk of a post; returns whether the post is indexed.
    @discardableResult
    package func updateTags(postID: Int64, tags: [String]) -> Bool {
        lock.withWriteLock { store.updateTags(postID: postID, tags: tags) }
    }

    /// The chunk numbers indexed for a post, ascending (empty when it is not indexed).
    package func chunks(of postID: Int64) -> [Int] {
        lock.withReadLock { store.chunks(of: postID) }
    }

    /// The `limit` posts of `channels` most similar to `query` that pass `filter`, best first, each
    /// with its best chunk and that chunk's approximate cosine similarity.
    ///
    /// Only the partitions of `channels` are scanned, so a caller never sees other channels' posts;
    /// an empty set finds nothing. Ties are broken by the smaller post id, so results are stable.
    package func search(
        query: [Float], channels: Set<Int64>, filter: VectorSearchFilter = .none, limit: Int
    ) throws(VectorIndexError) -> [VectorHit] {
        let quantized = try VectorQuantizer.quantizeQuery(query, dimensions: dimensions)
        guard limit > 0, !channels.isEmpty else { return [] }
        return lock.withReadLock { store.search(quantized, channels: channels, filter: filter, limit: limit) }
    }

    /// Validates and quantises one entry (outside the lock).
    private func prepare(_ entry: VectorEntry) throws(VectorIndexError) -> VectorStore.Prepared {
        guard entry.chunk >= 0, entry.chunk <= Int(Int32.max) else { throw .invalidChunk(entry.chunk) }
        let vector = try VectorQuantizer.quantize(entry.vector, dimensions: dimensions)
        return VectorStore.Prepared(
            postID: entry.postID, chunk: Int32(entry.chunk), channelID: entry.channelID,
            postedAt: entry.postedAt.millis, tags: entry.tags, vector: vector)
    }

    /// Validates and quantises many entries, stopping at the first bad one.
    private func prepare(_ entries: some Collection<VectorEntry>) throws(VectorIndexError) -> [VectorStore.Prepared] {
        var prepared: [VectorStore.Prepared] = []
        prepared.reserveCapacity(entries.count)
        for entry in entries { prepared.append(try prepare(entry)) }
        return prepared
    }
}
