import Foundation
import Synchronization
import TeleradarCore
@testable import TeleradarTelegram

/// Fixture lookup, temporary files and collection helpers shared by the Telegram Desktop export tests.
enum ExportTestSupport {
    /// `Tests/TeleradarTests/Fixtures/tg-desktop-export`, found by walking up from this source file.
    static let fixturesRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Fixtures/tg-desktop-export")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "Tests/TeleradarTests/Fixtures/tg-desktop-export")
    }()

    /// The fixture at `relativePath` under `tg-desktop-export`.
    static func fixture(_ relativePath: String) -> URL {
        fixturesRoot.appendingPathComponent(relativePath)
    }

    /// A reader for the fixture at `relativePath`.
    static func reader(_ relativePath: String, chunkSize: Int = JSONObjectStreamer.defaultChunkSize) throws
        -> DesktopExportReader
    {
        try DesktopExportReader(url: fixture(relativePath), chunkSize: chunkSize)
    }

    /// Writes `data` to a new file in a fresh temporary directory and returns the file's URL.
    static func temporaryFile(_ data: Data, name: String = "result.json") throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("teleradar-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Writes `text` as UTF-8 to a temporary `result.json`.
    static func temporaryFile(_ text: String) throws -> URL {
        try temporaryFile(Data(text.utf8))
    }

    /// Removes a file made by `temporaryFile` together with its directory.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Every post of the export, through the async sequence.
    static func collect(
        _ reader: DesktopExportReader, progress: (@Sendable (DesktopExportProgress) -> Void)? = nil
    ) async throws(DesktopExportError) -> [IncomingPost] {
        var posts: [IncomingPost] = []
        for try await post in reader.posts(progress: progress) {
            posts.append(post)
        }
        return posts
    }

    /// Every post of the export given as JSON text, read from a temporary file.
    static func collect(json: String, chunkSize: Int = JSONObjectStreamer.defaultChunkSize) async throws
        -> [IncomingPost]
    {
        let url = try temporaryFile(json)
        defer { remove(url) }
        return try await collect(DesktopExportReader(url: url, chunkSize: chunkSize))
    }

    /// The error thrown while reading all posts of the export given as JSON text, if any.
    static func failure(json: String, chunkSize: Int = JSONObjectStreamer.defaultChunkSize) async throws
        -> DesktopExportError?
    {
        let url = try temporaryFile(json)
        defer { remove(url) }
        return await failure(of: try DesktopExportReader(url: url, chunkSize: chunkSize))
    }

    /// The error thrown while reading all posts of `reader`, if any.
    static func failure(of reader: DesktopExportReader) async -> DesktopExportError? {
        do {
            _ = try await collect(reader)
            return nil
        } catch {
            return error
        }
    }

    /// The Unix time of a post's date, in whole seconds.
    static func unixTime(_ date: Date?) -> Int64? {
        date.map { Int64($0.timeIntervalSince1970) }
    }
}

/// Thread-safe log of progress reports.
final class ProgressLog: Sendable {
    private let storage = Mutex<[DesktopExportProgress]>([])

    /// The reports received so far.
    var values: [DesktopExportProgress] { storage.withLock { $0 } }

    /// A callback that appends to this log.
    var callback: @Sendable (DesktopExportProgress) -> Void {
        { progress in self.storage.withLock { $0.append(progress) } }
    }
}

extension [IncomingPost] {
    /// The post with message id `id`, if any.
    func exportPost(_ id: Int64) -> IncomingPost? {
        first { $0.messageID == id }
    }
}
