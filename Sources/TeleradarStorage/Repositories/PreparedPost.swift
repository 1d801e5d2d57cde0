import Foundation
import TeleradarCore

/// A post with everything its row needs computed ahead of the write transaction: the JSON columns and the
/// keyword text (stems and words). Preparing is pure CPU work, so it runs outside the database's single
/// writer and, for large batches, on every core.
package struct PreparedPost: Sendable {
    package let post: IncomingPost
    let entities: String
    let links: String
    let extra: String
    let searchText: String

    package init(_ post: IncomingPost) {
        self.post = post
        entities = post.entities.isEmpty ? "[]" : jsonText(post.entities)
        links = post.links.isEmpty ? "[]" : jsonText(post.links)
        extra =
            post.poll == nil && post.linkPreview == nil
            ? "{}" : jsonText(Extra(poll: post.poll, linkPreview: post.linkPreview))
        searchText = PostRepository.searchText(post)
    }

    /// What `posts.extra` holds: the poll and the link preview.
    struct Extra: Codable, Equatable {
        var poll: Poll?
        var linkPreview: LinkPreview?
        enum CodingKeys: String, CodingKey {
            case poll
            case linkPreview = "link_preview"
        }
    }

    /// Prepares `posts` in order, splitting large batches across the machine's cores.
    package static func prepare(_ posts: [IncomingPost]) async -> [PreparedPost] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, posts.count / 64))
        guard workers > 1 else { return posts.map(PreparedPost.init) }
        let size = (posts.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [PreparedPost]).self) { group in
            for (part, start) in stride(from: 0, to: posts.count, by: size).enumerated() {
                let slice = Array(posts[start..<min(start + size, posts.count)])
                group.addTask { (part, slice.map(PreparedPost.init)) }
            }
            var parts = [[PreparedPost]](repeating: [], count: workers)
            for await (part, prepared) in group { parts[part] = prepared }
            return parts.flatMap { $0 }
        }
    }
}
