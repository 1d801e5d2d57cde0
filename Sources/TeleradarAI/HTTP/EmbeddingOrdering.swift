import TeleradarCore

/// Puts the items of an embeddings answer back in input order and checks them.
package enum EmbeddingOrdering {
    /// Orders `items` by `index` (position when absent) and checks count, length and finiteness.
    /// - Throws: `ModelError.badResponse` when the answer does not match the request.
    package static func vectors(
        _ items: [(index: Int?, embedding: [Float])], expectedCount: Int, dimensions: Int
    ) throws -> [[Float]] {
        guard items.count == expectedCount else {
            throw ModelError.badResponse("expected \(expectedCount) embeddings, got \(items.count)")
        }
        var ordered = [[Float]?](repeating: nil, count: expectedCount)
        for (position, item) in items.enumerated() {
            let index = item.index ?? position
            guard ordered.indices.contains(index), ordered[index] == nil else {
                throw ModelError.badResponse("embedding index \(index) is out of range or repeated")
            }
            guard item.embedding.count == dimensions else {
                throw ModelError.badResponse(
                    "embedding has \(item.embedding.count) dimensions, configured \(dimensions)")
            }
            guard item.embedding.allSatisfy(\.isFinite) else {
                throw ModelError.badResponse("embedding \(index) holds a non-finite number")
            }
            ordered[index] = item.embedding
        }
        return ordered.map { $0 ?? [] }
    }
}
