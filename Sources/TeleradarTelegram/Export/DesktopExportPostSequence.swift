import Foundation
import TeleradarCore

/// The posts of a Telegram Desktop export as an `AsyncSequence`; see `DesktopExportReader.posts(progress:)`.
///
/// Reading is synchronous file I/O of at most one chunk per element, done on the caller's executor.
/// Iteration stops with `DesktopExportError.cancelled` when the task is cancelled.
package struct DesktopExportPostSequence: AsyncSequence, Sendable {
    /// The posts produced.
    package typealias Element = IncomingPost
    /// The only error thrown.
    package typealias Failure = DesktopExportError

    /// The export to read.
    package let reader: DesktopExportReader
    /// Called after each newly read chunk and once at the end.
    package let progress: (@Sendable (DesktopExportProgress) -> Void)?

    /// A sequence over `reader`'s posts.
    package init(reader: DesktopExportReader, progress: (@Sendable (DesktopExportProgress) -> Void)? = nil) {
        self.reader = reader
        self.progress = progress
    }

    /// Starts a new pass over the file.
    package func makeAsyncIterator() -> Iterator {
        Iterator(reader: reader, progress: progress)
    }

    /// Iterates over one pass of the file; opens it on the first call to `next`.
    package struct Iterator: AsyncIteratorProtocol {
        /// The posts produced.
        package typealias Element = IncomingPost
        /// The only error thrown.
        package typealias Failure = DesktopExportError

        private let reader: DesktopExportReader
        private let progress: (@Sendable (DesktopExportProgress) -> Void)?
        private var cursor: DesktopExportCursor?
        private var isDone = false

        init(reader: DesktopExportReader, progress: (@Sendable (DesktopExportProgress) -> Void)?) {
            self.reader = reader
            self.progress = progress
        }

        /// The next post, or `nil` after the last one or after an error.
        package mutating func next() async throws(DesktopExportError) -> IncomingPost? {
            try step()
        }

        /// The next post, or `nil` after the last one or after an error.
        package mutating func next(
            isolation actor: isolated (any Actor)?
        ) async throws(DesktopExportError) -> IncomingPost? {
            try step()
        }

        private mutating func step() throws(DesktopExportError) -> IncomingPost? {
            guard !isDone else { return nil }
            do throws(DesktopExportError) {
                if Task.isCancelled { throw DesktopExportError.cancelled }
                let cursor: DesktopExportCursor
                if let open = self.cursor {
                    cursor = open
                } else {
                    cursor = try reader.openCursor(progress: progress)
                    self.cursor = cursor
                }
                if let post = try cursor.next() { return post }
                finish()
                return nil
            } catch {
                finish()
                throw error
            }
        }

        private mutating func finish() {
            isDone = true
            cursor = nil
        }
    }
}
