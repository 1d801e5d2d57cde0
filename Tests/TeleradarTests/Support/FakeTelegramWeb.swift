import Foundation
import Hummingbird
import HummingbirdTesting

/// A local stand-in for `https://t.me`: serves the saved t.me/s fixture page, generated channels paged with
/// `?before=` exactly like Telegram's markup, a rate-limited channel (429 + Retry-After) and a missing one
/// (302 to the non-preview page, as t.me does).
enum FakeTelegramWeb {
    /// Generated channels: username → number of posts (ids 1…n).
    static let generated: [String: Int] = ["pagedchan": 250, "smallchan": 30, "chan_one": 3, "chan_two": 3, "chan_three": 3, "chan_four": 3]
    static let pageSize = 20

    static func router(fixture: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/s/:name") { request, context -> Response in
            let name = try context.parameters.require("name").lowercased()
            let before = request.uri.queryParameters.get("before").flatMap { Int64($0) }
            switch name {
            case "topwar_official":
                if before == nil { return html(fixture) }
                return html(page(channel: name, title: "Военное обозрение", ids: Array(70980..<min(before!, 70989)).reversed(), older: nil))
            case "limited":
                return Response(status: .tooManyRequests, headers: [.retryAfter: "7"])
            default:
                guard let count = generated[name] else {
                    return Response(status: .found, headers: [.location: "/\(name)"])
                }
                let top = min(Int64(count), (before ?? Int64(count) + 1) - 1)
                let ids = Array(stride(from: top, to: max(0, top - Int64(pageSize)), by: -1))
                let older = (ids.last ?? 1) > 1 ? ids.last : nil
                return html(page(channel: name, title: name.capitalized, ids: ids, older: older))
            }
        }
        return router
    }

    static func html(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A page in t.me/s markup: channel header, messages oldest first (as Telegram renders), the "load older" link.
    static func page(channel: String, title: String, ids: [Int64], older: Int64?) -> String {
        let messages = ids.sorted().map { id in
            // Recent dates (one post every 10 s, ending near now), so they fall inside users' retention windows.
            let date = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-Double(100_000 - id) * 10))
            return """
                <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="\(channel)/\(id)">
                <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">Новость номер \(id): в субботу открылся <b>новый</b> канал. News item \(id).</div>
                <div class="tgme_widget_message_footer"><div class="tgme_widget_message_info"><span class="tgme_widget_message_views">\(id)</span>
                <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/\(channel)/\(id)"><time datetime="\(date)" class="time">12:00</time></a></span>
                </div></div></div></div></div>
                """
        }.joined(separator: "\n")
        let more = older.map { #"<a href="/s/\#(channel)?before=\#($0)" class="tme_messages_more js-messages_more" data-before="\#($0)"></a>"# } ?? ""
        return """
            <!DOCTYPE html><html><head><meta property="og:title" content="\(title)"></head><body>
            <div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>\(title)</span></div>
            <div class="tgme_channel_info_header_username"><a href="https://t.me/\(channel)">@\(channel)</a></div></div>
            <section class="tgme_channel_history js-message_history">\(more)\(messages)</section></body></html>
            """
    }

    /// Runs a live fake server for the duration of `body`, passing its base URL.
    static func withServer<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let fixture = try String(contentsOf: fixtureURL("tme-s-preview-html/apkawa-rust-any2feed/full.html"), encoding: .utf8)
        let app = Application(router: router(fixture: fixture), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    static func fixtureURL(_ relative: String) -> URL {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Fixtures").appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/\(relative)")
    }
}
