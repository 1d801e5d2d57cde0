/// Turns text into vectors. Implementations: the local e5 engine (default), any OpenAI-compatible
/// `/v1/embeddings` endpoint, native GigaChat. Vectors are stored with `modelID`, so a model change is
/// detected and triggers re-embedding.
package protocol Embedder: Sendable {
    /// A stable identifier of the model and its settings, e.g. `e5-small-q4`.
    var modelID: String { get }
    /// Length of every vector.
    var dimensions: Int { get }
    /// Embeds documents (the e5 "passage:" side), one vector per text, in order.
    func embed(passages: [String]) async throws -> [[Float]]
    /// Embeds a search query (the e5 "query:" side).
    func embed(query: String) async throws -> [Float]
}
