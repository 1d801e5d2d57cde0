#if _endian(big)
#error("VectorQuantizer.dot reads int8 pairs as little-endian Int16 lanes")
#endif

/// A stored vector: L2-normalised, then int8 codes (padded with zeros to whole 16-byte blocks) and
/// the scale that turns a code back into a component (`component ≈ Float(code) * scale`).
struct QuantizedVector: Sendable, Equatable {
    /// The codes, `blocks × 16` of them, each in `-127...127`.
    var codes: [Int8]
    /// The per-vector scale: the largest absolute component divided by 127.
    var scale: Float
}

/// A search query: L2-normalised, then int16 codes laid out for ``VectorQuantizer/dot(_:_:blocks:)``,
/// and the scale that turns a code back into a component.
struct QuantizedQuery: Sendable, Equatable {
    /// Per 16-component block: the 8 even components, then the 8 odd ones.
    var lanes: [Int16]
    /// The query scale: the largest absolute component divided by the largest code.
    var scale: Float
    /// How many 16-component blocks a vector has.
    var blocks: Int
}

/// Quantisation of vectors for ``VectorIndex`` and the int8 × int16 dot product of its scan.
///
/// Stored vectors keep one byte per component plus one `Float` scale; the query keeps 16 bits per
/// component, so almost all of the error comes from the stored side (about 0.4 % of a component's
/// range), far below the gaps between neighbouring cosine scores of real embeddings.
enum VectorQuantizer {
    /// The largest absolute stored code.
    static let codeLimit: Float = 127

    /// How many 16-component blocks hold `dimensions` components.
    static func blockCount(dimensions: Int) -> Int { (dimensions + 15) / 16 }

    /// The largest absolute query code for vectors of `blocks` blocks, chosen so that no sum of
    /// products can overflow `Int32` (32,767 up to 528 dimensions, smaller beyond).
    static func queryCodeLimit(blocks: Int) -> Float {
        let bound = Int(Int32.max) / (127 * max(1, blocks * 16))
        return Float(min(32_767, bound))
    }

    /// Normalises `vector` and quantises it to int8 codes.
    static func quantize(_ vector: [Float], dimensions: Int) throws(VectorIndexError) -> QuantizedVector {
        let unit = try normalized(vector, dimensions: dimensions)
        let blocks = blockCount(dimensions: dimensions)
        let maxAbs = unit.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs / codeLimit
        var codes = [Int8](repeating: 0, count: blocks * 16)
        for (index, component) in unit.enumerated() {
            let code = (component / scale).rounded()
            codes[index] = Int8(max(-codeLimit, min(codeLimit, code)))
        }
        return QuantizedVector(codes: codes, scale: scale)
    }

    /// Normalises `vector` and quantises it to int16 query codes in the scan's lane layout.
    static func quantizeQuery(_ vector: [Float], dimensions: Int) throws(VectorIndexError) -> QuantizedQuery {
        let unit = try normalized(vector, dimensions: dimensions)
        let blocks = blockCount(dimensions: dimensions)
        let limit = queryCodeLimit(blocks: blocks)
        let maxAbs = unit.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs / limit
        var lanes = [Int16](repeating: 0, count: blocks * 16)
        for (index, component) in unit.enumerated() {
            let code = Int16(max(-limit, min(limit, (component / scale).rounded())))
            let block = index / 16, within = index % 16
            // Even components go to lanes 0..<8 of their block, odd ones to lanes 8..<16.
            lanes[block * 16 + (within % 2) * 8 + within / 2] = code
        }
        return QuantizedQuery(lanes: lanes, scale: scale, blocks: blocks)
    }

    /// `vector` divided by its L2 norm, after checking its length and values.
    static func normalized(_ vector: [Float], dimensions: Int) throws(VectorIndexError) -> [Float] {
        guard vector.count == dimensions else {
            throw .dimensionMismatch(expected: dimensions, actual: vector.count)
        }
        var sum: Double = 0
        for component in vector {
            guard component.isFinite else { throw .invalidVector("a component is not finite") }
            sum += Double(component) * Double(component)
        }
        guard sum > 0 else { throw .invalidVector("the vector is all zeros") }
        let inverse = Float(1 / sum.squareRoot())
        return vector.map { $0 * inverse }
    }

    /// The integer dot product of one stored vector (`blocks × 16` int8 codes at `vector`) and a
    /// query (`blocks × 16` int16 lanes at `query`, as laid out by ``quantizeQuery(_:dimensions:)``).
    ///
    /// Each 16-byte block is read as eight little-endian `Int16` lanes: the low byte of lane `j`
    /// is component `2j`, the high byte component `2j + 1`; shifts sign-extend both, and the sum
    /// of the two products per lane compiles to `pmaddwd` on baseline x86-64 (SSE2).
    @inline(__always)
    static func dot(_ vector: UnsafeRawPointer, _ query: UnsafeRawPointer, blocks: Int) -> Int32 {
        var accumulator = SIMD8<Int32>.zero
        var block = 0
        while block < blocks {
            let packed = vector.loadUnaligned(fromByteOffset: block &* 16, as: SIMD8<Int16>.self)
            let odd = packed &>> 8
            let even = (packed &<< 8) &>> 8
            let evenQuery = query.loadUnaligned(fromByteOffset: block &* 32, as: SIMD8<Int16>.self)
            let oddQuery = query.loadUnaligned(fromByteOffset: block &* 32 &+ 16, as: SIMD8<Int16>.self)
            var products = SIMD8<Int32>.zero
            for lane in 0..<8 {
                products[lane] = Int32(even[lane]) &* Int32(evenQuery[lane])
                    &+ Int32(odd[lane]) &* Int32(oddQuery[lane])
            }
            accumulator &+= products
            block &+= 1
        }
        return accumulator.wrappedSum()
    }
}
