import Foundation
import TeleradarCore

/// The unsynchronised state of ``VectorIndex``: one ``VectorPartition`` per channel, the head slot
/// of every post, and the interned tag sets. ``VectorIndex`` guards it with a readers–writer lock.
struct VectorStore: Sendable {
    /// Where a post's chunks live: its partition and the first slot of its chunk chain.
    struct PostRef: Sendable {
        /// Index into ``VectorStore/partitions``.
        var partition: UInt32
        /// The first slot of the chain; the rest follow ``VectorPartition/next(after:)``.
        var head: UInt32
    }

    /// An entry already validated and quantised, ready to store.
    struct Prepared: Sendable {
        /// The post.
        var postID: Int64
        /// The chunk.
        var chunk: Int32
        /// The post's channel.
        var channelID: Int64
        /// Publication time in milliseconds.
        var postedAt: Int64
        /// The tags as given.
        var tags: [String]
        /// The quantised vector.
        var vector: QuantizedVector
    }

    /// Bytes per stored vector.
    let stride: Int
    /// The partitions; a released one is left empty and reused for the next new channel.
    private var partitions: [VectorPartition] = []
    /// Channel id → index into `partitions`.
    private var partitionOfChannel: [Int64: Int] = [:]
    /// Indexes of released partitions.
    private var freePartitions: [Int] = []
    /// Post id → where its chunks are.
    private var posts: [Int64: PostRef] = [:]
    /// The interned tag sets.
    private var tagSets = TagSetTable()
    /// How many vectors are stored.
    private(set) var count = 0

    /// An empty store for vectors of `stride` bytes.
    init(stride: Int) {
        self.stride = stride
    }

    /// How many posts have at least one vector.
    var postCount: Int { posts.count }
    /// How many channels have at least one vector.
    var channelCount: Int { partitionOfChannel.count }

    /// Bytes held by the columns, the post map and the channel map (by capacity).
    var memoryBytes: Int {
        let columns = partitions.reduce(0) { $0 + $1.memoryBytes }
        return columns + Self.dictionaryBytes(capacity: posts.capacity, entryBytes: 16)
            + Self.dictionaryBytes(capacity: partitionOfChannel.capacity, entryBytes: 16)
            + partitions.capacity * MemoryLayout<VectorPartition>.stride
    }

    /// Approximate bytes of a native Swift dictionary that can hold `capacity` entries: a
    /// power-of-two bucket count at most 3/4 full, keys and values in separate arrays, one bit per
    /// bucket of occupancy map.
    static func dictionaryBytes(capacity: Int, entryBytes: Int) -> Int {
        guard capacity > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 / 4 < capacity { buckets *= 2 }
        return buckets * entryBytes + buckets / 8
    }

    /// Makes room in the post map for `count` more posts (partitions grow by blocks and need none).
    mutating func reservePosts(_ count: Int) {
        posts.reserveCapacity(posts.count + count)
    }

    /// Inserts or replaces one (post, chunk). A post seen before in another channel is first removed
    /// entirely (a post belongs to one channel).
    mutating func upsert(_ entry: Prepared) {
        let tagSet = tagSets.intern(entry.tags)
        if let ref = posts[entry.postID] {
            let index = Int(ref.partition)
            if partitions[index].channelID == entry.channelID {
                var slot = ref.head
                while slot != VectorPartition.noSlot {
                    if partitions[index].chunk(at: slot) == entry.chunk {
                        partitions[index].overwrite(slot: slot, vector: entry.vector, postedAt: entry.postedAt, tagSet: tagSet)
                        return
                    }
                    slot = partitions[index].next(after: slot)
                }
                let added = partitions[index].append(
                    vector: entry.vector, postID: entry.postID, chunk: entry.chunk,
                    postedAt: entry.postedAt, tagSet: tagSet, next: ref.head)
                posts[entry.postID] = PostRef(partition: ref.partition, head: added)
                count += 1
                return
            }
            remove(postID: entry.postID)
        }
        let index = partitionIndex(for: entry.channelID)
        let added = partitions[index].append(
            vector: entry.vector, postID: entry.postID, chunk: entry.chunk,
            postedAt: entry.postedAt, tagSet: tagSet, next: VectorPartition.noSlot)
        posts[entry.postID] = PostRef(partition: UInt32(index), head: added)
        count += 1
    }

    /// Removes every chunk of `postID`; returns how many vectors went.
    @discardableResult
    mutating func remove(postID: Int64) -> Int {
        guard let ref = posts.removeValue(forKey: postID) else { return 0 }
        let index = Int(ref.partition)
        let slots = chain(from: ref.head, in: index).sorted(by: >)
        // Highest slot first: the last slot moved into a freed one is never one of this post's.
        for slot in slots { removeSlot(slot, in: index) }
        count -= slots.count
        if partitions[index].count == 0 { releasePartition(index) }
        return slots.count
    }

    /// Removes every vector of `channelID`; returns how many went.
    @discardableResult
    mutating func remove(channelID: Int64) -> Int {
        guard let index = partitionOfChannel[channelID] else { return 0 }
        for postID in partitions[index].postIDs { posts.removeValue(forKey: postID) }
        let removed = partitions[index].count
        count -= removed
        releasePartition(index)
        return removed
    }

    /// Replaces the tags of every chunk of `postID`; returns whether the post is indexed.
    mutating func updateTags(postID: Int64, tags: [String]) -> Bool {
        guard let ref = posts[postID] else { return false }
        let tagSet = tagSets.intern(tags)
        for slot in chain(from: ref.head, in: Int(ref.partition)) {
            partitions[Int(ref.partition)].setTagSet(at: slot, to: tagSet)
        }
        return true
    }

    /// The chunk numbers stored for `postID`, ascending (empty when the post is not indexed).
    func chunks(of postID: Int64) -> [Int] {
        guard let ref = posts[postID] else { return [] }
        let partition = partitions[Int(ref.partition)]
        return chain(from: ref.head, in: Int(ref.partition)).map { Int(partition.chunk(at: $0)) }.sorted()
    }

    /// The best chunk of each of the top `limit` posts of `channels` passing `filter`.
    func search(_ query: QuantizedQuery, channels: Set<Int64>, filter: VectorSearchFilter, limit: Int) -> [VectorHit] {
        guard limit > 0, query.scale > 0 else { return [] }
        var scanFilter = VectorPartition.ScanFilter()
        if let since = filter.since { scanFilter.since = since.millis }
        if let until = filter.until { scanFilter.until = until.millis }
        if !filter.anyTags.isEmpty {
            let mask = tagSets.mask(anyOf: filter.anyTags)
            guard mask.contains(true) else { return [] }
            scanFilter.tagMask = mask
        }
        if let minScore = filter.minScore { scanFilter.minRaw = minScore / query.scale }
        var top = TopHits(limit: limit)
        for channelID in channels {
            guard let index = partitionOfChannel[channelID] else { continue }
            partitions[index].scan(query, filter: scanFilter, into: &top)
        }
        return top.hits(queryScale: query.scale)
    }

    /// Forgets everything.
    mutating func removeAll() {
        self = VectorStore(stride: stride)
    }

    /// The slots of the chain starting at `head` in partition `index`.
    private func chain(from head: UInt32, in index: Int) -> [UInt32] {
        var slots: [UInt32] = []
        var slot = head
        while slot != VectorPartition.noSlot {
            slots.append(slot)
            slot = partitions[index].next(after: slot)
        }
        return slots
    }

    /// Removes one slot of partition `index` and repoints the link to the vector moved into it.
    /// The slot's own post must already be out of `posts` or be unaffected by the move.
    private mutating func removeSlot(_ slot: UInt32, in index: Int) {
        guard let movedFrom = partitions[index].swapRemove(slot: slot) else { return }
        let movedPost = partitions[index].postID(at: slot)
        guard var ref = posts[movedPost] else { return }
        if ref.head == movedFrom {
            ref.head = slot
            posts[movedPost] = ref
            return
        }
        var current = ref.head
        while current != VectorPartition.noSlot {
            let next = partitions[index].next(after: current)
            if next == movedFrom {
                partitions[index].setNext(after: current, to: slot)
                return
            }
            current = next
        }
    }

    /// The partition of `channelID`, created (or a released one reused) when missing.
    private mutating func partitionIndex(for channelID: Int64) -> Int {
        if let index = partitionOfChannel[channelID] { return index }
        let fresh = VectorPartition(channelID: channelID, stride: stride)
        let index: Int
        if let reused = freePartitions.popLast() {
            partitions[reused] = fresh
            index = reused
        } else {
            partitions.append(fresh)
            index = partitions.count - 1
        }
        partitionOfChannel[channelID] = index
        return index
    }

    /// Frees the memory of partition `index` and makes it reusable.
    private mutating func releasePartition(_ index: Int) {
        partitionOfChannel.removeValue(forKey: partitions[index].channelID)
        partitions[index] = VectorPartition(channelID: 0, stride: stride)
        freePartitions.append(index)
    }
}
