/// Interns the tag sets of indexed vectors, so each vector stores one `UInt32` instead of strings,
/// and an any-of tag filter becomes one array lookup per vector.
///
/// Set 0 is the empty set. Tags are lowercased. Sets are never forgotten (there are few distinct
/// combinations in practice); ``removeAll()`` starts over.
struct TagSetTable: Sendable {
    /// Tag text → tag id.
    private var tagIDs: [String: UInt32] = [:]
    /// Set id → its sorted tag ids.
    private var sets: [[UInt32]] = [[]]
    /// Sorted tag ids → set id.
    private var setIDs: [[UInt32]: UInt32] = [[]: 0]

    /// How many distinct tag sets are known (including the empty one).
    var setCount: Int { sets.count }

    /// The id of the set of `tags`, adding it when new.
    mutating func intern(_ tags: [String]) -> UInt32 {
        guard !tags.isEmpty else { return 0 }
        var ids: [UInt32] = []
        ids.reserveCapacity(tags.count)
        for tag in tags {
            let key = tag.lowercased()
            if let id = tagIDs[key] {
                ids.append(id)
            } else {
                let id = UInt32(tagIDs.count)
                tagIDs[key] = id
                ids.append(id)
            }
        }
        ids = Array(Set(ids)).sorted()
        if let id = setIDs[ids] { return id }
        let id = UInt32(sets.count)
        sets.append(ids)
        setIDs[ids] = id
        return id
    }

    /// For each set id, whether the set holds at least one of `tags`.
    func mask(anyOf tags: Set<String>) -> [Bool] {
        let wanted = Set(tags.compactMap { tagIDs[$0.lowercased()] })
        return sets.map { set in set.contains { wanted.contains($0) } }
    }

    /// Forgets every tag and set.
    mutating func removeAll() {
        self = TagSetTable()
    }
}
