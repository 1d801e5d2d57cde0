import Foundation

/// Where the TDLib tests find the real library and the TL schema: walking up from this source file first,
/// then an environment variable, then the shared checkout locations.
enum TDLibTestPaths {
    /// `<repo>/.deps/python/telegram/lib/libtdjson.so` (installed by scripts/setup.sh), or
    /// `$TELERADAR_TDJSON`, or `/work/main/.deps/…`; nil when none exists.
    static let libtdjson: String? = locate(
        relative: ".deps/python/telegram/lib/libtdjson.so",
        environment: "TELERADAR_TDJSON",
        fallbacks: ["/work/main/.deps/python/telegram/lib/libtdjson.so"]
    )

    /// `td_api.tl` of TDLib 1.8.66: `Tests/TeleradarTests/Fixtures/tdlib-td_api-tl/…` when present, or
    /// `$TELERADAR_TD_API_TL`, or the shared fixtures folder.
    static let tdAPISchema: String? = locate(
        relative: "Tests/TeleradarTests/Fixtures/tdlib-td_api-tl/td_api.1.8.66-a9966eb3.tl",
        environment: "TELERADAR_TD_API_TL",
        fallbacks: ["/work/shared/fixtures/tdlib-td_api-tl/td_api.1.8.66-a9966eb3.tl"]
    )

    /// The parsed schema, when the file was found.
    static let schema: TLSchema? = tdAPISchema.flatMap { path in
        (try? String(contentsOfFile: path, encoding: .utf8)).map(TLSchema.init(text:))
    }

    private static func locate(relative: String, environment: String, fallbacks: [String]) -> String? {
        let files = FileManager.default
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relative).path
            if files.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        if let path = ProcessInfo.processInfo.environment[environment], files.fileExists(atPath: path) { return path }
        return fallbacks.first { files.fileExists(atPath: $0) }
    }
}
