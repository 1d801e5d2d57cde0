import Foundation
import Logging
import TeleradarCore
import TeleradarStorage

/// Import speed: the news corpus turned into a Telegram Desktop export (repeated to a useful size), imported
/// into a fresh SQLite database with the keyword index, no embeddings.
package struct ImportBenchmark: Sendable {
    package var corpusDirectory: URL
    package var repeats: Int
    package var logger: Logger

    package init(corpusDirectory: URL, repeats: Int, logger: Logger) {
        self.corpusDirectory = corpusDirectory
        self.repeats = repeats
        self.logger = logger
    }

    package struct Result: Sendable, Codable {
        package var posts: Int
        package var seconds: Double
        package var postsPerSecond: Double
        package var exportBytes: Int
        package var peakRSSMegabytes: Double
        /// CPU time (user + system, all threads) the import used: a steadier figure than wall time on a busy
        /// machine.
        package var cpuSeconds: Double
    }

    package func run() async throws -> Result {
        let items = try NewsCorpus.load(directory: corpusDirectory)
        return try await BenchWorkspace.with("import-bench", logger: logger) { folder, database in
            let exportURL = folder.appendingPathComponent("result.json")
            let exportBytes = try Self.writeExport(items: items, repeats: repeats, to: exportURL)
            let importer = ImportService(database: database, logger: logger)
            let clock = ContinuousClock()
            let cpuStart = Self.cpuSeconds()
            let start = clock.now
            let summary = try await importer.run(
                path: exportURL.path, channelName: "newsbench", indexAfterImport: false)
            let seconds = (clock.now - start).seconds
            let cpu = Self.cpuSeconds() - cpuStart
            return Result(
                posts: summary.new, seconds: seconds, postsPerSecond: Double(summary.new) / max(seconds, 1e-9),
                exportBytes: exportBytes, peakRSSMegabytes: Self.peakRSSMegabytes(), cpuSeconds: cpu)
        }
    }

    /// Writes a Desktop-format `public_channel` export of the corpus, `repeats` times over with fresh ids.
    static func writeExport(items: [NewsCorpus.Item], repeats: Int, to url: URL) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        func write(_ text: String) throws {
            let data = Data(text.utf8)
            written += data.count
            try handle.write(contentsOf: data)
        }
        try write(#"{"name": "News bench", "type": "public_channel", "id": 777000, "messages": ["#)
        let parser = ISO8601DateFormatter()
        let encoder = JSONEncoder()
        var id = 0
        for round in 0..<max(1, repeats) {
            var chunk = ""
            for item in items {
                id += 1
                let date = (parser.date(from: item.date) ?? Date(timeIntervalSince1970: 1_700_000_000))
                    .addingTimeInterval(Double(round))
                let text = String(decoding: try encoder.encode(item.text), as: UTF8.self)
                chunk +=
                    (id == 1 ? "" : ",")
                    + #"{"id": \#(id), "type": "message", "date_unixtime": "\#(Int(date.timeIntervalSince1970))", "from": "News bench", "text": \#(text), "text_entities": [{"type": "plain", "text": \#(text)}]}"#
            }
            try write(chunk)
        }
        try write("]}")
        return written
    }

    /// CPU time of this process so far (user + system, all threads), in seconds.
    package static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident memory of this process (VmHWM), in MB.
    package static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return 0 }
        return kilobytes / 1024
    }
}
