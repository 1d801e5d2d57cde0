import Foundation

/// A token compared and hashed by its UTF-8 bytes.
///
/// Tokens from ``Tokenizer`` are already composed (NFC) and lowercased, so byte equality is exactly the equality
/// the index needs — and it skips the Unicode normalisation `String` performs when hashing or comparing
/// non-ASCII text, which made up a large share of indexing time for Russian.
struct TokenKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    /// Whether both tokens have the same bytes.
    func sameBytes(as other: TokenKey) -> Bool {
        var left = text
        var right = other.text
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }

    static func == (left: TokenKey, right: TokenKey) -> Bool { left.sameBytes(as: right) }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
