import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium for the page tests: loads a URL, lets its scripts run (virtual time), returns the DOM.
/// Installed by `scripts/setup.sh --tests` (Debian package `chromium`); `CHROMIUM` overrides the path.
enum HeadlessChromium {
    /// The Chromium executable, if one is installed.
    static let executable: String? = {
        let candidates =
            [ProcessInfo.processInfo.environment["CHROMIUM"]].compactMap { $0 }
            + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Page tests run when Chromium is installed, and always in CI (`CI=true`), where a missing Chromium fails.
    static var shouldRun: Bool {
        executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// The DOM of `url` after its scripts ran for `budget` of virtual time (network waits do not count).
    static func dumpDOM(_ url: String, budget: Duration = .seconds(4), timeout: Duration = .seconds(25)) async throws
        -> String
    {
        let path = try #require(
            executable, "Chromium was not found; scripts/setup.sh --tests installs it (Debian package chromium)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("dom.html")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--lang=en-US", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            // No internet here: names other than the test server fail at once (telegram.org's script).
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--virtual-time-budget=\(budget.components.seconds * 1000)", "--dump-dom", url,
        ]
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        let finished = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in finished.continuation.finish() }
        try process.run()
        let killer = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        for await _ in finished.stream {}
        killer.cancel()
        try handle.close()
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A TCP port free on 127.0.0.1 right now (for a live test server).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound, "no free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
