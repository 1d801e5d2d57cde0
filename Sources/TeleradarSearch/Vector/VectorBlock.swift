/// A fixed-capacity run of vectors of one channel, stored column by column ("structure of arrays").
///
/// Its columns are allocated once, at full capacity, and never grow: a partition adds blocks
/// instead of reallocating, so the index never copies its codes and the heap does not fragment
/// into ever larger freed buffers.
struct VectorBlock: Sendable {
    /// How many vectors the block holds at most.
    let capacity: Int
    /// Bytes per vector.
    let stride: Int
    /// The int8 codes, `stride` per vector.
    private(set) var codes: [Int8] = []
    /// Per vector: its scale.
    private(set) var scales: [Float] = []
    /// Per vector: the post id.
    private(set) var postIDs: [Int64] = []
    /// Per vector: the chunk number.
    private(set) var chunks: [Int32] = []
    /// Per vector: the publication time in milliseconds.
    private(set) var postedAt: [Int64] = []
    /// Per vector: the interned tag-set id.
    var tagSets: [UInt32] = []
    /// Per vector: the next slot of the same post, or ``VectorPartition/noSlot``.
    var nextInPost: [UInt32] = []

    /// An empty block for `capacity` vectors of `stride` bytes.
    init(capacity: Int, stride: Int) {
        self.capacity = capacity
        self.stride = stride
        codes.reserveCapacity(capacity * stride)
        scales.reserveCapacity(capacity)
        postIDs.reserveCapacity(capacity)
        chunks.reserveCapacity(capacity)
        postedAt.reserveCapacity(capacity)
        tagSets.reserveCapacity(capacity)
        nextInPost.reserveCapacity(capacity)
    }

    /// How many vectors are stored.
    var count: Int { postIDs.count }
    /// Whether no more vectors fit.
    var isFull: Bool { postIDs.count >= capacity }

    /// Bytes held by the columns (by capacity).
    var memoryBytes: Int {
        codes.capacity + scales.capacity * 4 + postIDs.capacity * 8 + chunks.capacity * 4
            + postedAt.capacity * 8 + tagSets.capacity * 4 + nextInPost.capacity * 4
    }

    /// Appends a vector (the block must not be full).
    mutating func append(codes vector: [Int8], scale: Float, postID: Int64, chunk: Int32, postedAt time: Int64, tagSet: UInt32, next: UInt32) {
        codes.append(contentsOf: vector)
        scales.append(scale)
        postIDs.append(postID)
        chunks.append(chunk)
        postedAt.append(time)
        tagSets.append(tagSet)
        nextInPost.append(next)
    }

    /// Replaces the vector, time and tags at `offset`.
    mutating func overwrite(at offset: Int, codes vector: [Int8], scale: Float, postedAt time: Int64, tagSet: UInt32) {
        codes.replaceSubrange(offset * stride..<(offset + 1) * stride, with: vector)
        scales[offset] = scale
        postedAt[offset] = time
        tagSets[offset] = tagSet
    }

    /// Everything stored for one vector.
    struct Row: Sendable {
        /// The codes.
        var codes: [Int8]
        /// The scale.
        var scale: Float
        /// The post id.
        var postID: Int64
        /// The chunk.
        var chunk: Int32
        /// The publication time in milliseconds.
        var postedAt: Int64
        /// The tag-set id.
        var tagSet: UInt32
        /// The next slot of the same post.
        var next: UInt32
    }

    /// The row at `offset`.
    func row(at offset: Int) -> Row {
        Row(
            codes: Array(codes[offset * stride..<(offset + 1) * stride]), scale: scales[offset], postID: postIDs[offset],
            chunk: chunks[offset], postedAt: postedAt[offset], tagSet: tagSets[offset], next: nextInPost[offset])
    }

    /// Replaces everything at `offset` with `row`.
    mutating func set(_ row: Row, at offset: Int) {
        codes.replaceSubrange(offset * stride..<(offset + 1) * stride, with: row.codes)
        scales[offset] = row.scale
        postIDs[offset] = row.postID
        chunks[offset] = row.chunk
        postedAt[offset] = row.postedAt
        tagSets[offset] = row.tagSet
        nextInPost[offset] = row.next
    }

    /// Drops the last vector.
    mutating func removeLast() {
        codes.removeLast(stride)
        scales.removeLast()
        postIDs.removeLast()
        chunks.removeLast()
        postedAt.removeLast()
        tagSets.removeLast()
        nextInPost.removeLast()
    }

    /// Scores every vector passing `filter` against `query` and offers it to `top`.
    ///
    /// The hot loop reads the columns through raw buffers (no reference counting, no bounds checks
    /// in release builds): two comparisons for the date range, one mask lookup for the tags, one
    /// int8 × int16 dot product and one multiply per vector.
    func scan(
        _ query: QuantizedQuery, filter: VectorPartition.ScanFilter, tagMask: [Bool], channelID: Int64,
        into top: inout TopHits
    ) {
        let total = count, blocks = query.blocks, stride = self.stride
        let since = filter.since, until = filter.until, minRaw = filter.minRaw
        let filtersDates = since != .min || until != .max
        let filtersTags = filter.tagMask != nil
        codes.withUnsafeBytes { vectorBytes in
            query.lanes.withUnsafeBytes { queryBytes in
                scales.withUnsafeBufferPointer { scales in
                    postedAt.withUnsafeBufferPointer { times in
                        tagSets.withUnsafeBufferPointer { tagSets in
                            tagMask.withUnsafeBufferPointer { mask in
                                guard let vectors = vectorBytes.baseAddress, let lanes = queryBytes.baseAddress else { return }
                                for slot in 0..<total {
                                    if filtersDates {
                                        let time = times[slot]
                                        if time < since || time >= until { continue }
                                    }
                                    if filtersTags && !mask[Int(tagSets[slot])] { continue }
                                    let dot = VectorQuantizer.dot(vectors + slot &* stride, lanes, blocks: blocks)
                                    let raw = Float(dot) * scales[slot]
                                    if raw < minRaw || raw < top.threshold { continue }
                                    top.offer(.init(score: raw, postID: postIDs[slot], chunk: chunks[slot], channelID: channelID))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
