import AsyncHTTPClient
import Logging
import NIOHTTP1
import TeleradarCore

/// Embeddings from any OpenAI-compatible `POST {base}/v1/embeddings`: OpenAI, Ollama, vLLM, GigaChat through
/// gpt2giga. Passages are sent in batches; queries and passages are embedded the same way (prefixes such as e5's
/// "query: " are the caller's business when a server hosts such a model — see `queryPrefix`/`passagePrefix`).
package struct OpenAICompatibleEmbedder: Embedder {
    /// Settings of one endpoint and model.
    package struct Configuration: Sendable {
        /// Base URL, e.g. `https://api.openai.com`, `http://localhost:11434`, `http://gpt2giga:8090`
        /// (a trailing `/v1` is accepted).
        package var baseURL: String
        /// Bearer key; `nil` or empty for servers without auth (Ollama).
        package var apiKey: String?
        /// Model name sent as `model`.
        package var model: String
        /// Length of the vectors the model returns; answers of another length are rejected.
        package var dimensions: Int
        /// Send `dimensions` in the request (OpenAI `text-embedding-3-*` can shorten vectors).
        package var sendDimensions: Bool
        /// Texts per request.
        package var batchSize: Int
        /// Deadline of one request.
        package var timeout: Duration
        /// Provider label used in `modelID`, e.g. `openai`, `ollama`, `gigachat-proxy`.
        package var provider: String
        /// Prepended to queries (e.g. `"query: "` for e5 models served by vLLM); empty by default.
        package var queryPrefix: String
        /// Prepended to passages (e.g. `"passage: "`); empty by default.
        package var passagePrefix: String
        /// Extra headers sent with every request.
        package var extraHeaders: [String: String]

        /// Creates a configuration; defaults suit OpenAI's `text-embedding-3-small`.
        package init(
            baseURL: String = "https://api.openai.com",
            apiKey: String? = nil,
            model: String = "text-embedding-3-small",
            dimensions: Int = 1536,
            sendDimensions: Bool = false,
            batchSize: Int = 64,
            timeout: Duration = .seconds(30),
            provider: String = "openai",
            queryPrefix: String = "",
            passagePrefix: String = "",
            extraHeaders: [String: String] = [:]
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.dimensions = dimensions
            self.sendDimensions = sendDimensions
            self.batchSize = max(1, batchSize)
            self.timeout = timeout
            self.provider = provider
            self.queryPrefix = queryPrefix
            self.passagePrefix = passagePrefix
            self.extraHeaders = extraHeaders
        }
    }

    /// The settings in use.
    package let configuration: Configuration
    private let transport: ModelTransport

    /// `provider:model`, plus `@dimensions` when the request shortens vectors.
    package var modelID: String {
        let base = "\(configuration.provider):\(configuration.model)"
        return configuration.sendDimensions ? "\(base)@\(configuration.dimensions)" : base
    }

    /// Length of every vector.
    package var dimensions: Int { configuration.dimensions }

    /// Creates an embedder on a shared HTTP client.
    package init(
        configuration: Configuration, httpClient: HTTPClient, logger: Logger = Logger(label: "teleradar.ai.embeddings")
    ) {
        self.configuration = configuration
        self.transport = ModelTransport(httpClient: httpClient, timeout: configuration.timeout, logger: logger)
    }

    /// Embeds passages in batches of `batchSize`, one vector per text, in order.
    package func embed(passages: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(passages.count)
        var start = 0
        while start < passages.count {
            let end = min(start + configuration.batchSize, passages.count)
            let batch = passages[start..<end].map { configuration.passagePrefix + $0 }
            vectors += try await embedBatch(batch)
            start = end
        }
        return vectors
    }

    /// Embeds one query.
    package func embed(query: String) async throws -> [Float] {
        let vectors = try await embedBatch([configuration.queryPrefix + query])
        return vectors[0]
    }

    private func embedBatch(_ texts: [String]) async throws -> [[Float]] {
        // The API refuses empty strings; a single space embeds as "nothing".
        let input = texts.map { $0.isEmpty ? " " : $0 }
        let body = OpenAIWire.EmbeddingRequest(
            model: configuration.model, input: input,
            dimensions: configuration.sendDimensions ? configuration.dimensions : nil
        )
        var headers = HTTPHeaders()
        if let key = configuration.apiKey, !key.isEmpty {
            headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        for (name, value) in configuration.extraHeaders { headers.add(name: name, value: value) }
        let url = ModelEndpoint.url(base: configuration.baseURL, path: "/v1/embeddings")
        let response = try await transport.postJSON(url: url, headers: headers, body: body)
        let decoded = try ModelTransport.decode(OpenAIWire.EmbeddingResponse.self, from: response)
        return try EmbeddingOrdering.vectors(
            decoded.data.map { ($0.index, $0.embedding) }, expectedCount: texts.count,
            dimensions: configuration.dimensions
        )
    }
}
