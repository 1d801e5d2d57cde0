import Foundation
import Testing

/// Loads the saved t.me/s HTML fixtures from `Tests/TeleradarTests/Fixtures/tme-s-preview-html/`.
enum WebPreviewFixtures {
    /// Folder of the apkawa/rust-any2feed fixture set (MIT, see SOURCE.txt next to the files).
    static let directory: URL? = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let relative = "Fixtures/tme-s-preview-html/apkawa-rust-any2feed"
        while folder.path != "/" {
            for candidate in [folder.appendingPathComponent(relative),
                              folder.appendingPathComponent("Tests/TeleradarTests/\(relative)")]
            where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("full.html").path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// The content of fixture `name` (e.g. `full.html`).
    static func html(_ name: String) throws -> String {
        let folder = try #require(directory, "fixture folder Tests/TeleradarTests/Fixtures/tme-s-preview-html not found")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// A fragment (media block only) wrapped in a minimal message wrap of our own, so it parses as a post.
    static func wrapped(fragment: String, post: String = "channel/1") -> String {
        """
        <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="\(post)">
        <div class="tgme_widget_message_bubble">\(fragment)
        <div class="tgme_widget_message_footer"><div class="tgme_widget_message_info"><span class="tgme_widget_message_views">5</span>
        <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/\(post)"><time datetime="2024-01-02T03:04:05+00:00" class="time">03:04</time></a></span>
        </div></div></div></div></div>
        """
    }

    /// `2023-02-28T08:48:01Z`-style UTC date for expectations.
    static func utc(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: iso)!
    }

    /// The UTF-16 offset of `needle` in `text`, via Foundation (independent of the parser's own counting).
    static func utf16Offset(of needle: String, in text: String) -> Int? {
        let range = (text as NSString).range(of: needle)
        return range.location == NSNotFound ? nil : range.location
    }
}
