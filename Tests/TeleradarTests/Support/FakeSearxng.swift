import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A local Searxng: `GET /search?q=…&format=json` (also under `/searx/`) answers like a real instance —
/// results with `url`, `title`, `content`, `engine` and the other fields Searxng sends. Special queries:
/// `boom` → 500, `forbidden` (or a format other than json) → 403 as when JSON is disabled, `garbage` → an
/// HTML page, `nothing` → no results, `slow` → answers after 3 s.
enum FakeSearxng {
    /// Every `q` received, in order.
    final class Log: Sendable {
        private let queries = Mutex<[String]>([])
        func append(_ query: String) { queries.withLock { $0.append(query) } }
        var all: [String] { queries.withLock { $0 } }
    }

    static func router(log: Log) -> Router<BasicRequestContext> {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let query = request.uri.queryParameters.get("q") ?? ""
            log.append(query)
            guard request.uri.queryParameters.get("format") == "json", query != "forbidden" else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/html"],
                    body: .init(byteBuffer: ByteBuffer(string: "<h1>403 Forbidden</h1>")))
            }
            switch query {
            case "boom": return Response(status: .internalServerError)
            case "garbage":
                return Response(
                    status: .ok, headers: [.contentType: "text/html"],
                    body: .init(byteBuffer: ByteBuffer(string: "<html>searx</html>")))
            case "slow": try await Task.sleep(for: .seconds(3))
            default: break
            }
            let data = try JSONSerialization.data(withJSONObject: body(query: query), options: [.sortedKeys])
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/search", use: handler)
        router.get("/searx/search", use: handler)
        return router
    }

    /// A body shaped like Searxng 2024+ answers.
    static func body(query: String) -> [String: Any] {
        func result(_ url: String, _ title: String, _ content: String, _ engine: String, _ position: Int) -> [String:
            Any]
        {
            let parsed = URL(string: url)
            return [
                "url": url, "title": title, "content": content, "engine": engine,
                "parsed_url": [parsed?.scheme ?? "", parsed?.host ?? "", parsed?.path ?? "", "", "", ""],
                "template": "default.html", "engines": [engine], "positions": [position],
                "score": 1.0 / Double(position),
                "category": "general", "publishedDate": NSNull(), "thumbnail": "", "priority": "",
            ]
        }
        let results: [[String: Any]] =
            query == "nothing"
            ? []
            : [
                result(
                    "https://en.wikipedia.org/wiki/Swift_(programming_language)", "Swift <lang> & \"\(query)\"",
                    "Swift is a <general-purpose> programming language & more.", "wikipedia", 1),
                result("javascript:alert(1)", "Not a web page", "", "bing", 2),
                result(
                    "https://www.swift.org/documentation/", "Documentation | Swift.org", "Swift documentation.",
                    "duckduckgo", 3),
                result("https://en.wikipedia.org/wiki/Swift_(programming_language)", "Duplicate", "", "google", 4),
                ["url": 42, "title": ["odd"]],
            ]
        return [
            "query": query, "number_of_results": 0, "results": results, "answers": [], "corrections": [],
            "infoboxes": [
                [
                    "infobox": "Swift", "id": "https://www.wikidata.org/wiki/Q17118377", "content": "A language",
                    "engine": "wikidata",
                ]
            ],
            "suggestions": ["swift tutorial"], "unresponsive_engines": [["brave", "timeout"]],
        ]
    }

    /// Runs a live fake for the duration of `body`, passing its base URL and the query log.
    static func withServer<T: Sendable>(_ body: @Sendable (String, Log) async throws -> T) async throws -> T {
        let log = Log()
        let app = Application(router: router(log: log), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            return try await body("http://127.0.0.1:\(port)", log)
        }
    }
}
