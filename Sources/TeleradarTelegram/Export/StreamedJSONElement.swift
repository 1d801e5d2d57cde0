import Foundation

/// One element of the streamed array: its raw JSON bytes and where it was found.
package struct StreamedJSONElement: Sendable, Hashable {
    /// The element's JSON text, exactly as in the file.
    package var bytes: Data
    /// Byte offset of the element's first byte in the file.
    package var offset: Int64
    /// Zero-based position of the element in the array.
    package var index: Int
}
