import Foundation

/// Bytes read in fixed-size chunks from a file (through `FileHandle`) or from memory.
///
/// A reference type because it owns an open file handle, which it closes when released.
final class ChunkedByteSource {
    private enum Storage {
        case file(FileHandle, URL)
        case memory(Data)
    }

    private let storage: Storage
    private var memoryOffset = 0
    /// The size of the whole input in bytes.
    let totalBytes: Int64
    /// The file name to use in diagnostics.
    let displayPath: String

    /// Opens the file at `url` for reading.
    init(fileURL url: URL) throws(DesktopExportError) {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(path: path)
        }
        let size: Int64
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        storage = .file(handle, url)
        totalBytes = size
        displayPath = path
    }

    /// Serves `data` from memory.
    init(data: Data) {
        storage = .memory(data)
        totalBytes = Int64(data.count)
        displayPath = "<memory>"
    }

    deinit {
        if case .file(let handle, _) = storage { try? handle.close() }
    }

    /// The next chunk of at most `maxCount` bytes; empty at the end of the input.
    func read(maxCount: Int) throws(DesktopExportError) -> Data {
        switch storage {
        case .file(let handle, _):
            do {
                return try handle.read(upToCount: maxCount) ?? Data()
            } catch {
                throw .unreadable(path: displayPath, reason: "\(error)")
            }
        case .memory(let data):
            let start = data.startIndex + memoryOffset
            let end = min(data.endIndex, start + maxCount)
            memoryOffset += end - start
            return data[start..<end]
        }
    }

    /// The one-based line and byte column of `offset`, found by reading the input again from the start.
    ///
    /// Only used to describe errors, so a second pass over the input is acceptable.
    func lineAndColumn(at offset: Int64) -> (line: Int, column: Int)? {
        var line = 1
        var lineStart: Int64 = 0
        var position: Int64 = 0
        func count(_ chunk: Data) -> Bool {
            for byte in chunk {
                if position >= offset { return false }
                if byte == JSONByte.newline {
                    line += 1
                    lineStart = position + 1
                }
                position += 1
            }
            return position < offset
        }
        switch storage {
        case .memory(let data):
            _ = count(data)
        case .file(_, let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty, count(chunk) {}
        }
        return (line, Int(offset - lineStart) + 1)
    }
}
