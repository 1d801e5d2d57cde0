import Foundation
import TeleradarCore

/// `ChannelSource` over a logged-in TDLib session: `searchPublicChat` to resolve, `getChatHistory` to page.
///
/// Message ids and cursors are public (t.me) ids, like the other sources: TDLib's ids are `public << 20`,
/// converted both ways here. TDLib may return fewer than 100 messages even when more exist, so a page is
/// the last one only when it comes back empty.
package struct TDLibChannelSource: ChannelSource {
    /// Stored with channels fetched this way.
    package let kind = "tdlib"
    /// The logged-in instance.
    package let client: TDLibClient
    /// How long one TDLib request may take.
    package let requestTimeout: Duration
    /// Usernames already resolved to chats.
    package let chats: TDLibChatDirectory

    /// A source over `client`, which must already be logged in.
    package init(
        client: TDLibClient, requestTimeout: Duration = .seconds(60), chats: TDLibChatDirectory = TDLibChatDirectory()
    ) {
        self.client = client
        self.requestTimeout = requestTimeout
        self.chats = chats
    }

    /// Resolves a public channel (or public supergroup) by username; description and subscriber count come
    /// from `getSupergroupFullInfo` when available.
    package func resolve(username: String) async throws -> ChannelInfo {
        let name = Self.normalised(username)
        let chat = try await publicChat(name, refresh: true)
        guard case .supergroup(let supergroupID, _) = chat.type else { throw SourceError.channelNotFound(name) }
        var info = ChannelInfo(username: name, title: chat.title, telegramID: chat.id)
        do {
            let full = try await client.send(
                TDGetSupergroupFullInfo(supergroupID: supergroupID), timeout: requestTimeout)
            info.description = full.description
            info.subscriberCount = full.memberCount > 0 ? full.memberCount : nil
        } catch .tdlib(let error) where !error.isFloodWait {
            // Full info is optional: the channel itself was found.
        } catch {
            throw Self.sourceError(error, username: name)
        }
        return info
    }

    /// Up to 100 posts older than `before` (newest first as TDLib returns them), with public message ids.
    package func page(username: String, before: Int64?) async throws -> SourcePage {
        let name = Self.normalised(username)
        if let before, before <= 1 { return SourcePage(posts: [], olderCursor: nil) }
        let chat = try await publicChat(name, refresh: false)
        guard case .supergroup = chat.type else { throw SourceError.channelNotFound(name) }
        let fromMessageID = before.flatMap(TDMessage.tdlibID(fromPublicID:)) ?? 0
        let history: TDMessages
        do {
            let request = try TDGetChatHistory(chatID: chat.id, fromMessageID: fromMessageID)
            history = try await client.send(request, timeout: requestTimeout)
        } catch {
            if case .tdlib(let tdError) = error, tdError.code == 400 { await chats.forget(name) }
            throw Self.sourceError(error, username: name)
        }
        let messages = history.messages.filter { message in
            message.isServerMessage && before.map { message.publicID < $0 } ?? true
        }
        let titles = await originTitles(of: messages, knownChat: chat)
        let posts = messages.compactMap { TDLibPostMapper.post(from: $0, chatTitles: titles) }
        return SourcePage(posts: posts, olderCursor: messages.map(\.publicID).min())
    }

    /// The chat of `name`: from the directory unless `refresh`, else `searchPublicChat` (errors mapped to
    /// `SourceError`); only channels and supergroups are remembered.
    private func publicChat(_ name: String, refresh: Bool) async throws(SourceError) -> TDChat {
        guard !name.isEmpty else { throw .channelNotFound(name) }
        if !refresh, let known = await chats.chat(for: name) { return known }
        do {
            let chat = try await client.send(TDSearchPublicChat(username: name), timeout: requestTimeout)
            if case .supergroup = chat.type { await chats.remember(chat, for: name) }
            return chat
        } catch {
            throw Self.sourceError(error, username: name)
        }
    }

    /// Titles of the chats that forwarded posts come from (best effort: unknown chats keep a generic name).
    private func originTitles(of messages: [TDMessage], knownChat: TDChat) async -> [Int64: String] {
        var titles = [knownChat.id: knownChat.title]
        for chatID in Set(messages.compactMap { $0.forwardInfo?.origin.chatID }) where titles[chatID] == nil {
            if let chat = try? await client.send(TDGetChat(chatID: chatID), timeout: requestTimeout) {
                titles[chatID] = chat.title
            }
        }
        return titles
    }

    /// `@name`, ` name ` → `name`.
    static func normalised(_ username: String) -> String {
        let trimmed = username.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    /// Maps client and TDLib errors to the source's: unknown or invalid names → `.channelNotFound`,
    /// `CHANNEL_PRIVATE` → `.channelPrivate`, flood control → `.floodWait` (60 s when no wait is given),
    /// undecodable answers → `.malformed`, everything else → `.unavailable`.
    package static func sourceError(_ error: TDLibError, username: String) -> SourceError {
        switch error {
        case .tdlib(let tdError):
            if tdError.isFloodWait { return .floodWait(seconds: tdError.floodWaitSeconds ?? 60) }
            let message = tdError.message.uppercased()
            if ["USERNAME_NOT_OCCUPIED", "USERNAME_INVALID", "CHANNEL_INVALID", "CHAT NOT FOUND"]
                .contains(where: message.contains)
            {
                return .channelNotFound(username)
            }
            if message.contains("CHANNEL_PRIVATE") || tdError.code == 403 { return .channelPrivate(username) }
            return .unavailable("TDLib error \(tdError.code): \(tdError.message)")
        case .malformedResponse, .unexpectedResponse:
            return .malformed(error.description)
        default:
            return .unavailable(error.description)
        }
    }
}
