import Foundation

/// A document of a BEIR corpus.
package struct BEIRDocument: Sendable, Equatable {
    /// The document id (`_id`).
    package var id: String
    /// The title (empty when absent).
    package var title: String
    /// The text.
    package var text: String

    /// A document with all its fields.
    package init(id: String, title: String = "", text: String) {
        self.id = id
        self.title = title
        self.text = text
    }
}

/// A query of a BEIR query set.
package struct BEIRQuery: Sendable, Equatable {
    /// The query id (`_id`).
    package var id: String
    /// The question or search text.
    package var text: String
    /// Reference answers, when the set has them (XQuAD does).
    package var answers: [String]

    /// A query with all its fields.
    package init(id: String, text: String, answers: [String] = []) {
        self.id = id
        self.text = text
        self.answers = answers
    }
}

/// A retrieval evaluation set in the BEIR layout: `corpus.jsonl` (`_id`, `title`, `text`),
/// `queries.jsonl` (`_id`, `text`) and tab-separated qrels (`query-id`, `corpus-id`, `score`, with
/// an optional header line) in `qrels.tsv`, `qrels/test.tsv` or `qrels.test.tsv`.
///
/// Blank lines, a UTF-8 byte-order mark at the start of a file, `\r\n` line ends and a leading
/// U+FEFF inside titles and texts are tolerated; anything else malformed is an error naming the file
/// and the 1-based line.
package struct BEIRDataset: Sendable {
    /// The documents, in file order.
    package var corpus: [BEIRDocument]
    /// The queries, in file order.
    package var queries: [BEIRQuery]
    /// The judgements.
    package var qrels: Qrels
    /// How many judgement lines there were.
    package var judgementCount: Int

    /// The qrels file names tried, in order.
    package static let qrelsFileNames = ["qrels.tsv", "qrels/test.tsv", "qrels.test.tsv"]

    /// Loads the set in `directory`. With `validateReferences`, a judgement naming an unknown query
    /// or document is an error.
    package static func load(directory: URL, validateReferences: Bool = true) throws(BEIRDatasetError) -> BEIRDataset {
        let corpusURL = directory.appendingPathComponent("corpus.jsonl")
        let queriesURL = directory.appendingPathComponent("queries.jsonl")
        let qrelsURL = qrelsFileNames.map { directory.appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        guard let qrelsURL else {
            throw .missingFile(directory.appendingPathComponent(qrelsFileNames.joined(separator: " | ")).path)
        }
        let corpus = try parseCorpus(read(corpusURL), file: corpusURL.path)
        let queries = try parseQueries(read(queriesURL), file: queriesURL.path)
        let rows = try parseQrelRows(read(qrelsURL), file: qrelsURL.path)
        if validateReferences {
            let documentIDs = Set(corpus.map(\.id)), queryIDs = Set(queries.map(\.id))
            for row in rows {
                if !queryIDs.contains(row.query) {
                    throw .unknownReference(file: qrelsURL.path, line: row.line, reason: "unknown query id \"\(row.query)\"")
                }
                if !documentIDs.contains(row.document) {
                    throw .unknownReference(file: qrelsURL.path, line: row.line, reason: "unknown corpus id \"\(row.document)\"")
                }
            }
        }
        return BEIRDataset(corpus: corpus, queries: queries, qrels: qrels(of: rows), judgementCount: rows.count)
    }

    /// The documents of a `corpus.jsonl` file's content.
    package static func parseCorpus(_ data: Data, file: String) throws(BEIRDatasetError) -> [BEIRDocument] {
        var seen = Set<String>()
        var documents: [BEIRDocument] = []
        for (number, line) in lines(of: data) {
            let object = try jsonObject(line, file: file, line: number)
            let id = try identifier(object, file: file, line: number)
            guard seen.insert(id).inserted else { throw .duplicateID(file: file, line: number, id: id) }
            let title = try string(object, "title", required: false, file: file, line: number)
            let text = try string(object, "text", required: true, file: file, line: number)
            documents.append(BEIRDocument(id: id, title: title, text: text))
        }
        return documents
    }

    /// The queries of a `queries.jsonl` file's content.
    package static func parseQueries(_ data: Data, file: String) throws(BEIRDatasetError) -> [BEIRQuery] {
        var seen = Set<String>()
        var queries: [BEIRQuery] = []
        for (number, line) in lines(of: data) {
            let object = try jsonObject(line, file: file, line: number)
            let id = try identifier(object, file: file, line: number)
            guard seen.insert(id).inserted else { throw .duplicateID(file: file, line: number, id: id) }
            let text = try string(object, "text", required: true, file: file, line: number)
            var answers: [String] = []
            if let value = object["answers"] {
                guard let list = value as? [String] else {
                    throw .malformed(file: file, line: number, reason: "\"answers\" must be an array of strings")
                }
                answers = list
            }
            queries.append(BEIRQuery(id: id, text: text, answers: answers))
        }
        return queries
    }

    /// The judgements of a qrels file's content.
    package static func parseQrels(_ data: Data, file: String) throws(BEIRDatasetError) -> Qrels {
        qrels(of: try parseQrelRows(data, file: file))
    }

    /// One judgement line.
    struct QrelRow: Sendable {
        var query: String
        var document: String
        var grade: Int
        var line: Int
    }

    /// The judgement lines of a qrels file's content (a header line is skipped).
    static func parseQrelRows(_ data: Data, file: String) throws(BEIRDatasetError) -> [QrelRow] {
        var rows: [QrelRow] = []
        var seen = Set<[String]>()
        for (number, bytes) in lines(of: data) {
            guard let line = String(bytes: bytes, encoding: .utf8) else {
                throw .malformed(file: file, line: number, reason: "not valid UTF-8")
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else {
                throw .malformed(file: file, line: number, reason: "expected 3 tab-separated fields (query-id, corpus-id, score), found \(fields.count)")
            }
            guard let grade = Int(fields[2]) else {
                let isHeader = fields[0].lowercased().contains("query") || fields[2].lowercased() == "score"
                if rows.isEmpty && isHeader { continue }
                throw .malformed(file: file, line: number, reason: "score \"\(fields[2])\" is not an integer")
            }
            guard !fields[0].isEmpty, !fields[1].isEmpty else {
                throw .malformed(file: file, line: number, reason: "empty query or corpus id")
            }
            guard seen.insert([fields[0], fields[1]]).inserted else {
                throw .duplicateID(file: file, line: number, id: fields[0] + " → " + fields[1])
            }
            rows.append(QrelRow(query: fields[0], document: fields[1], grade: grade, line: number))
        }
        return rows
    }

    /// The judgements of `rows` as a map.
    static func qrels(of rows: [QrelRow]) -> Qrels {
        var qrels: Qrels = [:]
        for row in rows { qrels[row.query, default: [:]][row.document] = row.grade }
        return qrels
    }

    /// The content of `url`.
    private static func read(_ url: URL) throws(BEIRDatasetError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingFile(url.path) }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: "\(error)")
        }
    }

    /// The non-blank lines of `data` with their 1-based numbers, without `\r` and a leading BOM.
    static func lines(of data: Data) -> [(number: Int, bytes: Data)] {
        var result: [(Int, Data)] = []
        var number = 0
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = data.index(start, offsetBy: 3) }
        while start <= data.endIndex {
            number += 1
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            var line = data[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { result.append((number, Data(line))) }
            if end == data.endIndex { break }
            start = data.index(after: end)
        }
        return result
    }

    /// The JSON object on one line.
    private static func jsonObject(_ line: Data, file: String, line number: Int) throws(BEIRDatasetError) -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: line)
        } catch {
            throw .malformed(file: file, line: number, reason: "not valid JSON")
        }
        guard let object = value as? [String: Any] else {
            throw .malformed(file: file, line: number, reason: "not a JSON object")
        }
        return object
    }

    /// The `_id` of an object, a string or an integer.
    private static func identifier(_ object: [String: Any], file: String, line: Int) throws(BEIRDatasetError) -> String {
        if let id = object["_id"] as? String, !id.isEmpty { return id }
        if let id = object["_id"] as? Int { return String(id) }
        throw .malformed(file: file, line: line, reason: object["_id"] == nil ? "missing \"_id\"" : "\"_id\" must be a non-empty string or an integer")
    }

    /// The string field `key`, without a leading U+FEFF; empty when optional and absent.
    private static func string(_ object: [String: Any], _ key: String, required: Bool, file: String, line: Int) throws(BEIRDatasetError) -> String {
        guard let value = object[key] else {
            if required { throw .malformed(file: file, line: line, reason: "missing \"\(key)\"") }
            return ""
        }
        guard let text = value as? String else {
            throw .malformed(file: file, line: line, reason: "\"\(key)\" must be a string")
        }
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }
}
