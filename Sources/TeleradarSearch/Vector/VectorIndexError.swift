/// Why ``VectorIndex`` refused a vector or an entry.
package enum VectorIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The vector's length is not the index's dimensions.
    case dimensionMismatch(expected: Int, actual: Int)
    /// The vector cannot be normalised (all zeros, NaN or infinity).
    case invalidVector(String)
    /// The chunk number is negative or does not fit 32 bits.
    case invalidChunk(Int)

    /// A one-line explanation.
    package var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual):
            "vector has \(actual) dimensions, the index expects \(expected)"
        case .invalidVector(let reason):
            "invalid vector: \(reason)"
        case .invalidChunk(let chunk):
            "invalid chunk number \(chunk): must be in 0...\(Int32.max)"
        }
    }
}
