import ArgumentParser
import Foundation
import TeleradarApp
import TeleradarTelegram

/// `teleradar import <export.json|dir> --channel NAME`: a Telegram Desktop export into a channel.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Telegram Desktop export (result.json, or the folder holding it) into a channel.",
        discussion: "Re-running an import is safe: stored posts are recognised and not duplicated.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Path of result.json or of the export folder.") var path: String
    @Option(help: "The channel's public @name (exports do not carry it).") var channel: String
    @Option(help: "Telegram id of a user to subscribe to the channel.") var user: Int64?
    @Flag(help: "Do not queue the imported posts for embedding.") var noIndex = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() async throws {
        let summary = try await CommandSupport.withContext(envFile: global.envFile) { context in
            var userID: Int64?
            if let user { userID = try await context.accounts.register(.init(telegramID: user)).id }
            let bar = ProgressBar(enabled: !json)
            defer { bar.finish() }
            return try await context.importer.run(
                path: path, channelName: channel, subscribe: userID, indexAfterImport: !noIndex,
                progress: { bar.update(fraction: $0.fraction, detail: "\($0.messagesRead) messages") })
        }
        if json {
            try CommandSupport.printJSON(summary)
        } else {
            print(
                "@\(summary.channel): \(summary.new) new, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.skipped) skipped (service or unsupported), \(summary.messagesRead) read"
            )
        }
    }
}

/// A one-line progress bar on standard error (only when it is a terminal).
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = -1

    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }

    func update(fraction: Double, detail: String) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(percent)% \(detail)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
