import TeleradarCore

/// Native GigaChat embeddings: `POST {base}/api/v1/embeddings` through a `GigaChatClient`
/// (model `Embeddings`, 1024 dimensions, by default).
package struct GigaChatEmbedder: Embedder {
    /// The authenticated client.
    package let client: GigaChatClient
    /// Model name, e.g. `Embeddings` or `EmbeddingsGigaR`.
    package let model: String
    /// Length of every vector (1024 for `Embeddings`).
    package let dimensions: Int
    /// Texts per request.
    package let batchSize: Int

    /// `gigachat:model`.
    package var modelID: String { "gigachat:\(model)" }

    /// Creates an embedder on a shared client.
    package init(client: GigaChatClient, model: String = "Embeddings", dimensions: Int = 1024, batchSize: Int = 16) {
        self.client = client
        self.model = model
        self.dimensions = dimensions
        self.batchSize = max(1, batchSize)
    }

    /// Embeds passages in batches, one vector per text, in order.
    package func embed(passages: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(passages.count)
        var start = 0
        while start < passages.count {
            let end = min(start + batchSize, passages.count)
            vectors += try await embedBatch(Array(passages[start..<end]))
            start = end
        }
        return vectors
    }

    /// Embeds one query.
    package func embed(query: String) async throws -> [Float] {
        try await embedBatch([query])[0]
    }

    private func embedBatch(_ texts: [String]) async throws -> [[Float]] {
        let body = OpenAIWire.EmbeddingRequest(model: model, input: texts.map { $0.isEmpty ? " " : $0 })
        let response = try await client.postJSON(path: "/api/v1/embeddings", body: body)
        let decoded = try ModelTransport.decode(OpenAIWire.EmbeddingResponse.self, from: response)
        return try EmbeddingOrdering.vectors(
            decoded.data.map { ($0.index, $0.embedding) }, expectedCount: texts.count, dimensions: dimensions
        )
    }
}
