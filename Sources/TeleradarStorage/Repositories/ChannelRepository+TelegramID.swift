import Foundation
import SQLKit
import TeleradarCore

extension ChannelRepository {
    /// TDLib's chat id of a channel or supergroup is `-(10^12 + channel id)`.
    package static let supergroupChatIDOffset: Int64 = 1_000_000_000_000

    /// The channel id inside a TDLib supergroup chat id (`-100…`), or nil when `chatID` is not one.
    package static func channelID(fromChatID chatID: Int64) -> Int64? {
        guard chatID < -supergroupChatIDOffset else { return nil }
        return -chatID - supergroupChatIDOffset
    }

    /// The followed channel (at least one active subscriber) behind a TDLib chat id. `telegram_id` holds the
    /// chat id when the channel was resolved through TDLib (`-100…`) and the bare channel id when it came
    /// from a Telegram Desktop export; both forms match. Nil for chats that are not stored or not followed.
    package func followed(telegramChatID chatID: Int64) async throws -> Channel? {
        let candidates = [chatID] + (Self.channelID(fromChatID: chatID).map { [$0] } ?? [])
        return try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM channels c WHERE c.telegram_id IN (\(binds: candidates)) AND EXISTS (
                    SELECT 1 FROM subscriptions s WHERE s.channel_id = c.id AND s.is_active = \(bind: true))
                ORDER BY c.id LIMIT 1
                """
            ).first().map(Self.decode)
        }
    }

    /// Records a channel's TDLib chat id when none is stored yet (channels added through the web preview
    /// learn it from a live session); returns whether it was stored.
    @discardableResult
    package func recordTelegramID(channelID: Int64, telegramID: Int64) async throws -> Bool {
        try await database.write { db in
            try await db.update("channels").set("telegram_id", to: SQLBind(telegramID))
                .where("id", .equal, channelID).where("telegram_id", .is, SQLLiteral.null)
                .returning("id").all().count == 1
        }
    }
}
