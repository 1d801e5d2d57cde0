import Foundation
import Testing

@testable import TeleradarApp

@Suite("Searxng client")
struct SearxngClientTests {
    @Test("results are decoded from the JSON API; non-http links, duplicates and malformed items are dropped")
    func results() async throws {
        try await FakeSearxng.withServer { base, log in
            let results = try await SearxngClient(baseURL: base).search("  c++ & <b>tips</b> 100% ?  ")
            #expect(
                results.map(\.url) == [
                    "https://en.wikipedia.org/wiki/Swift_(programming_language)",
                    "https://www.swift.org/documentation/",
                ])
            #expect(results.first?.title == "Swift <lang> & \"c++ & <b>tips</b> 100% ?\"")
            #expect(results.first?.engine == "wikipedia")
            #expect(results.last?.content == "Swift documentation.")
            #expect(log.all == ["c++ & <b>tips</b> 100% ?"])
            let limited = try await SearxngClient(baseURL: base + "/searx/").search("swift", limit: 1)
            #expect(limited.count == 1)
            #expect(try await SearxngClient(baseURL: base).search("nothing").isEmpty)
        }
    }

    @Test("the request URL keeps a path prefix and encodes reserved characters")
    func url() throws {
        let client = SearxngClient(baseURL: "https://search.example/searx/")
        #expect(
            try client.searchURL("a+b&c=d #e")
                == "https://search.example/searx/search?q=a%2Bb%26c%3Dd%20%23e&format=json")
        #expect(throws: SearxngError.invalidBaseURL("nonsense")) {
            try SearxngClient(baseURL: "nonsense").searchURL("x")
        }
    }

    @Test(
        "failures are clear errors",
        arguments: [
            ("forbidden", SearxngError.jsonFormatDisabled), ("boom", .status(500)),
            ("garbage", .invalidResponse("not a Searxng JSON answer (is format=json enabled?)")),
        ])
    func failures(query: String, expected: SearxngError) async throws {
        try await FakeSearxng.withServer { base, _ in
            await #expect(throws: expected) { try await SearxngClient(baseURL: base).search(query) }
        }
    }

    @Test("a slow instance times out, an unreachable one is reported, an empty query is refused")
    func timeoutAndUnreachable() async throws {
        try await FakeSearxng.withServer { base, _ in
            await #expect(throws: SearxngError.timeout(seconds: 1)) {
                try await SearxngClient(baseURL: base, timeout: .seconds(1)).search("slow")
            }
        }
        await #expect {
            try await SearxngClient(baseURL: "http://127.0.0.1:1").search("swift")
        } throws: { error in
            guard case .unreachable = error as? SearxngError else { return false }
            return (error as? SearxngError)?.description.contains("unreachable") == true
        }
        await #expect(throws: SearxngError.emptyQuery) {
            try await SearxngClient(baseURL: "http://127.0.0.1:1").search("  ")
        }
        #expect(SearxngError.jsonFormatDisabled.description.contains("search.formats"))
    }
}
