/// The vectors of one channel, in ``VectorBlock``s of growing size (16, 32, … up to about 128 KB of
/// codes each), so a partition never reallocates: it only adds a block or drops its last one.
///
/// A slot is `block << 12 | offset`; slots are dense (every block but the last is full), and
/// removing a vector moves the last one into its place. Each vector links to the next slot of the
/// same post (`next`), so a post's chunks are found without a map; ``VectorStore`` owns those links
/// and the post heads. Slot order is storage order, so a higher slot is always stored later.
struct VectorPartition: Sendable {
    /// The "no slot" link value.
    static let noSlot = UInt32.max
    /// Bits of a slot holding the offset within its block.
    static let offsetBits: UInt32 = 12
    /// The smallest block, in vectors.
    static let firstBlockCapacity = 16

    /// Which vectors may take part in a scan, and from which raw score on.
    struct ScanFilter: Sendable {
        /// Earliest publication time, in milliseconds (inclusive).
        var since: Int64 = .min
        /// Latest publication time, in milliseconds (exclusive).
        var until: Int64 = .max
        /// Per tag-set id, whether it passes; `nil` when there is no tag filter.
        var tagMask: [Bool]?
        /// The lowest raw score (dot × vector scale) kept.
        var minRaw: Float = -.infinity
    }

    /// The channel of every vector here.
    let channelID: Int64
    /// Bytes per stored vector (the dimensions rounded up to a multiple of 16).
    let stride: Int
    /// The largest block, in vectors: about 128 KB of codes, a power of two in 16...4096.
    let maxBlockCapacity: Int
    /// The blocks; all but the last are full.
    private(set) var blocks: [VectorBlock] = []
    /// How many vectors are stored.
    private(set) var count = 0

    /// An empty partition for `channelID` with vectors of `stride` bytes.
    init(channelID: Int64, stride: Int) {
        self.channelID = channelID
        self.stride = stride
        var capacity = Self.firstBlockCapacity
        while capacity < 4_096 && (capacity * 2) * stride <= 128 * 1_024 { capacity *= 2 }
        maxBlockCapacity = capacity
    }

    /// Bytes held by the blocks (by capacity).
    var memoryBytes: Int {
        blocks.reduce(0) { $0 + $1.memoryBytes } + blocks.capacity * MemoryLayout<VectorBlock>.stride
    }

    /// Every stored post id (once per chunk).
    var postIDs: [Int64] { blocks.flatMap(\.postIDs) }

    /// The block index and offset of `slot`.
    @inline(__always)
    static func split(_ slot: UInt32) -> (block: Int, offset: Int) {
        (Int(slot >> offsetBits), Int(slot & ((1 << offsetBits) - 1)))
    }

    /// The slot of `offset` in block `block`.
    @inline(__always)
    static func slot(block: Int, offset: Int) -> UInt32 {
        UInt32(block) << offsetBits | UInt32(offset)
    }

    /// The post id at `slot`.
    func postID(at slot: UInt32) -> Int64 {
        let (block, offset) = Self.split(slot)
        return blocks[block].postIDs[offset]
    }

    /// The chunk at `slot`.
    func chunk(at slot: UInt32) -> Int32 {
        let (block, offset) = Self.split(slot)
        return blocks[block].chunks[offset]
    }

    /// The next slot of the same post after `slot`.
    func next(after slot: UInt32) -> UInt32 {
        let (block, offset) = Self.split(slot)
        return blocks[block].nextInPost[offset]
    }

    /// Sets the next slot of the same post after `slot`.
    mutating func setNext(after slot: UInt32, to next: UInt32) {
        let (block, offset) = Self.split(slot)
        blocks[block].nextInPost[offset] = next
    }

    /// Sets the tag set at `slot`.
    mutating func setTagSet(at slot: UInt32, to tagSet: UInt32) {
        let (block, offset) = Self.split(slot)
        blocks[block].tagSets[offset] = tagSet
    }

    /// Appends a vector and returns its slot, adding a block when the last one is full.
    mutating func append(
        vector: QuantizedVector, postID: Int64, chunk: Int32, postedAt time: Int64, tagSet: UInt32, next: UInt32
    ) -> UInt32 {
        if blocks.last?.isFull ?? true {
            let capacity = min(maxBlockCapacity, max(Self.firstBlockCapacity, count))
            blocks.append(VectorBlock(capacity: capacity, stride: stride))
        }
        let block = blocks.count - 1
        let offset = blocks[block].count
        blocks[block].append(
            codes: vector.codes, scale: vector.scale, postID: postID, chunk: chunk, postedAt: time, tagSet: tagSet, next: next)
        count += 1
        return Self.slot(block: block, offset: offset)
    }

    /// Replaces the vector, time and tags at `slot` (same post and chunk).
    mutating func overwrite(slot: UInt32, vector: QuantizedVector, postedAt time: Int64, tagSet: UInt32) {
        let (block, offset) = Self.split(slot)
        blocks[block].overwrite(at: offset, codes: vector.codes, scale: vector.scale, postedAt: time, tagSet: tagSet)
    }

    /// Removes `slot` by moving the last vector into it (its link included), and drops the last
    /// block once empty. Returns the slot the moved vector had, or `nil` when `slot` was the last;
    /// the caller repoints whatever linked to it.
    mutating func swapRemove(slot: UInt32) -> UInt32? {
        let lastBlock = blocks.count - 1
        let lastOffset = blocks[lastBlock].count - 1
        let lastSlot = Self.slot(block: lastBlock, offset: lastOffset)
        var moved: UInt32?
        if slot != lastSlot {
            let row = blocks[lastBlock].row(at: lastOffset)
            let (block, offset) = Self.split(slot)
            blocks[block].set(row, at: offset)
            moved = lastSlot
        }
        blocks[lastBlock].removeLast()
        if blocks[lastBlock].count == 0 { blocks.removeLast() }
        count -= 1
        return moved
    }

    /// Scores every vector passing `filter` against `query` and offers it to `top`.
    func scan(_ query: QuantizedQuery, filter: ScanFilter, into top: inout TopHits) {
        let tagMask = filter.tagMask ?? []
        for block in blocks {
            block.scan(query, filter: filter, tagMask: tagMask, channelID: channelID, into: &top)
        }
    }
}
