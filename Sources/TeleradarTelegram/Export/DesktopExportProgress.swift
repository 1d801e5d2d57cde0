/// How far reading an export has got, for a progress bar.
package struct DesktopExportProgress: Sendable, Hashable {
    /// Bytes of the file fully processed so far.
    package var bytesProcessed: Int64
    /// Size of the file in bytes.
    package var totalBytes: Int64
    /// Elements of the `messages` array read so far (including skipped `unsupported` ones).
    package var messagesRead: Int
    /// `unsupported` placeholders skipped so far (messages Telegram Desktop could not export).
    package var unsupportedSkipped: Int
    /// Whether the whole file has been read; `bytesProcessed == totalBytes` then.
    package var isFinished: Bool

    /// Creates a progress value.
    package init(
        bytesProcessed: Int64, totalBytes: Int64, messagesRead: Int, unsupportedSkipped: Int = 0,
        isFinished: Bool = false
    ) {
        self.bytesProcessed = bytesProcessed
        self.totalBytes = totalBytes
        self.messagesRead = messagesRead
        self.unsupportedSkipped = unsupportedSkipped
        self.isFinished = isFinished
    }

    /// Completed fraction between 0 and 1 (1 for an empty file).
    package var fraction: Double {
        guard totalBytes > 0 else { return 1 }
        return min(1, max(0, Double(bytesProcessed) / Double(totalBytes)))
    }
}
