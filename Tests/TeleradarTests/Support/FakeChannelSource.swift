import Foundation
import TeleradarCore

/// An in-memory channel source: channels with posts, paged newest first like Telegram, with scripted
/// flood waits and failures.
actor FakeChannelStore {
    var channels: [String: (info: ChannelInfo, posts: [Int64: IncomingPost])] = [:]
    var floodWaits: [Int] = []
    var failingChannels: Set<String> = []
    var requests: [(String, Int64?)] = []

    func addChannel(_ username: String, title: String) {
        channels[username] = (ChannelInfo(username: username, title: title), [:])
    }

    func addPosts(_ username: String, ids: ClosedRange<Int64>, text: (Int64) -> String = { "Post number \($0)" }) {
        for id in ids {
            channels[username]?.posts[id] = IncomingPost(
                messageID: id, postedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(id) * 60), text: text(id),
                views: Int(id))
        }
    }

    func edit(_ username: String, id: Int64, text: String) {
        channels[username]?.posts[id]?.text = text
        channels[username]?.posts[id]?.editedAt = Date(timeIntervalSince1970: 1_800_000_000)
    }

    func setViews(_ username: String, id: Int64, views: Int) { channels[username]?.posts[id]?.views = views }
    func scriptFloodWaits(_ seconds: [Int]) { floodWaits = seconds }
    func fail(_ username: String) { failingChannels.insert(username) }

    func resolve(_ username: String) throws -> ChannelInfo {
        guard let channel = channels[username] else { throw SourceError.channelNotFound(username) }
        return channel.info
    }

    func page(_ username: String, before: Int64?, size: Int) throws -> SourcePage {
        requests.append((username, before))
        if !floodWaits.isEmpty { throw SourceError.floodWait(seconds: floodWaits.removeFirst()) }
        if failingChannels.contains(username) { throw SourceError.unavailable("scripted failure") }
        guard let channel = channels[username] else { throw SourceError.channelNotFound(username) }
        let ids = channel.posts.keys.filter { before == nil || $0 < before! }.sorted(by: >).prefix(size)
        let posts = ids.compactMap { channel.posts[$0] }
        let oldest = channel.posts.keys.min()
        let older: Int64? = (ids.last.map { $0 > (oldest ?? $0) } ?? false) ? ids.last : nil
        return SourcePage(posts: posts, olderCursor: older)
    }
}

/// `ChannelSource` over a `FakeChannelStore`.
struct FakeChannelSource: ChannelSource {
    let kind = "web"
    let store: FakeChannelStore
    var pageSize = 20

    func resolve(username: String) async throws -> ChannelInfo { try await store.resolve(username) }
    func page(username: String, before: Int64?) async throws -> SourcePage {
        try await store.page(username, before: before, size: pageSize)
    }
}

/// Records requested sleeps instead of sleeping.
actor SleepRecorder {
    private(set) var sleeps: [Duration] = []
    func record(_ duration: Duration) { sleeps.append(duration) }
}
