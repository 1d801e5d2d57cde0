import Crypto
import Foundation
import Logging
import Metrics
import TeleradarCore
import TeleradarSearch
import TeleradarStorage

/// The vector side of retrieval: the embedder, the in-memory index rebuilt from `post_vectors` at start,
/// and a 24 h cache of query embeddings keyed by model and text.
package struct VectorSearch: Sendable {
    package let index: VectorIndex
    package let embedder: any Embedder
    package let cache: KVCache
    package let vectors: VectorRepository
    package let logger: Logger

    package init(embedder: any Embedder, database: Database, logger: Logger) {
        self.embedder = embedder
        index = VectorIndex(dimensions: embedder.dimensions)
        cache = KVCache(database: database)
        vectors = VectorRepository(database: database)
        self.logger = logger
    }

    /// Loads every stored vector of the current model; vectors of other models are dropped and their posts
    /// sent back to indexing (a model change re-embeds). Returns how many vectors were loaded.
    @discardableResult
    package func loadIndex() async throws -> Int {
        let stale = try await vectors.resetOtherModels(keeping: embedder.modelID)
        if stale > 0 {
            logger.notice("embedding model changed; re-embedding", metadata: ["stale_vectors": "\(stale)", "model": "\(embedder.modelID)"])
        }
        index.removeAll()
        var loaded = 0
        try await vectors.forEach(model: embedder.modelID) { page in
            try index.load(page.map { VectorEntry(postID: $0.postID, chunk: $0.chunk, channelID: $0.channelID, postedAt: $0.postedAt, vector: $0.vector) })
            loaded += page.count
        }
        return loaded
    }

    /// The query's embedding, from the cache when possible.
    package func queryVector(_ text: String) async throws -> [Float] {
        let key = embedder.modelID + ":" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        if let cached = try await cache.get("query_embeddings", key), cached.count == embedder.dimensions * 4 {
            Counter(label: "embeddings_cache_hits_total").increment()
            return VectorRepository.decode(cached)
        }
        Counter(label: "embeddings_cache_misses_total").increment()
        let vector = try await embedder.embed(query: text)
        try await cache.set("query_embeddings", key, value: VectorRepository.encode(vector), ttl: .seconds(86_400))
        return vector
    }

    /// The nearest posts inside `scope`.
    package func search(_ text: String, scope: SearchScope, limit: Int) async throws -> [VectorHit] {
        guard !index.isEmptyIndex else { return [] }
        let query = try await queryVector(text)
        return try index.search(
            query: query, channels: scope.channelIDs,
            filter: VectorSearchFilter(since: scope.since, until: scope.until, anyTags: Set(scope.tags)), limit: limit)
    }
}

extension VectorIndex {
    /// Whether nothing is indexed yet.
    var isEmptyIndex: Bool { count == 0 }
}
