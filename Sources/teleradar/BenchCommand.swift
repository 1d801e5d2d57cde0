import ArgumentParser
import Foundation
import Logging
import TeleradarApp

/// `teleradar bench …`: measured figures for docs/BENCHMARKS.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure retrieval quality, search latency, embedding throughput and import speed.",
        subcommands: [Retrieval.self, Import.self, Search.self, Embed.self])

    struct Retrieval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retrieval",
            abstract: "Recall@1/5/10, MRR@10, nDCG@10 of keyword, vector and hybrid retrieval on a BEIR-style set.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Folder with corpus.jsonl, queries.jsonl and qrels.tsv.") var set: String
        @Option(help: "Folder of news-corpus JSON files mixed in as distractors.") var distractors: String?
        @Option(help: "Use N distractors: every k-th post longer than 40 characters, files in name order.")
        var distractorLimit: Int?
        @Option(help: "Write every query's top-50 keyword and vector lists (ids, scores) to this JSON file.")
        var rankings: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let config = try await CommandSupport.loadConfig(envFile: global.envFile)
            let logger = CommandSupport.logger(for: config, quiet: true)
            let embedder = await config.models.makeEmbedder(http: .shared, logger: logger)
            var benchmark = RetrievalBenchmark(
                setDirectory: URL(fileURLWithPath: set),
                distractorsDirectory: distractors.map { URL(fileURLWithPath: $0) },
                distractorLimit: distractorLimit, embedder: embedder, logger: logger)
            benchmark.rankingsURL = rankings.map { URL(fileURLWithPath: $0) }
            let quiet = json
            let result: [String: [String: Double]]
            do {
                result = try await benchmark.run { if !quiet { FileHandle.standardError.write(Data("\($0)\n".utf8)) } }
            } catch {
                CommandSupport.fail(CommandSupport.describe(error))
            }
            if json {
                try CommandSupport.printJSON(result)
                return
            }
            print("method    recall@1  recall@5  recall@10  mrr@10  ndcg@10")
            for method in ["keyword", "vector", "hybrid"] {
                guard let m = result[method] else { continue }
                print(
                    method.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + ["recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10"].map {
                            String(format: "%8.3f ", m[$0] ?? 0)
                        }.joined())
            }
            if embedder == nil { print("(no embedder: vector results skipped)") }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Posts/s importing the news corpus (as a Desktop export) into SQLite with the keyword index.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Folder of news-corpus JSON files.") var corpus: String
        @Option(help: "Repeat the corpus this many times.") var repeats: Int = 10
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let config = try await CommandSupport.loadConfig(envFile: global.envFile)
            let logger = CommandSupport.logger(for: config, quiet: true)
            let result: ImportBenchmark.Result
            do {
                result = try await ImportBenchmark(
                    corpusDirectory: URL(fileURLWithPath: corpus), repeats: repeats, logger: logger
                ).run()
            } catch {
                CommandSupport.fail(CommandSupport.describe(error))
            }
            if json {
                try CommandSupport.printJSON(result)
            } else {
                print(
                    "imported \(result.posts) posts (\(result.exportBytes / 1_048_576) MB export) in \(String(format: "%.2f", result.seconds)) s: \(Int(result.postsPerSecond)) posts/s; \(String(format: "%.2f", result.cpuSeconds)) s of CPU; peak RSS \(Int(result.peakRSSMegabytes)) MB"
                )
            }
        }
    }
}
