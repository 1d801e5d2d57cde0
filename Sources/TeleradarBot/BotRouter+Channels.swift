import Foundation
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// `/add_channel [@name]`: follows the channel, or asks for its name and waits (the wait survives restarts).
    func addChannel(name rawName: String, request: BotRequest) async throws {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            try await conversations.set(
                BotConversation(step: .awaitingChannelName, startedAt: request.now), chatID: request.chatID,
                now: request.now)
            try await replier.send(request.chatID, request.text(.addChannelAsk))
            return
        }
        // Validate before ending the conversation, so a typo can be corrected by sending the name again.
        _ = try ChannelName(parsing: name)
        try await conversations.clear(chatID: request.chatID)
        _ = try? await replier.client.sendChatAction(chatID: .id(request.chatID))
        let result = try await context.channels.add(user: request.user, name: name, now: request.now)
        let channel = BotFormat.channel(result.channel.username)
        if !result.newlyFollowed {
            try await replier.send(
                request.chatID,
                request.text(
                    .addChannelAlready,
                    [
                        "channel": channel, "total": String(result.totalPosts),
                    ]))
            return
        }
        var text = request.text(
            .addChannelAdded,
            [
                "channel": channel, "found": String(result.postsFound), "total": String(result.totalPosts),
            ])
        if let until = result.heldBackUntil {
            text += "\n" + request.text(.myChannelsHeldBack, ["date": BotFormat.dateTime(until)])
        }
        if let error = result.parseError {
            text += "\n" + request.text(.addChannelParseError, ["error": TelegramHTML.escape(error)])
        }
        try await replier.send(request.chatID, text)
    }

    /// `/my_channels`: the followed channels, each held back by the posts/day quota saying until when.
    func myChannels(_ request: BotRequest) async throws {
        let channels = try await context.channels.list(user: request.user)
        guard !channels.isEmpty else {
            try await replier.send(request.chatID, request.text(.myChannelsEmpty))
            return
        }
        let limit = request.user.effectiveTier(at: request.now).limits.maxChannels
        var lines = [request.text(.myChannelsHeader, ["count": String(channels.count), "limit": String(limit)])]
        for channel in channels {
            let title = channel.title.isEmpty ? "" : " — " + TelegramHTML.escape(channel.title)
            lines.append(
                "• " + TelegramHTML.link("@\(channel.username)", url: "https://t.me/\(channel.username)") + title)
            if let hold = try await context.ingestion.quota.hold(channelID: channel.id, now: request.now) {
                lines.append(request.text(.myChannelsHeldBack, ["date": BotFormat.dateTime(hold.resetsAt)]))
            }
        }
        try await replier.send(request.chatID, lines.joined(separator: "\n"))
    }

    /// `/remove_channel [@name]`: a button per channel (or straight to the confirmation when named).
    func removeChannel(name: String, request: BotRequest) async throws {
        let channels = try await context.channels.list(user: request.user)
        if !name.isEmpty {
            let parsed = try ChannelName(parsing: name)
            guard channels.contains(where: { $0.username.lowercased() == parsed.value.lowercased() }) else {
                throw DomainError.notFound("you do not follow @\(parsed.value)")
            }
            try await replier.send(
                request.chatID, request.text(.removeChannelConfirm, ["channel": BotFormat.channel(parsed.value)]),
                keyboard: confirmKeyboard(parsed.value, request))
            return
        }
        guard !channels.isEmpty else {
            try await replier.send(request.chatID, request.text(.removeChannelNone))
            return
        }
        let rows = channels.prefix(50).map {
            [BotAPI.InlineKeyboardButton.callback("@\($0.username)", data: "rm:\($0.username)")]
        }
        try await replier.send(
            request.chatID, request.text(.removeChannelChoose), keyboard: BotAPI.InlineKeyboardMarkup(Array(rows)))
    }

    /// Buttons `rm:` (choose), `rmy:` (confirmed) and `rmn:` (kept).
    func removeChannelCallback(_ parts: [String], messageID: Int, callbackID: String, request: BotRequest) async throws
    {
        guard parts.count == 2, try await hasAccess(request.user, now: request.now) else {
            try await replier.answer(callbackID: callbackID, text: request.text(.callbackExpired))
            return
        }
        let username = parts[1]
        let channel = BotFormat.channel(username)
        switch parts[0] {
        case "rm":
            try await replier.answer(callbackID: callbackID)
            try await replier.edit(
                request.chatID, messageID: messageID, request.text(.removeChannelConfirm, ["channel": channel]),
                keyboard: confirmKeyboard(username, request))
        case "rmy":
            do {
                _ = try await context.channels.remove(user: request.user, name: username)
            } catch {
                try await replier.answer(callbackID: callbackID, text: request.text(.callbackExpired))
                throw error
            }
            try await replier.answer(callbackID: callbackID)
            try await replier.edit(
                request.chatID, messageID: messageID, request.text(.removeChannelDone, ["channel": channel]))
        default:
            try await replier.answer(callbackID: callbackID)
            try await replier.edit(
                request.chatID, messageID: messageID, request.text(.removeChannelCancelled, ["channel": channel]))
        }
    }

    /// Yes/No buttons confirming the removal of `username`.
    private func confirmKeyboard(_ username: String, _ request: BotRequest) -> BotAPI.InlineKeyboardMarkup {
        BotAPI.InlineKeyboardMarkup([
            [
                .callback(request.text(.buttonYes), data: "rmy:\(username)"),
                .callback(request.text(.buttonNo), data: "rmn:\(username)"),
            ]
        ])
    }
}
