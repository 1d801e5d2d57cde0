import Foundation
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

extension TDLibLiveUpdates {
    /// The followed channel behind a TDLib chat id, or nil. By `channels.telegram_id` first; for a channel or
    /// supergroup chat not matched (a channel added through the web preview has no Telegram id), TDLib names
    /// the chat's usernames (`getChat`, `getSupergroup`) and a stored channel of that username learns its
    /// chat id (followed or not). Misses are remembered for a while (`unmatchedChats`), so other chats cost TDLib requests
    /// once per period, not once per message.
    func followedChannel(chatID: Int64) async throws -> Channel? {
        if let channel = try await channels.followed(telegramChatID: chatID) { return channel }
        guard ChannelRepository.channelID(fromChatID: chatID) != nil else { return nil }
        let time = now()
        if await unmatchedChats.contains(chatID, now: time) { return nil }
        for username in await usernames(ofChat: chatID) {
            guard let channel = try await channels.find(username: username.lowercased()), channel.telegramID == nil
            else { continue }
            try await channels.recordTelegramID(channelID: channel.id, telegramID: chatID)
            if let followed = try await channels.followed(telegramChatID: chatID) {
                logger.info(
                    "channel matched to its TDLib chat",
                    metadata: ["channel": "\(channel.username)", "chat": "\(chatID)"])
                return followed
            }
        }
        await unmatchedChats.insert(chatID, now: time)
        return nil
    }

    /// The public usernames of a channel or supergroup chat; empty when TDLib cannot tell (errors included:
    /// the chat is then retried after the miss period).
    private func usernames(ofChat chatID: Int64) async -> [String] {
        do {
            let chat = try await client.send(TDGetChat(chatID: chatID), timeout: requestTimeout)
            guard case .supergroup(let supergroupID, _) = chat.type else { return [] }
            return try await client.send(TDGetSupergroup(supergroupID: supergroupID), timeout: requestTimeout).usernames
        } catch {
            logger.debug("chat usernames unavailable", metadata: ["chat": "\(chatID)", "error": "\(error)"])
            return []
        }
    }
}
