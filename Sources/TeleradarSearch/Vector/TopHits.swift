/// The best `limit` posts seen so far in a scan, one entry per post (its best chunk), kept in a
/// binary min-heap whose root is the worst kept entry.
///
/// Scores here are "raw" (integer dot product × the vector's scale): the query's own scale is the
/// same for every candidate, so it is applied once at the end by ``hits(queryScale:)``.
/// Order is total: a higher score wins, then the smaller post id, then the smaller chunk.
struct TopHits: Sendable {
    /// One kept candidate.
    struct Candidate: Sendable, Equatable {
        /// The raw score.
        var score: Float
        /// The post.
        var postID: Int64
        /// The chunk that produced `score`.
        var chunk: Int32
        /// The post's channel.
        var channelID: Int64
    }

    /// How many posts are kept.
    let limit: Int
    /// The heap: `heap[0]` is the worst kept candidate.
    private(set) var heap: [Candidate] = []

    /// An empty collector of at most `limit` posts.
    init(limit: Int) {
        self.limit = max(0, limit)
        heap.reserveCapacity(self.limit)
    }

    /// The raw score a candidate must reach to have a chance of being kept (`-infinity` while
    /// fewer than `limit` posts are kept).
    @inline(__always)
    var threshold: Float {
        heap.count < limit ? -Float.infinity : heap[0].score
    }

    /// Whether `a` ranks strictly before `b`.
    @inline(__always)
    static func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.postID != b.postID { return a.postID < b.postID }
        return a.chunk < b.chunk
    }

    /// Offers one candidate; keeps it if it is among the best `limit` posts, replacing a worse chunk
    /// of the same post if one is kept.
    mutating func offer(_ candidate: Candidate) {
        guard limit > 0 else { return }
        if heap.count == limit && !Self.ranksBefore(candidate, heap[0]) { return }
        if let index = heap.firstIndex(where: { $0.postID == candidate.postID }) {
            if Self.ranksBefore(candidate, heap[index]) {
                heap[index] = candidate
                siftDown(from: index)
            }
            return
        }
        if heap.count < limit {
            heap.append(candidate)
            siftUp(from: heap.count - 1)
        } else {
            heap[0] = candidate
            siftDown(from: 0)
        }
    }

    /// The kept candidates, best first, with scores multiplied by `queryScale`.
    func hits(queryScale: Float) -> [VectorHit] {
        heap.sorted(by: Self.ranksBefore).map {
            VectorHit(postID: $0.postID, chunk: Int($0.chunk), channelID: $0.channelID, score: $0.score * queryScale)
        }
    }

    /// Moves the entry at `index` towards the root while it ranks after its parent (the worst
    /// entry sits at the root).
    private mutating func siftUp(from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.ranksBefore(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Moves the entry at `index` away from the root while a child ranks after it.
    private mutating func siftDown(from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var worst = left
            let right = left + 1
            if right < heap.count && Self.ranksBefore(heap[left], heap[right]) { worst = right }
            guard Self.ranksBefore(heap[parent], heap[worst]) else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
