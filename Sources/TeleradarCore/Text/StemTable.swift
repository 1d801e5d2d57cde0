import Foundation

/// The stem memo: tokens and their stems as UTF-8 bytes in one arena, found by open addressing.
///
/// Looking a token up hashes and compares bytes only — no `String`, no reference counting, no Unicode
/// normalisation — which matters because indexing looks up every word of every post. Tokens from
/// ``Tokenizer`` are composed (NFC) and lowercased, so byte equality is exactly the equality the index needs.
struct StemTable: Sendable {
    /// One remembered token: where its bytes and its stem's bytes are in ``bytes``.
    private struct Entry: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var stemStart: Int32
        var stemLength: Int32
    }

    /// Slot → entry index + 1 (0: empty). A power of two, at most half full.
    private var slots: [Int32]
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Most tokens remembered; past it the table starts over, which bounds its memory.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        slots = [Int32](repeating: 0, count: 1 << 12)
    }

    /// How many tokens are remembered.
    var count: Int { entries.count }

    /// FNV-1a over the token's bytes.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Calls `body` with the stem of `key` (hashed with ``hash(_:)``) when it is remembered; returns whether it was.
    @inline(__always)
    func withStem(
        of key: UnsafeBufferPointer<UInt8>, hash: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Bool {
        guard let index = find(key, hash: hash).entry else { return false }
        let entry = entries[index]
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(entry.stemStart)..<Int(entry.stemStart + entry.stemLength)]))
        }
        return true
    }

    /// Remembers the stem of `key` (a no-op when it is already known); starts over when ``limit`` is reached.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, stem: UnsafeBufferPointer<UInt8>) {
        guard find(key, hash: hash).entry == nil else { return }
        if entries.count >= limit { removeAll() }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let slot = find(key, hash: hash).slot
        let entry = Entry(
            hash: hash, keyStart: Int32(bytes.count), keyLength: Int32(key.count),
            stemStart: Int32(bytes.count + key.count), stemLength: Int32(stem.count))
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: stem)
        entries.append(entry)
        slots[slot] = Int32(entries.count)
    }

    /// Forgets every token.
    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }

    /// The entry holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { return (slot, nil) }
                let entry = entries[stored - 1]
                if entry.hash == hash && Int(entry.keyLength) == key.count
                    && (key.isEmpty
                        || memcmp(all.baseAddress! + Int(entry.keyStart), key.baseAddress!, key.count) == 0)
                {
                    return (slot, stored - 1)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Doubles the slots and places every entry again.
    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = Int32(index + 1)
        }
        slots = fresh
    }
}
