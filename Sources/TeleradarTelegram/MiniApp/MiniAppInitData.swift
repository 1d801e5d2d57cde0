import Foundation

/// The decoded fields of a Mini App launch's `initData` (Telegram's `WebAppInitData`).
///
/// Build one with ``MiniAppInitDataValidator/validate(_:now:)`` (HMAC with the bot token) or
/// ``MiniAppSignatureVerifier/verify(_:botID:now:)`` (Ed25519, third parties); ``init(parsing:)`` alone
/// proves nothing about the origin of the data.
package struct MiniAppInitData: Sendable, Equatable {
    /// Every field as received (URL-decoded), including `hash` and `signature`.
    package var fields: [String: String]
    /// When the Mini App was opened (`auth_date`, Unix seconds).
    package var authDate: Date
    /// Hex HMAC-SHA256 of the other fields, keyed by the bot token (`hash`), if present.
    package var hash: String?
    /// Base64url Ed25519 signature for third-party validation (`signature`), if present.
    package var signature: String?
    /// Session id for `answerWebAppQuery` (`query_id`).
    package var queryID: String?
    /// The user who opened the app (`user`).
    package var user: MiniAppUser?
    /// The chat partner, for apps opened from an attachment menu (`receiver`).
    package var receiver: MiniAppUser?
    /// The chat, for apps opened from a group or channel attachment menu (`chat`).
    package var chat: MiniAppChat?
    /// `sender`, `private`, `group`, `supergroup` or `channel` (`chat_type`).
    package var chatType: String?
    /// Global identifier of the chat the app was opened from (`chat_instance`).
    package var chatInstance: String?
    /// The `startapp` / `start_param` value of the launch link (`start_param`).
    package var startParam: String?
    /// Seconds after which `answerWebAppQuery`-less messages may be sent (`can_send_after`).
    package var canSendAfter: Int?

    /// Decodes `initData` without checking `hash` or `signature`.
    package init(parsing initData: String) throws(MiniAppInitDataError) {
        try self.init(pairs: MiniAppQueryString.parse(initData))
    }

    /// Decodes already split key/value pairs without checking `hash` or `signature`.
    package init(pairs: [(key: String, value: String)]) throws(MiniAppInitDataError) {
        var fields: [String: String] = [:]
        for pair in pairs { fields[pair.key] = pair.value }
        self.fields = fields
        guard let authText = fields["auth_date"] else { throw .malformed(reason: "auth_date missing") }
        guard let seconds = Int64(authText), seconds >= 0 else { throw .malformed(reason: "auth_date not a number") }
        authDate = Date(timeIntervalSince1970: TimeInterval(seconds))
        hash = fields["hash"]
        signature = fields["signature"]
        queryID = fields["query_id"]
        chatType = fields["chat_type"]
        chatInstance = fields["chat_instance"]
        startParam = fields["start_param"]
        if let text = fields["can_send_after"] {
            guard let value = Int(text) else { throw .malformed(reason: "can_send_after not a number") }
            canSendAfter = value
        }
        user = try Self.decodeJSON(MiniAppUser.self, field: "user", in: fields)
        receiver = try Self.decodeJSON(MiniAppUser.self, field: "receiver", in: fields)
        chat = try Self.decodeJSON(MiniAppChat.self, field: "chat", in: fields)
    }

    /// Telegram's data-check-string: `key=value` lines of every field except `excluded`, sorted by key.
    package static func dataCheckString(
        _ pairs: [(key: String, value: String)], excluding excluded: Set<String> = ["hash"]
    ) -> String {
        pairs.filter { !excluded.contains($0.key) }
            // Byte order of the UTF-8 keys, as Python's and JavaScript's sorts of ASCII keys give.
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
    }

    /// Decodes the JSON object in `field`, if present.
    private static func decodeJSON<Value: Decodable>(
        _ type: Value.Type, field: String, in fields: [String: String]
    ) throws(MiniAppInitDataError) -> Value? {
        guard let json = fields[field] else { return nil }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        } catch {
            throw .malformed(reason: "\(field) is not a valid JSON object")
        }
    }
}
