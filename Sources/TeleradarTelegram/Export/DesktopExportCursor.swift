import Foundation
import TeleradarCore

/// Reads the posts of an open export one at a time, synchronously; the engine behind
/// `DesktopExportPostSequence`. Obtain one from `DesktopExportReader.openCursor(progress:)`.
///
/// `unsupported` placeholders are skipped (and counted); every other problem throws, and the first error
/// is final. A reference type because it owns the open file; use it from one task at a time.
package final class DesktopExportCursor {
    private let streamer: JSONObjectStreamer
    private let onProgress: (@Sendable (DesktopExportProgress) -> Void)?
    private var reportedChunks = 0
    private var reportedFinish = false

    /// `unsupported` placeholders skipped so far.
    package private(set) var unsupportedSkipped = 0

    /// Wraps a streamer positioned anywhere before the end of its array.
    /// `onProgress` is called after each newly read chunk and once at the end.
    package init(streamer: JSONObjectStreamer, onProgress: (@Sendable (DesktopExportProgress) -> Void)? = nil) {
        self.streamer = streamer
        self.onProgress = onProgress
    }

    /// The chat header from the top-level fields seen so far (complete once `next()` has returned `nil`).
    package var header: DesktopExportHeader { DesktopExportHeader(fields: streamer.topLevelFields) }

    /// The current progress.
    package var progress: DesktopExportProgress {
        DesktopExportProgress(
            bytesProcessed: streamer.bytesConsumed,
            totalBytes: streamer.totalBytes,
            messagesRead: streamer.elementCount,
            unsupportedSkipped: unsupportedSkipped,
            isFinished: streamer.isFinished
        )
    }

    /// The next post (content or service), or `nil` after the last one.
    package func next() throws(DesktopExportError) -> IncomingPost? {
        while let element = try streamer.nextElement() {
            let message = try decode(element)
            let post = try DesktopExportPostMapper.post(from: message, index: element.index, offset: element.offset)
            if post == nil { unsupportedSkipped += 1 }
            if streamer.chunksRead != reportedChunks {
                reportedChunks = streamer.chunksRead
                onProgress?(progress)
            }
            if let post { return post }
        }
        if !reportedFinish {
            reportedFinish = true
            onProgress?(progress)
        }
        return nil
    }

    private func decode(_ element: StreamedJSONElement) throws(DesktopExportError) -> DesktopExportMessage {
        guard element.bytes.first == JSONByte.openBrace else {
            let preview = String(decoding: element.bytes.prefix(40), as: UTF8.self)
            throw .invalidMessage(
                index: element.index, offset: element.offset, reason: "expected a JSON object, found \(preview)"
            )
        }
        do {
            return DesktopExportMessage(json: try ExportJSON.parse(element.bytes))
        } catch {
            let place = streamer.lineAndColumn(at: element.offset)
            throw .malformedJSON(
                offset: element.offset, line: place?.line, column: place?.column,
                reason:
                    "message at index \(element.index) is not valid JSON: \(error.reason) at byte \(error.offset) of the message"
            )
        }
    }
}
