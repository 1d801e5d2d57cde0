import Foundation

extension SearchText {
    /// The `search_text` column of a post: the stems of `text` in order (so phrases stay adjacent), separated by
    /// single spaces — the same as ``document(_:)``, computed on UTF-8 bytes.
    ///
    /// Indexing runs this over every word of every post, so it avoids the per-word `String`s of
    /// ``Tokenizer/tokens(_:)``: tokens are lowercased into one byte buffer, looked up in the stem memo by their
    /// bytes under one lock per post, and the stems are appended to the output bytes. Only words the memo has
    /// not seen become strings, to be stemmed.
    package static func indexDocument(_ text: String) -> String {
        var tokens = IndexTokens()
        var source = text
        source.withUTF8 { tokens.read($0) }
        if tokens.sawCombiningMark, Tokenizer.needsComposition(text) {
            return document(text)  // Combining accents: the scalar path composes them first.
        }
        guard tokens.count > 0 else { return "" }
        let stems = stems(of: tokens)
        var output: [UInt8] = []
        output.reserveCapacity(stems.bytes.count + tokens.count)
        var start = 0
        for end in stems.ends {
            if end > start {
                if !output.isEmpty { output.append(0x20) }
                output.append(contentsOf: stems.bytes[start..<end])
            }
            start = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The stem of every token, in order, as one byte buffer and where each stem ends (an empty stem ends where
    /// the previous one did). Known stems are copied out of the memo under one lock; unknown tokens are stemmed
    /// outside it and remembered under a second.
    static func stems(of tokens: IndexTokens) -> (bytes: [UInt8], ends: [Int]) {
        var known: [UInt8] = []
        known.reserveCapacity(tokens.bytes.count + 16)
        var knownEnds = [Int](repeating: -1, count: tokens.count)
        var missing: [Int] = []
        tokens.bytes.withUnsafeBufferPointer { all in
            memo.withLock { table in
                for index in 0..<tokens.count {
                    let key = UnsafeBufferPointer(rebasing: all[tokens.range(index)])
                    if table.withStem(of: key, hash: tokens.hashes[index], { known.append(contentsOf: $0) }) {
                        knownEnds[index] = known.count
                    } else {
                        missing.append(index)
                    }
                }
            }
        }
        guard !missing.isEmpty else { return (known, knownEnds) }
        var learned: [Int: String] = [:]
        for index in missing {
            learned[index] = computeStem(String(decoding: tokens.bytes[tokens.range(index)], as: UTF8.self))
        }
        tokens.bytes.withUnsafeBufferPointer { all in
            memo.withLock { table in
                for index in missing {
                    var stem = learned[index]!
                    let key = UnsafeBufferPointer(rebasing: all[tokens.range(index)])
                    stem.withUTF8 { table.insert(key, hash: tokens.hashes[index], stem: $0) }
                }
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(known.count + tokens.bytes.count)
        var ends: [Int] = []
        ends.reserveCapacity(tokens.count)
        var knownStart = 0
        for index in 0..<tokens.count {
            if let stem = learned[index] {
                bytes.append(contentsOf: stem.utf8)
            } else {
                bytes.append(contentsOf: known[knownStart..<knownEnds[index]])
                knownStart = knownEnds[index]
            }
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }
}

/// The tokens of one text as lowercased UTF-8 bytes in one buffer, with their hashes — what
/// ``Tokenizer/tokens(_:)`` returns, without a `String` per token.
struct IndexTokens {
    /// Every token's bytes, one after another.
    var bytes: [UInt8] = []
    /// Where each token ends in ``bytes``.
    private var ends: [Int] = []
    /// Each token's ``StemTable/hash(_:)``.
    private(set) var hashes: [UInt64] = []
    /// Whether the text has a scalar from U+0300–U+037F (combining accents among them), which may need composing.
    private(set) var sawCombiningMark = false

    var count: Int { ends.count }

    /// The bytes of token `index`.
    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    /// Adds a token from ``Tokenizer/tokens(_:)`` as it is.
    mutating func append(_ token: String) {
        bytes.append(contentsOf: token.utf8)
        ends.append(bytes.count)
        hashes.append(
            bytes.withUnsafeBufferPointer { StemTable.hash(UnsafeBufferPointer(rebasing: $0[range(count - 1)])) })
    }

    /// Splits valid UTF-8 text by the rules of ``Tokenizer`` (which must be composed already).
    mutating func read(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(text.count)
        ends.reserveCapacity(text.count / 6)
        hashes.reserveCapacity(text.count / 6)
        var start = 0  // Where the current token starts in `bytes`.
        var length = 0  // Its length in scalars.
        let limit = Tokenizer.maxTokenLength
        @inline(__always) func flush() {
            if length > 0 {
                if length <= limit {
                    ends.append(bytes.count)
                    hashes.append(
                        bytes.withUnsafeBufferPointer { StemTable.hash(UnsafeBufferPointer(rebasing: $0[start...])) })
                    start = bytes.count
                } else {
                    bytes.removeSubrange(start...)
                }
            }
            length = 0
        }
        var i = 0
        let n = text.count
        while i < n {
            let lead = text[i]
            if lead < 0x80 {
                i += 1
                switch lead {
                case 0x30...0x39, 0x61...0x7A:
                    bytes.append(lead)
                    length += 1
                case 0x41...0x5A:
                    bytes.append(lead | 0x20)
                    length += 1
                default:
                    flush()
                }
                continue
            }
            // Decode one scalar (the text is valid UTF-8).
            let value: UInt32
            if lead < 0xE0 {
                if lead == 0xCC || lead == 0xCD { sawCombiningMark = true }
                value = UInt32(lead & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                value = UInt32(lead & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
                i += 3
            } else {
                value =
                    UInt32(lead & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12 | UInt32(text[i + 2] & 0x3F) << 6
                    | UInt32(text[i + 3] & 0x3F)
                i += 4
            }
            // Cyrillic letters: lowercase by offset, ё folded to е, as two bytes.
            var folded: UInt32 = 0
            switch value {
            case 0x0410...0x042F: folded = value + 0x20
            case 0x0430...0x044F, 0x0452...0x045F: folded = value
            case 0x0401, 0x0451: folded = 0x0435
            case 0x0400...0x040F: folded = value + 0x50
            default: break
            }
            if folded != 0 {
                bytes.append(UInt8(0xC0 | (folded >> 6)))
                bytes.append(UInt8(0x80 | (folded & 0x3F)))
                length += 1
                continue
            }
            if !Tokenizer.add(Unicode.Scalar(value)!, to: &bytes, length: &length) { flush() }
        }
        flush()
    }
}
