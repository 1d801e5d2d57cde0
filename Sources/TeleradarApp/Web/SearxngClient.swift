import AsyncHTTPClient
import Foundation
import NIOCore

/// Web search through a Searxng instance's JSON API: `GET <base>/search?q=…&format=json`, which answers
/// `{"results": [{"url", "title", "content", "engine", …}, …]}`. The instance must list `json` in
/// `search.formats` of its settings.yml, otherwise it answers 403.
package struct SearxngClient: Sendable {
    /// One web result.
    package struct Result: Sendable, Equatable, Codable {
        /// The page (http or https only).
        package var url: String
        /// The page title (the host when the engine gave none).
        package var title: String
        /// The engine's snippet, possibly empty.
        package var content: String
        /// The engine that found it (`duckduckgo`, `wikipedia`, …), when given.
        package var engine: String?

        package init(url: String, title: String, content: String, engine: String?) {
            self.url = url
            self.title = title
            self.content = content
            self.engine = engine
        }
    }

    /// The instance root, e.g. `http://searxng:8080` (a path prefix is kept).
    package let baseURL: String
    /// The HTTP client.
    let http: HTTPClient
    /// Time for the whole request, including reading the body.
    package let timeout: Duration
    /// Largest accepted response body.
    package let maxResponseBytes: Int

    /// A client for the instance at `baseURL`.
    package init(
        baseURL: String, http: HTTPClient = .shared, timeout: Duration = .seconds(10), maxResponseBytes: Int = 4 << 20
    ) {
        self.baseURL = baseURL
        self.http = http
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The request URL for `query`; `+` and other reserved characters are percent-encoded (Searxng reads a bare
    /// `+` as a space).
    package func searchURL(_ query: String) throws(SearxngError) -> String {
        guard var components = URLComponents(string: baseURL), components.host != nil else {
            throw .invalidBaseURL(baseURL)
        }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        components.path = path + "/search"
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "+&=?#/")
        let q = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        components.percentEncodedQuery = "q=\(q)&format=json"
        guard let url = components.string else { throw .invalidBaseURL(baseURL) }
        return url
    }

    /// Up to `limit` results for `query` (http(s) links only, duplicates removed), or a ``SearxngError``.
    package func search(_ query: String, limit: Int = 8) async throws(SearxngError) -> [Result] {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyQuery }
        var request = HTTPClientRequest(url: try searchURL(trimmed))
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Teleradar/\(TeleradarVersion.current)")
        let body: ByteBuffer
        let status: Int
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: maxResponseBytes)
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            throw .timeout(seconds: Int(timeout.components.seconds))
        } catch is NIOTooManyBytesError {
            throw .invalidResponse("the answer is larger than \(maxResponseBytes) bytes")
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .unreachable(String(describing: error))
        }
        guard status == 200 else { throw status == 403 ? .jsonFormatDisabled : .status(status) }
        return try Self.decode(Data(body.readableBytesView), limit: limit)
    }

    /// The results of a Searxng JSON answer; items without an http(s) `url` are skipped.
    package static func decode(_ data: Data, limit: Int) throws(SearxngError) -> [Result] {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw .invalidResponse("not a Searxng JSON answer (is format=json enabled?)")
        }
        var seen: Set<String> = []
        var results: [Result] = []
        for item in envelope.results ?? [] where results.count < limit {
            guard let url = item.url, let parsed = URL(string: url), let host = parsed.host, !host.isEmpty,
                ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), seen.insert(url).inserted
            else { continue }
            let title = (item.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            results.append(
                Result(
                    url: url, title: title.isEmpty ? host : title,
                    content: (item.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines), engine: item.engine))
        }
        return results
    }

    private struct Envelope: Decodable {
        var results: [Item]?
    }

    /// A result as Searxng sends it; a field of an unexpected type is treated as missing.
    private struct Item: Decodable {
        var url: String?
        var title: String?
        var content: String?
        var engine: String?

        enum CodingKeys: String, CodingKey { case url, title, content, engine }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try? container.decodeIfPresent(String.self, forKey: .url)
            title = try? container.decodeIfPresent(String.self, forKey: .title)
            content = try? container.decodeIfPresent(String.self, forKey: .content)
            engine = try? container.decodeIfPresent(String.self, forKey: .engine)
        }
    }
}

/// Why a web search failed; the description is one line fit for a log or a user.
package enum SearxngError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyQuery
    case invalidBaseURL(String)
    case timeout(seconds: Int)
    case unreachable(String)
    case jsonFormatDisabled
    case status(Int)
    case invalidResponse(String)
    case cancelled

    package var description: String {
        switch self {
        case .emptyQuery: "the query is empty"
        case .invalidBaseURL(let url): "SEARXNG_URL '\(url)' is not a usable URL"
        case .timeout(let seconds): "the search engine did not answer within \(seconds) s"
        case .unreachable(let reason): "the search engine is unreachable (\(reason))"
        case .jsonFormatDisabled:
            "the search engine refuses JSON (enable json in search.formats of Searxng's settings.yml)"
        case .status(let code): "the search engine answered HTTP \(code)"
        case .invalidResponse(let reason): "the search engine's answer is unusable: \(reason)"
        case .cancelled: "the search was cancelled"
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    fileprivate var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
