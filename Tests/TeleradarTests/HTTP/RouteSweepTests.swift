import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarStorage

/// Every route of the router: documented, authenticated, scoped to its caller.
@Suite("Route sweep: documentation, authentication, scoping")
struct RouteSweepTests {
    /// Routes anyone may call. `POST /bot/webhook` authenticates by its own secret header.
    static let publicRoutes: Set<String> = [
        "GET /health", "GET /health/dependencies", "GET /metrics", "GET /openapi.json", "GET /docs",
        "POST /bot/webhook", "GET /miniapp/login", "GET /miniapp/login.js", "GET /miniapp/login.css",
    ]

    /// Routes whose body names ids, with a body naming user A's objects.
    static func bodyNamingA(_ route: String, postID: Int64) -> String? {
        switch route {
        case "POST /api/v1/rag/index": #"{"post_ids": [\#(postID)]}"#
        case "POST /api/v1/rag/search", "POST /api/v1/rag/ask": #"{"query": "новость", "channels": ["smallchan"]}"#
        default: nil
        }
    }

    @Test(
        "every route of the router is in /openapi.json and every documented route exists", arguments: Backend.allCases)
    func documented(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let routes = Set(APITest.routes(context))
            var documented = Set<String>()
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let json = APITest.json(response)
                #expect(json["openapi"] as? String == "3.1.0")
                for (path, operations) in json["paths"] as? [String: [String: Any]] ?? [:] {
                    for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                }
            }
            #expect(routes.count >= 35)
            #expect(
                routes.subtracting(documented).isEmpty,
                "routes missing from /openapi.json: \(routes.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(routes).isEmpty,
                "documented routes that do not exist: \(documented.subtracting(routes).sorted())")
            try await client.execute(uri: "/docs", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("/openapi.json"))
                #expect(
                    !html.contains("http://") && !html.contains("https://"),
                    "the docs page must not load anything from elsewhere")
            }
        }
    }

    @Test(
        "no token → 401; B on A's ids → 403/404 and nothing changes; admin routes refuse non-admins",
        arguments: Backend.allCases)
    func sweep(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await APITest.with(backend, base: base) { context, client in
                let a = try await APITest.user(context, telegramID: 1, username: "alice")
                let b = try await APITest.user(context, telegramID: 2, username: "bob")
                let admin = try await APITest.user(context, telegramID: 3, admin: true)
                try await client.execute(
                    uri: "/api/v1/channels", method: .post, headers: APITest.headers(a.token),
                    body: ByteBuffer(string: #"{"name": "smallchan"}"#)
                ) { response in
                    #expect(response.status == .created)
                }
                let postID = try #require(
                    try await context.channels.posts.visible(userID: a.id, since: .distantPast, limit: 1).first?.id)
                let invite = try await context.accounts.createInvite(
                    tier: .basic, maxUses: 1, validDays: 7, trialDays: nil, createdBy: a.id)

                func uri(_ path: String) -> String {
                    path.replacingOccurrences(of: "{name}", with: "smallchan").replacingOccurrences(
                        of: "{code}", with: invite.code
                    )
                    .replacingOccurrences(
                        of: "{id}", with: path.hasPrefix("/api/v1/admin/users/") ? String(a.id) : String(postID))
                }
                let routes = APITest.routes(context)
                let before = try await APITest.snapshot(context.database)
                var checked = 0
                for route in routes where !Self.publicRoutes.contains(route) {
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    let method = HTTPRequest.Method(rawValue: parts[0])!
                    let path = uri(parts[1])
                    for headers: HTTPFields in [
                        [:], [.authorization: "Bearer trk_forged"], [.authorization: "tma query_id=1&hash=00"],
                        [.authorization: "Session trs_0"], [.authorization: "Basic YTpi"],
                    ] {
                        try await client.execute(
                            uri: path, method: method, headers: headers, body: ByteBuffer(string: "{}")
                        ) { response in
                            #expect(response.status == .unauthorized, "\(route) with \(headers) → \(response.status)")
                            #expect(APITest.json(response)["error"] as? String == "unauthorized")
                        }
                    }
                    let isAdmin = parts[1].hasPrefix("/api/v1/admin")
                    let body = Self.bodyNamingA(route, postID: postID)
                    if isAdmin || parts[1].contains("{") || body != nil {
                        try await client.execute(
                            uri: path, method: method, headers: APITest.headers(b.token),
                            body: ByteBuffer(string: body ?? "{}")
                        ) { response in
                            if isAdmin {
                                #expect(response.status == .forbidden, "\(route) by a non-admin → \(response.status)")
                            } else {
                                #expect(
                                    [.forbidden, .notFound].contains(response.status),
                                    "\(route) by B on A's ids → \(response.status)")
                            }
                            #expect((APITest.json(response)["message"] as? String)?.isEmpty == false)
                        }
                        checked += 1
                    }
                }
                #expect(checked >= 20)
                #expect(
                    try await APITest.snapshot(context.database) == before, "a refused request changed the database")

                // The same ids work for their owner and for an administrator.
                for route in [
                    "GET /api/v1/posts/{id}", "GET /api/v1/channels/{name}/stats", "GET /api/v1/rag/similar/{id}",
                ] {
                    try await client.execute(
                        uri: uri(String(route.split(separator: " ")[1])), method: .get,
                        headers: APITest.headers(a.token)
                    ) { response in
                        #expect(response.status == .ok, "\(route) by its owner → \(response.status)")
                    }
                }
                for route in routes where route.hasPrefix("GET /api/v1/admin") {
                    try await client.execute(
                        uri: uri(String(route.split(separator: " ")[1])), method: .get,
                        headers: APITest.headers(admin.token)
                    ) { response in
                        #expect(response.status == .ok, "\(route) by an admin → \(response.status)")
                    }
                }
            }
        }
    }
}
