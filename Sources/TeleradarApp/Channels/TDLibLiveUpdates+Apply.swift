import Foundation
import Metrics
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

extension TDLibLiveUpdates {
    /// Applies one update to storage.
    /// - Throws: storage errors (the caller logs them and goes on).
    package func apply(_ update: TDUpdate) async throws -> Outcome {
        switch update {
        case .newMessage(let message):
            return try await store(message)
        case .messageContent(let chatID, let messageID, let content):
            return try await edit(chatID: chatID, messageID: messageID, content: content)
        case .deleteMessages(let chatID, let messageIDs, let isPermanent, let fromCache):
            if fromCache { return .ignored(.fromCache) }
            if !isPermanent { return .ignored(.notPermanent) }
            return try await delete(chatID: chatID, messageIDs: messageIDs)
        case .authorizationState, .unknown:
            return .ignored(.otherUpdate)
        }
    }

    /// `updateNewMessage`: stores the post (idempotent on channel and message id) and queues it for indexing.
    private func store(_ message: TDMessage) async throws -> Outcome {
        guard message.isServerMessage else { return .ignored(.notServerMessage) }
        guard let channel = try await followedChannel(chatID: message.chatID) else {
            return .ignored(.unknownChat)
        }
        let titles = await originTitles(of: message)
        guard let post = TDLibPostMapper.post(from: message, chatTitles: titles) else {
            return .ignored(.notServerMessage)
        }
        if post.isService { return .ignored(.serviceMessage) }
        let time = now()
        // Posts/day: a held-back channel's new posts are left to the parse, which stores them oldest first
        // once the counters reset; storing this one now would move the cursor past them.
        let allowance = try await quota.allowance(channelID: channel.id, now: time)
        var held = try await quota.hold(channelID: channel.id, now: time) != nil
        if allowance.exhausted && !held {
            try await quota.holdBack(channelID: channel.id, deferred: nil, allowance: allowance, now: time)
            held = true
        }
        if held {
            Counter(label: "posts_deferred_total").increment()
            return .deferred
        }
        let summary = try await posts.upsert(channelID: channel.id, posts: [post], now: time)
        try await quota.charge(allowance, stored: summary.inserted, now: time)
        return try await outcome(of: summary)
    }

    /// `updateMessageContent`: the new content replaces the stored post's (`edited_at` set, back to indexing).
    /// Edits of messages never stored are skipped (without the original message there is no post date).
    private func edit(chatID: Int64, messageID: Int64, content: TDMessageContent) async throws -> Outcome {
        let message = TDMessage(id: messageID, chatID: chatID, date: 0, content: content)
        guard message.isServerMessage else { return .ignored(.notServerMessage) }
        // A poll cannot be edited: its content changes only with votes, which must not re-index the post.
        if case .poll = content { return .ignored(.pollResults) }
        guard let channel = try await followedChannel(chatID: chatID) else {
            return .ignored(.unknownChat)
        }
        guard var post = TDLibPostMapper.post(from: message) else { return .ignored(.notServerMessage) }
        if post.isService { return .ignored(.serviceMessage) }
        let time = now()
        post.editedAt = time
        let summary = try await posts.upsert(channelID: channel.id, posts: [post], now: time, insertingNew: false)
        if summary.updated + summary.unchanged == 0 { return .ignored(.notStored) }
        return try await outcome(of: summary)
    }

    /// `updateDeleteMessages` (permanent): removes the posts and their vectors, stored and in memory.
    private func delete(chatID: Int64, messageIDs: [Int64]) async throws -> Outcome {
        guard let channel = try await followedChannel(chatID: chatID) else {
            return .ignored(.unknownChat)
        }
        let publicIDs = messageIDs.filter(TDMessage.isServerMessageID).map(TDMessage.publicID(fromTDLibID:))
        let deleted = try await posts.delete(channelID: channel.id, messageIDs: publicIDs)
        let vectors = vectorIndex?.remove(postIDs: deleted) ?? 0
        if !deleted.isEmpty {
            logger.info(
                "posts deleted on Telegram",
                metadata: ["channel": "\(channel.username)", "posts": "\(deleted.count)", "vectors": "\(vectors)"])
        }
        return .deleted(postIDs: deleted, vectors: vectors)
    }

    /// Queues changed posts for indexing and names the outcome.
    private func outcome(of summary: UpsertSummary) async throws -> Outcome {
        guard let postID = summary.changedPostIDs.first else { return .unchanged }
        let job = try NewJob(kind: JobKind.indexPosts, payload: IndexPostsPayload(postIDs: summary.changedPostIDs))
        try await jobs.enqueue(job, now: now())
        return summary.inserted > 0 ? .inserted(postID: postID) : .updated(postID: postID)
    }

    /// Titles of the message's chat and of the chat it was forwarded from (best effort, as `getChat` allows).
    private func originTitles(of message: TDMessage) async -> [Int64: String] {
        guard let origin = message.forwardInfo?.origin.chatID else { return [:] }
        guard let chat = try? await client.send(TDGetChat(chatID: origin), timeout: requestTimeout) else { return [:] }
        return [chat.id: chat.title]
    }
}
