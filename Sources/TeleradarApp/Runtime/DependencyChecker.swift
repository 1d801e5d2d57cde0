import AsyncHTTPClient
import Foundation
import Synchronization
import TeleradarCore
import TeleradarStorage

/// Checks what Teleradar depends on — the database, the embedder, each configured chat-model provider,
/// TDLib, the Bot API and Telegram's web preview — each with its latency. Reachability of a remote service
/// means it answered HTTP at all within the timeout (a 401 without credentials still proves the network
/// path). Results are cached for `cacheFor`, so the endpoint cannot be used to flood providers.
package final class DependencyChecker: Sendable {
    /// One dependency's state.
    package struct Check: Sendable, Codable, Equatable {
        /// `ok`, `error`, `not_configured` or `missing`.
        package var status: String
        package var latencyMs: Double?
        package var detail: String?
    }

    /// Every check, by name, and the overall state.
    package struct Report: Sendable, Codable, Equatable {
        /// `ok` when every configured dependency works, `degraded` otherwise, `down` without a database.
        package var status: String
        package var checkedAt: Date
        package var dependencies: [String: Check]
    }

    private let context: AppContext
    private let timeout: Duration
    private let cacheFor: Duration
    private let cached = Mutex<(ContinuousClock.Instant, Report)?>(nil)

    package init(context: AppContext, timeout: Duration = .seconds(3), cacheFor: Duration = .seconds(15)) {
        self.context = context
        self.timeout = timeout
        self.cacheFor = cacheFor
    }

    /// The report, from the cache when it is fresh.
    package func report() async -> Report {
        let now = ContinuousClock.now
        if let (at, report) = cached.withLock({ $0 }), now - at < cacheFor { return report }
        let report = await check()
        cached.withLock { $0 = (ContinuousClock.now, report) }
        return report
    }

    /// Runs every check now, concurrently.
    package func check() async -> Report {
        var targets: [(String, @Sendable () async -> Check)] = [
            ("database", { [context] in await Self.timed { _ = try await context.database.ping() } }),
            (
                "embedder",
                { [context, timeout] in
                    guard let embedder = context.vectorSearch?.embedder else {
                        return Check(status: "not_configured", detail: "EMBEDDER=none: keyword search only")
                    }
                    var check = await Self.timed {
                        _ = try await Self.deadline(timeout) { try await embedder.embed(query: "health") }
                    }
                    check.detail = check.detail ?? embedder.modelID
                    return check
                }
            ),
            (
                "tdlib",
                {
                    let started = ContinuousClock.now
                    guard let path = NativeLibraries().tdjson else {
                        return Check(status: "missing", detail: "libtdjson.so not installed (run ./scripts/setup.sh)")
                    }
                    return Check(
                        status: "ok", latencyMs: Self.rounded(ContinuousClock.now - started),
                        detail: "installed at \(path)")
                }
            ),
            ("telegram_web", { [self] in await reach(context.config.telegramWebBaseURL + "/") }),
        ]
        if let token = context.config.botToken {
            let url = context.config.telegramBotAPIBaseURL + "/bot" + token + "/getMe"
            targets.append(("bot_api", { [self] in await reach(url, redact: token) }))
        } else {
            targets.append(("bot_api", { Check(status: "not_configured", detail: "BOT_TOKEN is not set") }))
        }
        let providers = Self.providers(context.config.models.environment)
        if providers.isEmpty {
            targets.append(("llm", { Check(status: "not_configured", detail: "no chat model: extractive answers") }))
        }
        for (name, url) in providers { targets.append(("llm_\(name)", { [self] in await reach(url) })) }
        let results = await withTaskGroup(of: (String, Check).self) { group in
            for (name, run) in targets { group.addTask { (name, await run()) } }
            var all: [String: Check] = [:]
            for await (name, check) in group { all[name] = check }
            return all
        }
        let failing = results.values.contains { $0.status == "error" || $0.status == "missing" }
        let status = results["database"]?.status != "ok" ? "down" : (failing ? "degraded" : "ok")
        return Report(status: status, checkedAt: Date(), dependencies: results)
    }

    /// The configured chat-model providers and a URL that answers without spending tokens.
    static func providers(_ environment: [String: String]) -> [(String, String)] {
        var result: [(String, String)] = []
        if environment["OPENROUTER_API_KEY"] != nil {
            result.append(("openrouter", "https://openrouter.ai/api/v1/models"))
        }
        if let base = environment["OPENAI_BASE_URL"], environment["OPENAI_MODEL"] != nil {
            result.append(("openai_compatible", base.hasSuffix("/") ? base + "models" : base + "/models"))
        }
        if environment["ANTHROPIC_API_KEY"] != nil {
            result.append(("anthropic", "https://api.anthropic.com/v1/models"))
        }
        if environment["GIGACHAT_AUTH_KEY"] != nil {
            result.append(("gigachat", "https://gigachat.devices.sberbank.ru/api/v1/models"))
        }
        return result
    }

    /// GETs `url`; any HTTP answer within the timeout counts as reachable.
    private func reach(_ url: String, redact: String? = nil) async -> Check {
        let started = ContinuousClock.now
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            let response = try await context.http.execute(request, timeout: .seconds(timeout.components.seconds))
            _ = try await response.body.collect(upTo: 256 * 1024)
            return Check(
                status: "ok", latencyMs: Self.rounded(ContinuousClock.now - started),
                detail: "HTTP \(response.status.code)")
        } catch {
            var detail = "\(error)"
            if let redact { detail = detail.replacingOccurrences(of: redact, with: "***") }
            return Check(status: "error", latencyMs: Self.rounded(ContinuousClock.now - started), detail: detail)
        }
    }

    private static func timed(_ body: () async throws -> Void) async -> Check {
        let started = ContinuousClock.now
        do {
            try await body()
            return Check(status: "ok", latencyMs: rounded(ContinuousClock.now - started))
        } catch {
            return Check(status: "error", latencyMs: rounded(ContinuousClock.now - started), detail: "\(error)")
        }
    }

    private static func rounded(_ duration: Duration) -> Double { (duration.milliseconds * 100).rounded() / 100 }

    /// Runs `body`, or throws `CheckTimeout` when it takes longer than `limit`.
    static func deadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws
        -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw CheckTimeout(limit: limit)
            }
            return value
        }
    }

    struct CheckTimeout: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "no answer within \(limit)" }
    }
}
