import ArgumentParser
import Foundation
import TeleradarApp
import TeleradarCore

/// `teleradar ask "<question>" --user <telegram_id>`: an answer with sources, as the bot would give it.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask", abstract: "Answer a question from a user's channels, with numbered sources.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The question.") var question: String
    @Option(help: "Telegram id of the user whose channels are searched.") var user: Int64
    @Option(name: .customLong("channel"), help: "Only this channel (repeatable).") var channels: [String] = []
    @Option(help: "Posts given to the answer, 1–20.") var contextLimit: Int = 8
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let answer = try await CommandSupport.withContext(envFile: global.envFile, embeddings: true) { context in
            let owner = try await context.accounts.user(telegramID: user)
            return try await context.answers.ask(
                user: owner, question: question,
                filters: .init(channels: channels.isEmpty ? nil : channels), contextLimit: contextLimit)
        }
        if json {
            try CommandSupport.printJSON(answer)
            return
        }
        print(answer.answer)
        if !answer.sources.isEmpty {
            print("")
            for source in answer.sources {
                print("[\(source.number)] @\(source.channel), \(source.postedAt.formatted(.iso8601.year().month().day())) — \(source.url)")
            }
        }
        print("\n(\(answer.model ?? "no answer"), \(answer.durationMs) ms\(answer.cached ? ", cached" : ""))")
    }
}

/// `teleradar search "<query>" --user <telegram_id>`: the hybrid search results.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search a user's channels.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The query.") var query: String
    @Option(help: "Telegram id of the user whose channels are searched.") var user: Int64
    @Option(name: .customLong("channel"), help: "Only this channel (repeatable).") var channels: [String] = []
    @Option(help: "How many results, 1–100.") var limit: Int = 10
    @Flag(help: "Show how each score was made.") var explain = false
    @Flag(help: "Print JSON.") var json = false

    struct Line: Encodable {
        var postID: Int64
        var url: String
        var score: Double
        var keywordRank: Int?
        var vectorRank: Int?
        var text: String
        var explanation: String?
        enum CodingKeys: String, CodingKey {
            case url, score, text, explanation
            case postID = "post_id"
            case keywordRank = "keyword_rank"
            case vectorRank = "vector_rank"
        }
    }

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100") }
    }

    func run() async throws {
        let lines = try await CommandSupport.withContext(envFile: global.envFile, embeddings: true) { context in
            let owner = try await context.accounts.user(telegramID: user)
            let scope = try await context.retrieval.scope(user: owner, filters: .init(channels: channels.isEmpty ? nil : channels))
            return try await context.retrieval.search(query, scope: scope, limit: limit).map {
                Line(
                    postID: $0.post.id, url: $0.post.url, score: $0.score, keywordRank: $0.keywordRank, vectorRank: $0.vectorRank,
                    text: String($0.post.text.prefix(300)), explanation: explain ? $0.explanation : nil)
            }
        }
        if json {
            try CommandSupport.printJSON(lines)
        } else if lines.isEmpty {
            print("nothing found")
        } else {
            for (index, line) in lines.enumerated() {
                print("\(index + 1). \(line.url)  (\(String(format: "%.4f", line.score)))")
                print("   " + line.text.replacingOccurrences(of: "\n", with: " ").prefix(160))
                if let explanation = line.explanation { print("   " + explanation) }
            }
        }
    }
}

/// `teleradar reindex`: queue every post without current embeddings (after a model change, or imports
/// made with `--no-index`), and optionally process the queue now.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Queue posts for embedding with the current model, and optionally embed them now.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Embed now instead of leaving it to the server's worker.") var now = false

    func run() async throws {
        try await CommandSupport.withContext(envFile: global.envFile, embeddings: true) { context in
            guard let vectors = context.vectorSearch else {
                CommandSupport.fail("no embedder is available (EMBEDDER=none, or run scripts/setup.sh for the local model)")
            }
            let worker = IndexWorker(vectors: vectors, database: context.database, logger: context.logger)
            let queued = try await worker.enqueuePending()
            print("queued \(queued) posts for embedding with \(vectors.embedder.modelID)")
            guard now else { return }
            let bar = ProgressBar(enabled: true)
            var done = 0
            let total = max(1, (try await context.jobs.counts(kind: JobKind.indexPosts))[.queued] ?? 0)
            while await worker.runOnce() {
                done += 1
                bar.update(fraction: Double(done) / Double(total), detail: "\(done)/\(total) batches")
            }
            bar.finish()
            print("index holds \(vectors.index.count) vectors")
        }
    }
}
