import Foundation
import Testing

/// Runs the built `teleradar` executable in a temporary working directory.
struct CLIRunner {
    let workingDirectory: URL
    var environment: [String: String]

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The debug binary next to the test bundle (built by `swift build --build-tests`).
    static func binary() throws -> URL {
        var folder = URL(fileURLWithPath: #filePath)
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent(".build/debug/teleradar")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        Issue.record("the teleradar binary is not built: run `swift build --build-tests` (scripts/test.sh does)")
        throw CancellationError()
    }

    static func make() throws -> CLIRunner {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("teleradar-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return CLIRunner(
            workingDirectory: folder,
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "TELERADAR_DATA_DIR": folder.appendingPathComponent("data").path,
                "LOG_LEVEL": "warning",
            ])
    }

    func cleanUp() { try? FileManager.default.removeItem(at: workingDirectory) }

    /// Starts the binary without waiting.
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs the binary to completion.
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, extraEnvironment: extraEnvironment)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
