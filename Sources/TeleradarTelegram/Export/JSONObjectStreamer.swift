import Foundation

/// Streams the elements of one array member (by default `"messages"`) of a JSON document whose top level is
/// an object, reading the input in chunks so memory stays bounded by the largest element, not the file size.
///
/// Scalar members of the top-level object (`"name"`, `"type"`, `"id"`…) are collected into `topLevelFields`
/// whether they come before or after the array; other nested members are skipped without being kept.
/// Elements are delimited, not parsed: decode `StreamedJSONElement.bytes` with a JSON decoder.
/// Errors carry the byte offset (plus line and column) of the problem; the first error is sticky.
///
/// A reference type because it owns an open file and a read position; use one instance from one task.
package final class JSONObjectStreamer {
    /// The default number of bytes read from the file at a time (1 MiB).
    package static let defaultChunkSize = 1 << 20

    private enum Phase {
        case start
        case members(afterValue: Bool)
        case array(afterElement: Bool)
        case finished
    }

    /// The name of the streamed array member.
    package let arrayKey: String
    /// How many bytes are read from the input at a time.
    package let chunkSize: Int
    /// Bytes read from the input so far (at most one chunk ahead of `bytesConsumed`).
    package private(set) var bytesRead: Int64 = 0
    /// How many chunks have been read so far.
    package private(set) var chunksRead = 0
    /// Scalar members of the top-level object seen so far.
    package private(set) var topLevelFields: [String: StreamedJSONScalar] = [:]
    /// How many array elements have been returned or skipped so far.
    package private(set) var elementCount = 0
    /// Whether the array member has been found.
    package private(set) var hasEnteredArray = false
    /// The largest number of bytes held in memory at once: about one chunk plus the largest element.
    package private(set) var maxBufferedBytes = 0

    private let source: ChunkedByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var baseOffset: Int64 = 0
    private var mark: Int?
    private var reachedEndOfInput = false
    private var phase = Phase.start
    private var failure: DesktopExportError?

    /// Opens the file at `fileURL` for streaming.
    package convenience init(
        fileURL: URL, arrayKey: String = "messages", chunkSize: Int = JSONObjectStreamer.defaultChunkSize
    ) throws(DesktopExportError) {
        self.init(source: try ChunkedByteSource(fileURL: fileURL), arrayKey: arrayKey, chunkSize: chunkSize)
    }

    /// Streams a document held in memory (chunking still applies, which is handy for tests).
    package convenience init(
        data: Data, arrayKey: String = "messages", chunkSize: Int = JSONObjectStreamer.defaultChunkSize
    ) {
        self.init(source: ChunkedByteSource(data: data), arrayKey: arrayKey, chunkSize: chunkSize)
    }

    private init(source: ChunkedByteSource, arrayKey: String, chunkSize: Int) {
        self.source = source
        self.arrayKey = arrayKey
        self.chunkSize = max(1, chunkSize)
    }

    /// The size of the whole input in bytes.
    package var totalBytes: Int64 { source.totalBytes }

    /// Bytes fully processed so far; equals `totalBytes` once the document has been read to its end.
    package var bytesConsumed: Int64 { baseOffset + Int64(position) }

    /// Whether the whole document has been read and checked.
    package var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    /// Reads up to the first element of the array, collecting the scalar members before it.
    ///
    /// Returns `false` when the document ended instead (which only happens after the array was read).
    /// Throws `notAnExport` when the top level is not an object or has no such array.
    @discardableResult
    package func advanceToArray() throws(DesktopExportError) -> Bool {
        try guarded { () throws(DesktopExportError) in
            switch phase {
            case .start, .members: try parseMembers()
            case .array, .finished: break
            }
            if case .array = phase { return true }
            return false
        }
    }

    /// The next element of the array, or `nil` once the array and the rest of the document have been read.
    package func nextElement() throws(DesktopExportError) -> StreamedJSONElement? {
        try guarded { () throws(DesktopExportError) in try nextElement(keep: true) }
    }

    /// Skips the remaining elements without keeping them and reads the document to its end,
    /// collecting any scalar members that follow the array.
    package func skipToEnd() throws(DesktopExportError) {
        try guarded { () throws(DesktopExportError) in
            while try nextElement(keep: false) != nil {}
        }
    }

    /// The one-based line and byte column of a byte offset, for error messages (reads the input again).
    package func lineAndColumn(at offset: Int64) -> (line: Int, column: Int)? {
        source.lineAndColumn(at: offset)
    }

    // MARK: - Grammar

    private func guarded<T>(_ body: () throws(DesktopExportError) -> T) throws(DesktopExportError) -> T {
        if let failure { throw failure }
        do {
            return try body()
        } catch {
            failure = error
            throw error
        }
    }

    private func nextElement(keep: Bool) throws(DesktopExportError) -> StreamedJSONElement? {
        while true {
            switch phase {
            case .start, .members:
                try parseMembers()
            case .finished:
                return nil
            case .array(let afterElement):
                try skipWhitespace()
                guard var byte = try peek() else { throw endOfInput(inside: "the \"\(arrayKey)\" array") }
                if byte == JSONByte.closeBracket {
                    position += 1
                    phase = .members(afterValue: true)
                    continue
                }
                if afterElement {
                    guard byte == JSONByte.comma else {
                        throw malformed("expected ',' or ']' after element \(elementCount - 1) of \"\(arrayKey)\"")
                    }
                    position += 1
                    try skipWhitespace()
                    guard let next = try peek() else { throw endOfInput(inside: "the \"\(arrayKey)\" array") }
                    guard next != JSONByte.closeBracket else { throw malformed("trailing ',' before ']'") }
                    byte = next
                }
                phase = .array(afterElement: true)
                let offset = bytesConsumed
                let bytes = try readValue(startingWith: byte, keep: keep)
                let index = elementCount
                elementCount += 1
                return StreamedJSONElement(bytes: bytes ?? Data(), offset: offset, index: index)
            }
        }
    }

    /// Parses top-level members until the array is entered or the document ends.
    private func parseMembers() throws(DesktopExportError) {
        if case .start = phase {
            try skipByteOrderMark()
            try skipWhitespace()
            guard let first = try peek() else { throw .notAnExport(reason: "the file is empty") }
            guard first == JSONByte.openBrace else {
                throw .notAnExport(reason: "the top-level JSON value is not an object")
            }
            position += 1
            phase = .members(afterValue: false)
        }
        guard case .members(var afterValue) = phase else { return }
        while true {
            try skipWhitespace()
            guard var byte = try peek() else { throw endOfInput(inside: "the top-level object") }
            if byte == JSONByte.closeBrace {
                position += 1
                try finishDocument()
                return
            }
            if afterValue {
                guard byte == JSONByte.comma else { throw malformed("expected ',' or '}' in the top-level object") }
                position += 1
                try skipWhitespace()
                guard let next = try peek() else { throw endOfInput(inside: "the top-level object") }
                byte = next
            }
            guard byte == JSONByte.quote else { throw malformed("expected a quoted key in the top-level object") }
            let key = try readString()
            try skipWhitespace()
            guard try peek() == JSONByte.colon else { throw malformed("expected ':' after key \"\(key)\"") }
            position += 1
            try skipWhitespace()
            guard let valueByte = try peek() else { throw endOfInput(inside: "the value of \"\(key)\"") }
            if key == arrayKey, !hasEnteredArray {
                guard valueByte == JSONByte.openBracket else {
                    throw .notAnExport(reason: "\"\(arrayKey)\" is not an array")
                }
                position += 1
                hasEnteredArray = true
                phase = .array(afterElement: false)
                return
            }
            switch valueByte {
            case JSONByte.openBrace, JSONByte.openBracket:
                _ = try readValue(startingWith: valueByte, keep: false)
            case JSONByte.quote:
                topLevelFields[key] = .string(try readString())
            default:
                let tokenOffset = bytesConsumed
                let token = try readToken()
                guard let scalar = StreamedJSONScalar.parseToken(token) else {
                    throw malformed("invalid value for key \"\(key)\"", at: tokenOffset)
                }
                topLevelFields[key] = scalar
            }
            afterValue = true
            phase = .members(afterValue: true)
        }
    }

    private func finishDocument() throws(DesktopExportError) {
        try skipWhitespace()
        guard try peek() == nil else { throw malformed("unexpected data after the end of the top-level object") }
        guard hasEnteredArray else {
            throw .notAnExport(reason: "the top-level object has no \"\(arrayKey)\" array")
        }
        phase = .finished
    }

    /// Reads one value of any kind; returns its bytes when `keep` is set.
    private func readValue(startingWith byte: UInt8, keep: Bool) throws(DesktopExportError) -> Data? {
        switch byte {
        case JSONByte.openBrace, JSONByte.openBracket, JSONByte.quote:
            return try readDelimited(keep: keep)
        default:
            let offset = bytesConsumed
            let token = try readToken()
            guard StreamedJSONScalar.parseToken(token) != nil else {
                let shown = token.isEmpty ? String(Character(Unicode.Scalar(byte))) : token
                throw malformed("unexpected '\(shown)' where a value was expected", at: offset)
            }
            return keep ? Data(token.utf8) : nil
        }
    }

    /// Reads an object, array or string starting at `position`, across as many chunks as it spans.
    private func readDelimited(keep: Bool) throws(DesktopExportError) -> Data? {
        let startOffset = bytesConsumed
        mark = keep ? position : nil
        defer { mark = nil }
        var state = JSONValueScanState()
        while true {
            let from = position
            let outcome = buffer.withUnsafeBufferPointer { state.scan($0, from: from) }
            switch outcome {
            case .complete(let end):
                let bytes = mark.map { Data(buffer[$0..<end]) }
                position = end
                return bytes
            case .invalid(let index, let reason):
                position = index
                throw malformed(reason)
            case .needMore:
                position = buffer.count
                guard try refill() else {
                    throw endOfInput(inside: "the value starting at byte offset \(startOffset)")
                }
            }
        }
    }

    private func readString() throws(DesktopExportError) -> String {
        let offset = bytesConsumed
        let bytes = try readDelimited(keep: true) ?? Data()
        do {
            return try JSONDecoder().decode(String.self, from: bytes)
        } catch {
            throw malformed("invalid string", at: offset)
        }
    }

    private func readToken() throws(DesktopExportError) -> String {
        var bytes: [UInt8] = []
        while let byte = try peek(), JSONByte.isTokenByte(byte) {
            guard bytes.count < 512 else { throw malformed("token too long") }
            bytes.append(byte)
            position += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Buffer

    private func peek() throws(DesktopExportError) -> UInt8? {
        if position < buffer.count { return buffer[position] }
        guard try refill() else { return nil }
        return buffer[position]
    }

    private func skipWhitespace() throws(DesktopExportError) {
        while let byte = try peek(), JSONByte.isWhitespace(byte) { position += 1 }
    }

    private func skipByteOrderMark() throws(DesktopExportError) {
        while buffer.count - position < 3, try refill() {}
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
            buffer[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Drops bytes no longer needed (everything before `mark`, or before `position`) and appends a chunk.
    /// Returns `false` at the end of the input.
    private func refill() throws(DesktopExportError) -> Bool {
        if reachedEndOfInput { return false }
        let keepFrom = mark ?? position
        if keepFrom > 0 {
            buffer.removeSubrange(0..<keepFrom)
            baseOffset += Int64(keepFrom)
            position -= keepFrom
            mark = mark.map { $0 - keepFrom }
        }
        let chunk = try source.read(maxCount: chunkSize)
        guard !chunk.isEmpty else {
            reachedEndOfInput = true
            return false
        }
        buffer.append(contentsOf: chunk)
        bytesRead += Int64(chunk.count)
        chunksRead += 1
        maxBufferedBytes = max(maxBufferedBytes, buffer.count)
        return true
    }

    // MARK: - Errors

    private func malformed(_ reason: String, at offset: Int64? = nil) -> DesktopExportError {
        let offset = offset ?? bytesConsumed
        let place = source.lineAndColumn(at: offset)
        return .malformedJSON(offset: offset, line: place?.line, column: place?.column, reason: reason)
    }

    private func endOfInput(inside context: String) -> DesktopExportError {
        malformed("unexpected end of file inside \(context)")
    }
}
