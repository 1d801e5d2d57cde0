import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TeleradarCore

/// Public channels through Telegram's web preview `https://t.me/s/<name>` (`?before=<id>` pages backwards):
/// no login needed, the default source when no user session exists.
///
/// A polite client: its own user agent, at most one request per `minimumInterval` (shared by every caller of
/// this source), retries with exponential backoff on network errors and 5xx, HTTP 429 reported as
/// `SourceError.floodWait` so the ingestion can honour it.
package struct WebPreviewSource: ChannelSource {
    package let kind = "web"
    package let http: HTTPClient
    package let baseURL: String
    package let userAgent: String
    package let retries: Int
    package let retryBase: Duration
    private let pacer: RequestPacer
    private let logger: Logger

    /// - Parameters:
    ///   - baseURL: `TELEGRAM_WEB_BASE_URL`, default `https://t.me`; tests and mirrors point elsewhere.
    ///   - minimumInterval: the least time between two requests.
    package init(
        http: HTTPClient, baseURL: String = "https://t.me", minimumInterval: Duration = .milliseconds(1500),
        retries: Int = 3, retryBase: Duration = .seconds(2), logger: Logger = Logger(label: "teleradar.webpreview")
    ) {
        self.http = http
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.userAgent = "Mozilla/5.0 (compatible; Teleradar/0.1; +https://github.com/teleradar)"
        self.retries = max(1, retries)
        self.retryBase = retryBase
        self.pacer = RequestPacer(minimumInterval: minimumInterval)
        self.logger = logger
    }

    package func resolve(username: String) async throws -> ChannelInfo {
        let page = try await fetchPage(username: username, before: nil)
        let channel = page.channel
        return ChannelInfo(
            username: username.lowercased(), title: channel.title ?? username, description: channel.description ?? "",
            avatarURL: channel.avatarURL, telegramID: nil, subscriberCount: channel.subscriberCount)
    }

    package func page(username: String, before: Int64?) async throws -> SourcePage {
        let page = try await fetchPage(username: username, before: before)
        let posts = page.posts.map(\.post).filter { post in !post.isService && (before.map { post.messageID < $0 } ?? true) }
        if !page.skipped.isEmpty {
            logger.warning(
                "skipped unreadable posts", metadata: ["channel": "\(username)", "count": "\(page.skipped.count)"])
        }
        return SourcePage(posts: posts, olderCursor: page.olderCursor)
    }

    /// Fetches and parses one page.
    package func fetchPage(username: String, before: Int64?) async throws -> WebPreviewPage {
        let name = username.lowercased()
        var url = "\(baseURL)/s/\(name)"
        if let before { url += "?before=\(before)" }
        let html = try await fetch(url, channel: name)
        do {
            return try WebPreviewParser.parse(html: html, expectedChannel: name)
        } catch .unrecognisedPage {
            // t.me serves a generic page (no channel header, no posts) for users, bots and unknown names.
            throw SourceError.channelNotFound(name)
        } catch {
            throw SourceError.malformed("@\(name): \(error.description)")
        }
    }

    private func fetch(_ url: String, channel: String) async throws -> String {
        var lastError: SourceError = .unavailable("no attempt made")
        for attempt in 1...retries {
            await pacer.wait()
            do {
                return try await fetchOnce(url, channel: channel)
            } catch let error as SourceError {
                switch error {
                case .unavailable:
                    lastError = error
                    if attempt < retries {
                        let delay = retryBase * Int(pow(2.0, Double(attempt - 1)))
                        logger.notice("retrying t.me", metadata: ["url": "\(url)", "attempt": "\(attempt)", "error": "\(error)"])
                        try await Task.sleep(for: delay)
                    }
                default:
                    throw error
                }
            }
        }
        throw lastError
    }

    private func fetchOnce(_ url: String, channel: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "text/html")
        request.headers.add(name: "Accept-Language", value: "ru,en;q=0.8")
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(20))
        } catch {
            throw SourceError.unavailable("\(url): \(error)")
        }
        switch response.status.code {
        case 200:
            do {
                let body = try await response.body.collect(upTo: 8 * 1024 * 1024)
                return String(buffer: body)
            } catch {
                throw SourceError.unavailable("\(url): body too large or cut off (\(error))")
            }
        case 301, 302, 303, 307, 308, 404:
            // /s/<name> redirects to /<name> when there is no public preview: unknown, private, or not a channel.
            throw SourceError.channelNotFound(channel)
        case 429:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init) ?? 30
            throw SourceError.floodWait(seconds: retryAfter)
        case 500...599:
            throw SourceError.unavailable("\(url): HTTP \(response.status.code)")
        default:
            throw SourceError.malformed("\(url): unexpected HTTP \(response.status.code)")
        }
    }
}

/// Spaces requests at least `minimumInterval` apart.
actor RequestPacer {
    private let minimumInterval: Duration
    private var next = ContinuousClock.now

    init(minimumInterval: Duration) { self.minimumInterval = minimumInterval }

    func wait() async {
        let now = ContinuousClock.now
        let start = max(now, next)
        next = start + minimumInterval
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }
}
