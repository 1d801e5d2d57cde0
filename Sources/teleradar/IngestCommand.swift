import ArgumentParser
import Foundation
import TeleradarApp

/// `teleradar ingest --once [--channel NAME]`: one parse run now.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Fetch new posts of followed channels now (what the schedule does every 30 min).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Run once and exit (required: the server runs the schedule).") var once = false
    @Option(help: "Only this channel.") var channel: String?
    @Flag(help: "Print the results as JSON.") var json = false

    struct Line: Encodable {
        var channel: String
        var new: Int
        var updated: Int
        var pages: Int
        var floodWaits: [Int]
        var deferred: Int
        var heldBack: Bool
        var error: String?
        enum CodingKeys: String, CodingKey {
            case channel, new, updated, pages, error, deferred
            case floodWaits = "flood_waits"
            case heldBack = "held_back"
        }
    }

    func validate() throws {
        guard once else { throw ValidationError("use --once (the server's schedule does the recurring runs)") }
    }

    func run() async throws {
        let results = try await CommandSupport.withContext(envFile: global.envFile) { context in
            guard
                let results = try await context.ingestion.runAll(
                    only: channel, holder: "cli-\(ProcessInfo.processInfo.processIdentifier)")
            else { CommandSupport.fail("another parse run is in progress (the server's schedule?); try again later") }
            return results
        }
        let lines = results.map {
            Line(
                channel: $0.channel, new: $0.stored.inserted, updated: $0.stored.updated, pages: $0.pages,
                floodWaits: $0.floodWaits,
                deferred: $0.deferred, heldBack: $0.heldBack, error: $0.error)
        }
        if json {
            try CommandSupport.printJSON(lines)
        } else if lines.isEmpty {
            print("no channels to parse: nobody follows any channel yet")
        } else {
            for line in lines {
                let held = line.heldBack ? ", held back by posts/day (\(line.deferred) deferred)" : ""
                print(
                    "@\(line.channel): \(line.new) new, \(line.updated) updated in \(line.pages) pages\(held)"
                        + (line.error.map { " — error: \($0)" } ?? ""))
            }
        }
        if results.contains(where: { $0.error != nil }) { throw ExitCode(2) }
    }
}
