import Foundation
import Testing

import TeleradarCore
@testable import TeleradarSearch

@Suite("BEIR data set loading")
struct BEIRDatasetTests {
    @Test("the XQuAD fixture loads completely (counts checked with python3)", arguments: ["ru", "en"])
    func fixture(language: String) throws {
        let data = try BEIRDataset.load(directory: SearchFixtures.xquad(language))
        #expect(data.corpus.count == 120)
        #expect(data.queries.count == 612)
        #expect(data.judgementCount == 612)
        #expect(data.qrels.count == 612)
        #expect(data.qrels.values.allSatisfy { $0.count == 1 && $0.values.first == 1 })
        #expect(data.corpus.first?.id == "a00p000")
        #expect(data.corpus.first?.title == "Super_Bowl_50")
        #expect(data.queries.first?.id == "56beb4343aeaaa14008c925b")
        #expect(data.queries.allSatisfy { !$0.answers.isEmpty })
        // Four Russian paragraphs start with U+FEFF in the file; the loader drops it.
        #expect(data.corpus.allSatisfy { $0.text.unicodeScalars.first != "\u{FEFF}" && !$0.text.isEmpty })
    }

    @Test("the metrics harness runs end to end: a plain stem-overlap ranker on the Russian set")
    func harnessSmoke() throws {
        let data = try BEIRDataset.load(directory: SearchFixtures.xquad("ru"))
        let documents: [(id: String, stems: Set<String>)] = data.corpus.map { ($0.id, Set(SearchText.stems($0.title + " " + $0.text))) }
        var run: [String: [String]] = [:]
        for query in data.queries {
            let stems = Set(SearchText.stems(query.text))
            let scored: [(id: String, overlap: Int)] = documents.map { ($0.id, $0.stems.intersection(stems).count) }
            let ranked = scored.sorted { a, b in a.overlap != b.overlap ? a.overlap > b.overlap : a.id < b.id }
            run[query.id] = ranked.prefix(10).map(\.id)
        }
        let report = RetrievalMetrics.evaluate(run: run, qrels: data.qrels, cutoffs: [1, 10])
        #expect(report.queryCount == 612)
        #expect(report.missingRuns == 0)
        #expect((report.recall[10] ?? 0) > 0.6)
        #expect((report.mrr[10] ?? 0) > 0.3)
        #expect((report.recall[1] ?? 1) <= (report.recall[10] ?? 0))
    }

    @Test("tolerated: BOM, CRLF, blank lines, integer ids, a qrels header")
    func tolerated() throws {
        let corpus = Data("\u{FEFF}{\"_id\": 1, \"text\": \"one\"}\r\n\r\n   \n{\"_id\": \"b\", \"title\": \"T\", \"text\": \"two\"}".utf8)
        let documents = try BEIRDataset.parseCorpus(corpus, file: "corpus.jsonl")
        #expect(documents == [BEIRDocument(id: "1", title: "", text: "one"), BEIRDocument(id: "b", title: "T", text: "two")])
        let qrels = try BEIRDataset.parseQrels(Data("query-id\tcorpus-id\tscore\nq1\t1\t2\r\nq1\tb\t0\n".utf8), file: "qrels.tsv")
        #expect(qrels == ["q1": ["1": 2, "b": 0]])
    }

    static let malformedCases: [(String, String, BEIRDatasetError)] = [
        ("corpus", "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"b\", \"text\": ", BEIRDatasetError.malformed(file: "f", line: 2, reason: "not valid JSON")),
        ("corpus", "{\"_id\": \"a\"}", .malformed(file: "f", line: 1, reason: "missing \"text\"")),
        ("corpus", "\n\n[1, 2]", .malformed(file: "f", line: 3, reason: "not a JSON object")),
        ("corpus", "{\"text\": \"x\"}", .malformed(file: "f", line: 1, reason: "missing \"_id\"")),
        ("corpus", "{\"_id\": \"a\", \"text\": 5}", .malformed(file: "f", line: 1, reason: "\"text\" must be a string")),
        ("corpus", "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"a\", \"text\": \"y\"}", .duplicateID(file: "f", line: 2, id: "a")),
        ("queries", "{\"_id\": \"q\", \"text\": \"x\", \"answers\": \"no\"}", .malformed(file: "f", line: 1, reason: "\"answers\" must be an array of strings")),
        ("qrels", "q1\td1\t1\nq1 d2 1", .malformed(file: "f", line: 2, reason: "expected 3 tab-separated fields (query-id, corpus-id, score), found 1")),
        ("qrels", "q1\td1\tyes", .malformed(file: "f", line: 1, reason: "score \"yes\" is not an integer")),
        ("qrels", "q1\td1\t1\nq1\td1\t0", .duplicateID(file: "f", line: 2, id: "q1 → d1")),
    ]

    @Test("malformed lines are reported with file and line", arguments: BEIRDatasetTests.malformedCases)
    func malformed(kind: String, content: String, expected: BEIRDatasetError) {
        let data = Data(content.utf8)
        #expect(throws: expected) {
            switch kind {
            case "corpus": _ = try BEIRDataset.parseCorpus(data, file: "f")
            case "queries": _ = try BEIRDataset.parseQueries(data, file: "f")
            default: _ = try BEIRDataset.parseQrels(data, file: "f")
            }
        }
    }

    @Test("missing files and judgements of unknown ids are errors naming the file")
    func directoryErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("beir-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        try write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"x\"}\n")
        try write("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t1\n")
        let queriesPath = folder.appendingPathComponent("queries.jsonl").path
        #expect(throws: BEIRDatasetError.missingFile(queriesPath)) { try BEIRDataset.load(directory: folder) }
        try write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"x\"}\n")
        let qrelsPath = folder.appendingPathComponent("qrels.tsv").path
        #expect(throws: BEIRDatasetError.unknownReference(file: qrelsPath, line: 3, reason: "unknown corpus id \"d2\"")) {
            try BEIRDataset.load(directory: folder)
        }
        let lenient = try BEIRDataset.load(directory: folder, validateReferences: false)
        #expect(lenient.judgementCount == 2)
        #expect(BEIRDatasetError.malformed(file: "a.tsv", line: 4, reason: "bad").description == "a.tsv:4: bad")
    }
}
