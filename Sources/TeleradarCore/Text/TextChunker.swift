/// Splits long posts into overlapping chunks for embedding (the e5 model reads at most 512 tokens; shorter
/// chunks also keep one topic per vector). Splits on paragraph, then sentence, then word boundaries.
package enum TextChunker {
    /// Chunks of at most `maxWords` words with `overlapWords` words repeated between neighbours.
    /// A text that fits is returned whole (one chunk); an empty text gives no chunk.
    package static func chunks(_ text: String, maxWords: Int = 180, overlapWords: Int = 30) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard words.count > maxWords else { return [trimmed] }
        var result: [String] = []
        var start = 0
        while start < words.count {
            var end = min(start + maxWords, words.count)
            // Prefer to end a chunk after a sentence end within its last third.
            if end < words.count {
                let floor = start + maxWords * 2 / 3
                if let cut = (floor..<end).last(where: { index in
                    guard let last = words[index].last else { return false }
                    return last == "." || last == "!" || last == "?" || last == "…"
                }) {
                    end = cut + 1
                }
            }
            result.append(words[start..<end].joined(separator: " "))
            if end >= words.count { break }
            // The next chunk repeats the last `overlapWords` words (at most half a chunk), and always moves on.
            start = max(end - min(max(overlapWords, 0), (end - start) / 2), start + 1)
        }
        return result
    }
}
