import Foundation
import TeleradarTelegram

/// How the bot receives updates: long polling `getUpdates`, or Telegram posting them to a webhook.
package enum BotDelivery: Sendable, CustomStringConvertible {
    /// Long polling with a persisted offset (the default; needs no public address).
    case polling
    /// Telegram POSTs updates to `url` (this server's `/bot/webhook` behind a public HTTPS address) with
    /// `secret` in `X-Telegram-Bot-Api-Secret-Token`.
    case webhook(url: String, secret: BotWebhookSecret)

    /// The value of `BOT_MODE`.
    package enum Mode: String, Sendable, CaseIterable {
        case polling, webhook
    }

    /// The mode alone.
    package var mode: Mode {
        switch self {
        case .polling: .polling
        case .webhook: .webhook
        }
    }

    /// The public webhook URL, in webhook mode.
    package var webhookURL: String? {
        if case .webhook(let url, _) = self { return url }
        return nil
    }

    /// The webhook secret, in webhook mode.
    package var webhookSecret: BotWebhookSecret? {
        if case .webhook(_, let secret) = self { return secret }
        return nil
    }

    /// Describes the mode without the secret.
    package var description: String {
        switch self {
        case .polling: "polling"
        case .webhook(let url, _): "webhook \(url)"
        }
    }

    /// Ports Telegram delivers webhooks to (Bot API, `setWebhook`).
    package static let webhookPorts: Set<Int> = [443, 80, 88, 8443]

    /// Reads `BOT_MODE`, `BOT_WEBHOOK_URL` and `BOT_WEBHOOK_SECRET` (trimmed, empty meaning unset).
    package static func resolve(_ get: (String) -> String?) throws(ConfigError) -> BotDelivery {
        let rawMode = get("BOT_MODE")?.lowercased() ?? Mode.polling.rawValue
        guard let mode = Mode(rawValue: rawMode) else {
            throw .invalid(key: "BOT_MODE", message: "'\(rawMode)' is not polling or webhook")
        }
        guard mode == .webhook else { return .polling }
        guard let url = get("BOT_WEBHOOK_URL") else {
            throw .invalid(
                key: "BOT_WEBHOOK_URL", message: "required when BOT_MODE=webhook (the public https URL of /bot/webhook)"
            )
        }
        guard let parsed = URLComponents(string: url), parsed.scheme?.lowercased() == "https",
            let host = parsed.host, !host.isEmpty, parsed.user == nil, parsed.password == nil, parsed.fragment == nil
        else {
            throw .invalid(
                key: "BOT_WEBHOOK_URL",
                message: "'\(url)' is not an https URL with a host (Telegram only calls https webhooks)")
        }
        if let port = parsed.port, !webhookPorts.contains(port) {
            throw .invalid(
                key: "BOT_WEBHOOK_URL", message: "port \(port) is not one Telegram calls (443, 80, 88 or 8443)")
        }
        guard let rawSecret = get("BOT_WEBHOOK_SECRET") else {
            throw .invalid(key: "BOT_WEBHOOK_SECRET", message: "required when BOT_MODE=webhook")
        }
        guard let secret = BotWebhookSecret(rawSecret) else {
            throw .invalid(key: "BOT_WEBHOOK_SECRET", message: "must be 1–256 characters of A-Z a-z 0-9 _ -")
        }
        return .webhook(url: url, secret: secret)
    }
}

extension AppConfig {
    /// Reads `SEARXNG_URL`: an http(s) base URL, or nil when unset.
    static func resolveSearxngURL(_ get: (String) -> String?) throws(ConfigError) -> String? {
        guard let raw = get("SEARXNG_URL") else { return nil }
        guard let url = URL(string: raw), url.scheme == "https" || url.scheme == "http", let host = url.host,
            !host.isEmpty
        else {
            throw .invalid(key: "SEARXNG_URL", message: "'\(raw)' is not an http(s) URL")
        }
        return raw
    }
}
