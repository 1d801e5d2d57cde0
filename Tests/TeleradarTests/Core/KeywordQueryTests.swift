import Testing

@testable import TeleradarCore

@Suite("Keyword query parsing and rendering")
struct KeywordQueryTests {
    typealias Clause = KeywordQuery.Clause

    @Test("plain words are stemmed and ORed")
    func terms() throws {
        let query = KeywordQuery("Субботы  Каналов running")
        #expect(query.included == [
            Clause(words: ["суббот"], surface: "субботы"), Clause(words: ["канал"], surface: "каналов"),
            Clause(words: ["run"], surface: "running"),
        ])
        #expect(query.excluded.isEmpty)
        #expect(!query.isEmpty)
        #expect(query.positiveStems == ["суббот", "канал", "run"])
        // Long Cyrillic stems are prefixes (covering their surface word); other stems keep the word as typed.
        #expect(try #require(query.fts5Match()) == #""суббот"* OR ("канал"* OR "кана") OR ("run" OR "running")"#)
        #expect(try #require(query.tsquery()) == "'суббот':* | ('канал':* | 'кана') | ('run' | 'running')")
        #expect(try #require(KeywordQuery("канал").fts5Match()) == #"("кана" OR "канал")"#)
    }

    @Test("quoted phrases, prefixes and exclusions")
    func syntax() throws {
        let query = KeywordQuery(#""новые каналы" телеграм* -реклама -"платные посты""#)
        #expect(query.included == [
            Clause(words: ["нов", "канал"]), Clause(words: ["телеграм"], isPrefix: true),
        ])
        #expect(query.excluded == [Clause(words: ["реклам"], surface: "реклама"), Clause(words: ["платн", "пост"])])
        #expect(try #require(query.fts5Match())
            == #"("нов канал" OR "телеграм"*) NOT ("реклам" OR "реклама") NOT "платн пост""#)
        #expect(try #require(query.tsquery())
            == "(('нов' <-> 'канал') | 'телеграм':*) & !('реклам' | 'реклама') & !('платн' <-> 'пост')")
        #expect(query.positiveStems == ["нов", "канал", "телеграм"])
    }

    @Test("a prefix is tokenized and lowercased but not stemmed; a one-letter prefix is a word")
    func prefixes() {
        #expect(KeywordQuery("Running*").included == [Clause(words: ["running"], isPrefix: true)])
        #expect(KeywordQuery("Ёлки**").included == [Clause(words: ["елки"], isPrefix: true)])
        #expect(KeywordQuery("a*").included == [Clause(words: ["a"])])
        #expect(KeywordQuery(#""new chan"*"#).included == [Clause(words: ["new", "chan"], isPrefix: true)])
    }

    @Test("words with inner punctuation become phrases of their parts")
    func innerPunctuation() throws {
        let query = KeywordQuery("gpt-4 foo:bar")
        #expect(query.included == [Clause(words: ["gpt", "4"]), Clause(words: ["foo", "bar"])])
        #expect(try #require(query.fts5Match()) == #""gpt 4" OR "foo bar""#)
    }

    @Test("stop words are left out when the query has other words, and searched when it has nothing else")
    func stopWords() throws {
        #expect(KeywordQuery("который канал это").included.map(\.words) == [["кана"]])
        #expect(KeywordQuery("the history of Warsaw").included.map(\.words) == [["histori"], ["warsaw"]])
        #expect(KeywordQuery("что это").included.map(\.words) == [["что"], ["эт"]])
        // In a phrase, an exclusion or as a prefix they stay.
        #expect(KeywordQuery("\"о том\"").included.map(\.words) == [["о", "том"]])
        #expect(KeywordQuery("канал -это").excluded.count == 1)
        #expect(KeywordQuery("котор*").included.map(\.words) == [["котор"]])
    }

    @Test("operators are plain words, duplicates collapse, exclusions alone search nothing")
    func operators() throws {
        let query = KeywordQuery("cats AND dogs OR NOT NEAR(cats)")
        // "and" and "or" are stop words: searched only when nothing else is.
        #expect(query.included.map(\.words) == [["cat"], ["dog"], ["not"], ["near", "cat"]])
        let onlyExcluded = KeywordQuery("-spam -\"ads\"")
        #expect(onlyExcluded.excluded.count == 2)
        #expect(onlyExcluded.isEmpty)
        #expect(onlyExcluded.fts5Match() == nil)
        #expect(onlyExcluded.tsquery() == nil)
        #expect(KeywordQuery("dog dogs DOG").included == [Clause(words: ["dog"])])
    }

    @Test(
        "nothing searchable gives nil",
        arguments: ["", "   ", "\"", "\"\"", "***", "-", "--", "-*", "()", ":^+", "🔥🚀", "\" \"", "-\"\""])
    func nothingSearchable(input: String) {
        let query = KeywordQuery(input)
        #expect(query.isEmpty)
        #expect(query.fts5Match() == nil)
        #expect(query.tsquery() == nil)
    }

    static let hostile: [String] = [
        "\"", "\"\"\"", "*", "-", ":", "(", ")", "NEAR(", "NEAR(a b, 3)", "'; DROP TABLE messages; --",
        "a\"b", "\"unbalanced phrase", "col:term", "^start", "+plus", "a OR", "OR", "AND NOT", "x:*", "'a' & 'b'",
        "\\' \\\" \\", "-\"neg", "привет\"мир\"", "🔥 emoji 👋 тест 🚀", "*pre", "pre**", "--x", "\"a\"*\"b\"",
        String(repeating: "\"a ", count: 3_400), String(repeating: "x", count: 10_000),
        String(repeating: "слово ", count: 2_000), String(repeating: "-\"", count: 5_000),
    ]

    @Test("hostile input never produces unbalanced quotes", arguments: hostile)
    func hostileInput(input: String) {
        let query = KeywordQuery(input)
        #expect(query.included.count <= KeywordQuery.maxIncluded)
        #expect(query.excluded.count <= KeywordQuery.maxExcluded)
        for clause in query.included + query.excluded {
            #expect(!clause.words.isEmpty)
            for word in clause.words {
                #expect(!word.isEmpty)
                #expect(word.unicodeScalars.allSatisfy { Tokenizer.classify($0) != .separator }, "\(word)")
            }
        }
        if let match = query.fts5Match() {
            #expect(match.filter { $0 == "\"" }.count % 2 == 0, "\(match)")
            #expect(!match.contains("'"))
        } else {
            #expect(query.isEmpty)
        }
        if let tsquery = query.tsquery() {
            #expect(tsquery.filter { $0 == "'" }.count % 2 == 0, "\(tsquery)")
            #expect(!tsquery.contains("\""))
            #expect(tsquery.filter { $0 == "(" }.count == tsquery.filter { $0 == ")" }.count)
        } else {
            #expect(query.isEmpty)
        }
    }

    @Test("'; DROP TABLE is just words")
    func sqlInjection() throws {
        let query = KeywordQuery("'; DROP TABLE users; --")
        #expect(try #require(query.fts5Match()) == #""drop" OR ("tabl" OR "table") OR ("user" OR "users")"#)
        #expect(try #require(query.tsquery()) == "'drop' | ('tabl' | 'table') | ('user' | 'users')")
    }

    @Test("clauses built by hand with quotes and backslashes are escaped")
    func escaping() throws {
        let query = KeywordQuery(
            included: [Clause(words: ["o'neil\"s"]), Clause(words: ["a\\b", "c"], isPrefix: true)],
            excluded: [Clause(words: ["x'"])])
        #expect(try #require(query.fts5Match()) == #"("o'neil""s" OR "a\b c"*) NOT "x'""#)
        #expect(try #require(query.tsquery()) == #"('o''neil"s' | ('a\\b' <-> 'c':*)) & !'x'''"#)
    }

    @Test("very long input is cut and clause counts are capped")
    func limits() {
        let many = (0..<100).map { "w\($0)" }.joined(separator: " ")
        #expect(KeywordQuery(many).included.count == KeywordQuery.maxIncluded)
        let negatives = (0..<100).map { "-w\($0)" }.joined(separator: " ")
        #expect(KeywordQuery("x " + negatives).excluded.count == KeywordQuery.maxExcluded)
        let late = String(repeating: " ", count: KeywordQuery.maxInputScalars) + "late"
        #expect(KeywordQuery(late).isEmpty)
    }
}
