import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// `/api/v1/channels…`: the caller's channels and their posts.
package struct ChannelController: Sendable {
    package let app: AppContext

    struct AddRequest: Decodable {
        let name: String
    }

    struct AddResponse: ResponseEncodable {
        let channel: Channel
        let newlyFollowed: Bool
        let postsFound: Int
        let totalPosts: Int
        let parseError: String?
        /// Set when the first parse was held back by the posts/day quota: the rest comes after this reset.
        let postsHeldBackUntil: Date?
    }

    struct ChannelList: ResponseEncodable {
        let channels: [Channel]
        /// Channels whose new posts wait for the subscribers' posts/day quota to reset.
        let postsHeldBack: [HeldBack]
    }

    struct HeldBack: Encodable {
        let channel: String
        /// New posts known to be waiting (nil when the channel was not fetched at all).
        let deferred: Int?
        let resetsAt: Date
    }

    struct PostList: ResponseEncodable {
        let posts: [Post]
        let nextBefore: Int64?
    }

    struct StatsResponse: ResponseEncodable {
        let channel: Channel
        let stats: ChannelStats
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        group.get("channels") { _, context in
            let channels = try await app.channels.list(user: try context.requireUser())
            var held: [HeldBack] = []
            for channel in channels {
                if let hold = try await app.ingestion.quota.hold(channelID: channel.id, now: Date()) {
                    held.append(HeldBack(channel: channel.username, deferred: hold.deferred, resetsAt: hold.resetsAt))
                }
            }
            return ChannelList(channels: channels, postsHeldBack: held)
        }
        group.post("channels") { request, context -> EditedResponse<AddResponse> in
            let user = try context.requireUser()
            let body = try await request.decode(as: AddRequest.self, context: context)
            let result: ChannelService.AddResult
            do {
                result = try await app.channels.add(user: user, name: body.name)
            } catch DomainError.invalidArgument(let message) {
                throw Validate.fail("name", "is invalid: \(message)")
            }
            return EditedResponse(
                status: result.newlyFollowed ? .created : .ok,
                response: AddResponse(
                    channel: result.channel, newlyFollowed: result.newlyFollowed, postsFound: result.postsFound,
                    totalPosts: result.totalPosts, parseError: result.parseError,
                    postsHeldBackUntil: result.heldBackUntil))
        }
        group.delete("channels/:name") { _, context -> Response in
            let user = try context.requireUser()
            let name = try Self.name(context.parameters.get("name") ?? "")
            _ = try await app.channels.remove(user: user, name: name.value)
            return Response(status: .noContent)
        }
        group.get("channels/:name/posts") { request, context -> PostList in
            let user = try context.requireUser()
            let channel = try await followedChannel(user: user, name: try context.parameters.require("name"))
            let limit = try Query.int(request, "limit", default: 50, range: 1...200)
            let before = try Query.optionalInt64(request, "before", range: 1...Int64.max)
            let since = Date().addingTimeInterval(-Double(user.retentionDays) * 86_400)
            let posts = try await app.channels.posts.recent(channelID: channel.id, limit: limit, before: before)
                .filter { $0.postedAt >= since }
            return PostList(posts: posts, nextBefore: posts.count == limit ? posts.last?.messageID : nil)
        }
        group.get("channels/:name/stats") { _, context -> StatsResponse in
            let user = try context.requireUser()
            let channel = try await followedChannel(user: user, name: try context.parameters.require("name"))
            let since = Date().addingTimeInterval(-Double(user.retentionDays) * 86_400)
            return StatsResponse(
                channel: channel,
                stats: try await ChannelStatsRepository(database: app.database).stats(
                    channelID: channel.id, since: since))
        }
    }

    /// A channel name from the path, or 400 naming the parameter.
    static func name(_ raw: String, parameter: String = "name") throws -> ChannelName {
        do { return try ChannelName(parsing: raw) } catch { throw Validate.fail(parameter, "is invalid: \(error)") }
    }

    /// The channel by name if the user follows it; 404 otherwise (never reveals others' channels).
    func followedChannel(user: User, name: String) async throws -> Channel {
        let parsed = try Self.name(name)
        guard let channel = try await app.channels.channels.find(username: parsed.value),
            try await app.channels.channels.isSubscribed(userID: user.id, channelID: channel.id)
        else { throw APIError(.notFound, code: "not_found", message: "you do not follow \(parsed)") }
        return channel
    }
}

/// Query-parameter parsing with messages naming the parameter.
enum Query {
    static func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = request.uri.queryParameters.get(name) else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw APIError(
                .badRequest, code: "invalid_parameter",
                message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }

    static func optionalInt64(_ request: Request, _ name: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let raw = request.uri.queryParameters.get(name) else { return nil }
        guard let parsed = Int64(raw), range.contains(parsed) else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "\(name) must be a positive whole number")
        }
        return parsed
    }
}
