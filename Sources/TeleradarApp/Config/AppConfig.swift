import Configuration
import Foundation
import Logging
import SystemPackage
import TeleradarStorage

/// Teleradar's resolved configuration, read from environment variables and an optional `.env` file
/// (environment wins). Every value is validated at start, so a bad value fails with one clear line.
package struct AppConfig: Sendable {
    package var database: DatabaseConfiguration
    package var dataDirectory: String
    /// `ENCRYPTION_KEY` (64 hex chars or base64 of 32 bytes); when absent a key is kept in `<data>/secret.key`.
    package var encryptionKey: String?
    package var httpHost: String
    package var httpPort: Int
    package var logLevel: Logger.Level
    package var logFormat: LogFormat
    /// Maximum request body, bytes.
    package var maxBodyBytes: Int
    /// Bot token (`BOT_TOKEN`), when the bot runs.
    package var botToken: String?
    /// Public base URL of this server (`PUBLIC_BASE_URL`), for Mini App links.
    package var publicBaseURL: String?
    /// Base URL of Telegram's web preview (`TELEGRAM_WEB_BASE_URL`), for tests and mirrors.
    package var telegramWebBaseURL: String = "https://t.me"
    /// Base URL of the Bot API server (`TELEGRAM_BOT_API_BASE_URL`): a local `telegram-bot-api` server or a
    /// test double can stand in for the public one.
    package var telegramBotAPIBaseURL: String = "https://api.telegram.org"
    /// Minutes between scheduled parse runs (`PARSE_INTERVAL_MINUTES`).
    package var parseIntervalMinutes: Int = 30
    /// Longest FLOOD_WAIT honoured, seconds (`FLOOD_WAIT_CAP_SECONDS`).
    package var floodWaitCapSeconds: Int = 300
    /// Maximum age of Mini App initData in seconds (`MINIAPP_INITDATA_MAX_AGE`); 0 disables the check (tests).
    package var miniAppInitDataMaxAge: Int = 86_400
    /// Requests per minute one user may make to the API, all routes together (`RATE_LIMIT_PER_MINUTE`); 0 turns
    /// the per-user limit off (per-route limits of costly routes still apply).
    package var rateLimitPerMinute: Int = 600
    /// Embedder and chat models.
    package var models = ModelConfig(embedder: .e5, environment: [:])
    /// How the bot receives updates (`BOT_MODE`, `BOT_WEBHOOK_URL`, `BOT_WEBHOOK_SECRET`); see `AppConfig+Bot.swift`.
    package var botDelivery: BotDelivery = .polling
    /// Base URL of a Searxng instance (`SEARXNG_URL`) for web search; nil disables web search.
    package var searxngURL: String?
    /// Telegram API credentials for user sessions (`TELEGRAM_API_ID`, `TELEGRAM_API_HASH`); nil turns QR login off.
    package var telegramAPI: TelegramAPICredentials?

    /// Log line format.
    package enum LogFormat: String, Sendable, CaseIterable { case text, json }

    /// Every variable Teleradar reads, with what it means (for `doctor` and the docs).
    package static let variables: [(name: String, help: String, secret: Bool)] = [
        ("DATABASE_URL", "sqlite:///path or postgres://user:pass@host:port/db (default sqlite:///<data>/teleradar.sqlite)", true),
        ("TELERADAR_DATA_DIR", "data folder (default ./data)", false),
        ("ENCRYPTION_KEY", "key for secrets at rest: 64 hex chars or base64 of 32 bytes (default: generated into <data>/secret.key)", true),
        ("HTTP_HOST", "address to listen on (default 127.0.0.1)", false),
        ("HTTP_PORT", "port to listen on (default 8010)", false),
        ("LOG_LEVEL", "trace, debug, info, notice, warning, error, critical (default info)", false),
        ("LOG_FORMAT", "text or json (default text)", false),
        ("HTTP_MAX_BODY_BYTES", "largest accepted request body in bytes (default 1048576)", false),
        ("BOT_TOKEN", "Telegram bot token; the bot runs when set", true),
        ("PUBLIC_BASE_URL", "public https URL of this server, for Mini App links", false),
        ("TELEGRAM_WEB_BASE_URL", "base URL of the t.me web preview (default https://t.me)", false),
        ("PARSE_INTERVAL_MINUTES", "minutes between scheduled channel parses, 1–1440 (default 30)", false),
        ("FLOOD_WAIT_CAP_SECONDS", "longest Telegram flood wait honoured, 1–3600 (default 300)", false),
        ("MINIAPP_INITDATA_MAX_AGE", "maximum age of Mini App initData in seconds; 0 disables the check (default 86400)", false),
        ("BOT_MODE", "polling or webhook: how the bot receives updates (default polling)", false),
        ("BOT_WEBHOOK_URL", "public https URL Telegram posts updates to (ends in /bot/webhook); required when BOT_MODE=webhook", false),
        ("BOT_WEBHOOK_SECRET", "1–256 chars of A-Z a-z 0-9 _ -, checked in X-Telegram-Bot-Api-Secret-Token; required when BOT_MODE=webhook", true),
        ("SEARXNG_URL", "base URL of a Searxng instance with the JSON format enabled, for web search (default: web search off)", false),
        ("RATE_LIMIT_PER_MINUTE", "API requests per minute per user, all routes together; 0 disables (default 600)", false),
        ("TELEGRAM_API_ID", "api_id from my.telegram.org, for users' TDLib sessions (QR login); with TELEGRAM_API_HASH", false),
        ("TELEGRAM_API_HASH", "api_hash from my.telegram.org (32 hex characters); with TELEGRAM_API_ID", true),
    ]

    /// Loads from the process environment and `envFile` (if it exists).
    package static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, envFile: String? = ".env"
    ) async throws(ConfigError) -> AppConfig {
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: environment)]
        if let envFile, FileManager.default.fileExists(atPath: envFile) {
            do {
                providers.append(try await EnvironmentVariablesProvider(environmentFilePath: FilePath(envFile), allowMissing: true))
            } catch {
                throw .invalid(key: envFile, message: "cannot read the .env file: \(error)")
            }
        }
        let reader = ConfigReader(providers: providers)
        return try resolve { key in reader.string(forKey: ConfigKey(key.lowercased().split(separator: "_").map(String.init))) }
    }

    /// Validates raw values looked up by variable name.
    package static func resolve(_ value: (String) -> String?) throws(ConfigError) -> AppConfig {
        func get(_ name: String) -> String? {
            guard let raw = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            return raw
        }
        let dataDirectory = get("TELERADAR_DATA_DIR") ?? "./data"
        let database: DatabaseConfiguration
        if let url = get("DATABASE_URL") {
            do { database = try DatabaseConfiguration(url: url) } catch { throw .invalid(key: "DATABASE_URL", message: error.description) }
        } else {
            database = .defaultSQLite(dataDirectory: dataDirectory)
        }
        let port: Int
        if let raw = get("HTTP_PORT") {
            guard let parsed = Int(raw), (1...65535).contains(parsed) else {
                throw .invalid(key: "HTTP_PORT", message: "'\(raw)' is not a port number (1–65535)")
            }
            port = parsed
        } else {
            port = 8010
        }
        let level: Logger.Level
        if let raw = get("LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: raw.lowercased()) else {
                throw .invalid(key: "LOG_LEVEL", message: "'\(raw)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            level = parsed
        } else {
            level = .info
        }
        let format: LogFormat
        if let raw = get("LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: raw.lowercased()) else {
                throw .invalid(key: "LOG_FORMAT", message: "'\(raw)' is not text or json")
            }
            format = parsed
        } else {
            format = .text
        }
        var maxBody = 1_048_576
        if let raw = get("HTTP_MAX_BODY_BYTES") {
            guard let parsed = Int(raw), (1024...104_857_600).contains(parsed) else {
                throw .invalid(key: "HTTP_MAX_BODY_BYTES", message: "'\(raw)' must be a number of bytes from 1024 to 104857600")
            }
            maxBody = parsed
        }
        if let key = get("ENCRYPTION_KEY") {
            do { _ = try SecretKeyStore.box(fromEncoded: key) } catch {
                throw .invalid(key: "ENCRYPTION_KEY", message: "must be 64 hex characters or base64 of 32 bytes")
            }
        }
        if let base = get("PUBLIC_BASE_URL") {
            guard let url = URL(string: base), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw .invalid(key: "PUBLIC_BASE_URL", message: "'\(base)' is not an http(s) URL")
            }
        }
        func integer(_ name: String, _ range: ClosedRange<Int>, default value: Int) throws(ConfigError) -> Int {
            guard let raw = get(name) else { return value }
            guard let parsed = Int(raw), range.contains(parsed) else {
                throw .invalid(key: name, message: "'\(raw)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return parsed
        }
        var config = AppConfig(
            database: database, dataDirectory: dataDirectory, encryptionKey: get("ENCRYPTION_KEY"),
            httpHost: get("HTTP_HOST") ?? "127.0.0.1", httpPort: port, logLevel: level, logFormat: format,
            maxBodyBytes: maxBody, botToken: get("BOT_TOKEN"), publicBaseURL: get("PUBLIC_BASE_URL"))
        if let web = get("TELEGRAM_WEB_BASE_URL") {
            guard let url = URL(string: web), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw .invalid(key: "TELEGRAM_WEB_BASE_URL", message: "'\(web)' is not an http(s) URL")
            }
            config.telegramWebBaseURL = web
        }
        if let botAPI = get("TELEGRAM_BOT_API_BASE_URL") {
            guard let url = URL(string: botAPI), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw .invalid(key: "TELEGRAM_BOT_API_BASE_URL", message: "'\(botAPI)' is not an http(s) URL")
            }
            config.telegramBotAPIBaseURL = botAPI
        }
        config.parseIntervalMinutes = try integer("PARSE_INTERVAL_MINUTES", 1...1440, default: 30)
        config.floodWaitCapSeconds = try integer("FLOOD_WAIT_CAP_SECONDS", 1...3600, default: 300)
        config.models = try ModelConfig.resolve(value)
        config.miniAppInitDataMaxAge = try integer("MINIAPP_INITDATA_MAX_AGE", 0...31_536_000, default: 86_400)
        config.botDelivery = try BotDelivery.resolve(get)
        config.searxngURL = try resolveSearxngURL(get)
        config.rateLimitPerMinute = try integer("RATE_LIMIT_PER_MINUTE", 0...10_000_000, default: 600)
        config.telegramAPI = try TelegramAPICredentials.resolve(get)
        return config
    }

    /// The resolved configuration as name/value pairs with secrets redacted, for `doctor`.
    package var redactedSummary: [(String, String)] {
        [
            ("DATABASE_URL", database.description),
            ("TELERADAR_DATA_DIR", dataDirectory),
            ("ENCRYPTION_KEY", encryptionKey == nil ? "(not set: using \(dataDirectory)/secret.key)" : "***"),
            ("HTTP_HOST", httpHost),
            ("HTTP_PORT", String(httpPort)),
            ("LOG_LEVEL", logLevel.rawValue),
            ("LOG_FORMAT", logFormat.rawValue),
            ("HTTP_MAX_BODY_BYTES", String(maxBodyBytes)),
            ("BOT_TOKEN", botToken == nil ? "(not set: bot disabled)" : "***"),
            ("PUBLIC_BASE_URL", publicBaseURL ?? "(not set)"),
            ("TELEGRAM_WEB_BASE_URL", telegramWebBaseURL),
            ("TELEGRAM_BOT_API_BASE_URL", telegramBotAPIBaseURL),
            ("PARSE_INTERVAL_MINUTES", String(parseIntervalMinutes)),
            ("FLOOD_WAIT_CAP_SECONDS", String(floodWaitCapSeconds)),
            ("BOT_MODE", botDelivery.mode.rawValue),
            ("BOT_WEBHOOK_URL", botDelivery.webhookURL ?? "(not set)"),
            ("BOT_WEBHOOK_SECRET", botDelivery.webhookURL == nil ? "(not set)" : "***"),
            ("SEARXNG_URL", searxngURL ?? "(not set: web search off)"),
            ("RATE_LIMIT_PER_MINUTE", String(rateLimitPerMinute)),
            ("TELEGRAM_API_ID", telegramAPI.map { String($0.apiID) } ?? "(not set: QR login off)"),
            ("TELEGRAM_API_HASH", telegramAPI == nil ? "(not set)" : "***"),
            ("EMBEDDER", models.embedder.rawValue),
            ("chat models", models.environment.keys.filter { $0.hasSuffix("_API_KEY") || $0.hasSuffix("_AUTH_KEY") || $0 == "OPENAI_BASE_URL" }.sorted().joined(separator: ", ").nilIfEmpty ?? "(none: extractive answers)"),
        ]
    }
}

/// A configuration value that cannot be used.
package enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(key: String, message: String)
    package var description: String {
        switch self {
        case .invalid(let key, let message): "configuration error: \(key): \(message)"
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
