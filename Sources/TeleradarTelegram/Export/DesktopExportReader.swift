import Foundation
import TeleradarCore

/// Reads a Telegram Desktop "Export chat history" JSON export (`result.json`) as a stream of `IncomingPost`s.
///
/// The file is read in chunks and one message is decoded at a time, so memory stays bounded by the largest
/// message rather than the file size. Both the 2020–2021 format (integer ids, `text` arrays) and the current one
/// (`date_unixtime`, `text_entities`) are understood.
///
/// ```swift
/// let reader = try DesktopExportReader(path: "/exports/ChatExport_2026-02-01")
/// let header = try reader.readHeader()
/// for try await post in reader.posts(progress: { bar.update($0.fraction) }) { … }
/// ```
package struct DesktopExportReader: Sendable {
    /// The `result.json` being read.
    package let fileURL: URL
    /// How many bytes are read from the file at a time.
    package let chunkSize: Int

    /// Reads the export at `path`: a `result.json` file, or a directory containing one.
    package init(path: String, chunkSize: Int = JSONObjectStreamer.defaultChunkSize) throws(DesktopExportError) {
        let expanded = (path as NSString).expandingTildeInPath
        try self.init(url: URL(fileURLWithPath: expanded), chunkSize: chunkSize)
    }

    /// Reads the export at `url`: a `result.json` file, or a directory containing one.
    package init(url: URL, chunkSize: Int = JSONObjectStreamer.defaultChunkSize) throws(DesktopExportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: url.path)
        }
        if isDirectory.boolValue {
            let candidate = url.appendingPathComponent("result.json")
            var candidateIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &candidateIsDirectory),
                !candidateIsDirectory.boolValue
            else { throw .fileNotFound(path: candidate.path) }
            fileURL = candidate
        } else {
            fileURL = url
        }
        self.chunkSize = max(1, chunkSize)
    }

    /// Reads the chat's `name`, `type` and `id`.
    ///
    /// Telegram Desktop writes them before `messages`, so this normally reads only the start of the file; when
    /// `type` or `id` is missing there, the rest of the file is scanned (without keeping messages) for them.
    package func readHeader() throws(DesktopExportError) -> DesktopExportHeader {
        let streamer = try JSONObjectStreamer(fileURL: fileURL, chunkSize: chunkSize)
        try streamer.advanceToArray()
        let early = DesktopExportHeader(fields: streamer.topLevelFields)
        guard early.chatType == nil || early.id == nil else { return early }
        try streamer.skipToEnd()
        return DesktopExportHeader(fields: streamer.topLevelFields)
    }

    /// Opens the file and reads up to the first message, for synchronous reading with `DesktopExportCursor`.
    /// `progress` is called after each newly read chunk and once at the end.
    package func openCursor(
        progress: (@Sendable (DesktopExportProgress) -> Void)? = nil
    ) throws(DesktopExportError) -> DesktopExportCursor {
        let streamer = try JSONObjectStreamer(fileURL: fileURL, chunkSize: chunkSize)
        try streamer.advanceToArray()
        return DesktopExportCursor(streamer: streamer, onProgress: progress)
    }

    /// The posts of the export, in file order (content posts and service messages, told apart by
    /// `IncomingPost.isService`); `unsupported` placeholders are skipped. The file is opened when iteration
    /// starts; each iteration reads it afresh. `progress` is called after each newly read chunk and once at the
    /// end, with `bytesProcessed == totalBytes` then.
    package func posts(progress: (@Sendable (DesktopExportProgress) -> Void)? = nil) -> DesktopExportPostSequence {
        DesktopExportPostSequence(reader: self, progress: progress)
    }
}
