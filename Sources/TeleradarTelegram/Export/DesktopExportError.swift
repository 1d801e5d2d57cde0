import Foundation

/// Everything that can go wrong while reading a Telegram Desktop "Export chat history" JSON file.
///
/// Offsets are zero-based byte offsets into the file; line and column numbers are one-based
/// (the column counts bytes, not characters).
package enum DesktopExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither the given file nor a `result.json` inside the given directory exists.
    case fileNotFound(path: String)
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is valid enough to look at, but it is not a single-chat export
    /// (the top level is not an object, or it has no `messages` array).
    case notAnExport(reason: String)
    /// The bytes are not well-formed JSON (this includes a file cut off in the middle).
    case malformedJSON(offset: Int64, line: Int?, column: Int?, reason: String)
    /// The element at `index` of the `messages` array (starting at byte `offset`) cannot be used as a message.
    case invalidMessage(index: Int, offset: Int64, reason: String)
    /// The element at `index` of the `messages` array (starting at byte `offset`) has no usable `id`.
    case missingMessageID(index: Int, offset: Int64)
    /// The message has neither a usable `date_unixtime` nor a parseable `date`.
    case invalidDate(messageID: Int64, index: Int, value: String)
    /// The message's `type` is neither `message`, `service` nor `unsupported`.
    case unexpectedMessageType(messageID: Int64, type: String, index: Int)
    /// The task reading the export was cancelled.
    case cancelled

    /// A human-readable explanation that names the file position or message concerned.
    package var description: String {
        switch self {
        case .fileNotFound(let path):
            return "Telegram export not found: no file at \(path)"
        case .unreadable(let path, let reason):
            return "Cannot read Telegram export \(path): \(reason)"
        case .notAnExport(let reason):
            return "Not a Telegram Desktop chat export: \(reason)"
        case .malformedJSON(let offset, let line, let column, let reason):
            var place = "byte offset \(offset)"
            if let line, let column { place += " (line \(line), column \(column))" }
            return "Malformed JSON at \(place): \(reason)"
        case .invalidMessage(let index, let offset, let reason):
            return "Invalid message at index \(index) (byte offset \(offset)): \(reason)"
        case .missingMessageID(let index, let offset):
            return "Message at index \(index) (byte offset \(offset)) has no usable \"id\""
        case .invalidDate(let messageID, let index, let value):
            return "Message id \(messageID) (index \(index)) has no usable date: \"\(value)\""
        case .unexpectedMessageType(let messageID, let type, let index):
            let shown = type.isEmpty ? "(missing)" : "\"\(type)\""
            return "Message id \(messageID) (index \(index)) has unexpected type \(shown); "
                + "expected \"message\" or \"service\""
        case .cancelled:
            return "Reading the Telegram export was cancelled"
        }
    }
}
