import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarStorage

/// Hostile input on every route (as an administrator, who can reach all of them): 4xx with a message, never a
/// 5xx, and nothing changed.
@Suite("Hostile input")
struct HostileInputTests {
    static let long = String(repeating: "щ", count: 10_000)
    /// Values tried for every body field and query parameter.
    static let values: [String] = [
        #""'; DROP TABLE users; --""#, #""<script>alert(1)</script>""#, "\"\(long)\"", "-1", "-9223372036854775808",
        "99999999999999999999999", "1e308", "[]", "{}", "null", "true", #""\u0000""#,
    ]
    /// Whole bodies tried on every route that takes one.
    static let bodies: [String] = [
        "", "not json", "{", "[]", "null", "42", #""text""#, #"{"a": }"#,
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        "{\"x\": \"\(long)\"}",
    ]
    /// Fields that are free text: a hostile string there is a valid question, answered with 200 (and stored as one).
    static let freeText: Set<String> = ["POST /api/v1/rag/search query", "POST /api/v1/rag/ask query"]

    static func properties(_ schema: JSONValue?) -> [String] {
        guard case .object(let pairs) = schema,
            case .object(let properties)? = pairs.first(where: { $0.0 == "properties" })?.1
        else { return [] }
        return properties.map(\.0)
    }

    @Test("bodies, fields, query and path parameters", arguments: Backend.allCases)
    func hostile(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await APITest.with(backend, base: base, rateLimits: APITest.noLimits) { context, client in
                let admin = try await APITest.user(context, telegramID: 10, admin: true)
                let target = try await APITest.user(context, telegramID: 11)
                let auth = APITest.headers(admin.token)
                try await client.execute(
                    uri: "/api/v1/channels", method: .post, headers: auth,
                    body: ByteBuffer(string: #"{"name": "smallchan"}"#)
                ) { response in
                    #expect(response.status == .created)
                }
                let postID = try #require(
                    try await context.channels.posts.visible(userID: admin.id, since: .distantPast, limit: 1).first?.id)
                let invite = try await context.accounts.createInvite(
                    tier: .basic, maxUses: 1, validDays: 7, trialDays: nil, createdBy: admin.id)
                let before = try await APITest.snapshot(context.database)
                let routes = Set(APITest.routes(context))
                var sent = 0

                func check(_ label: String, _ response: TestResponse, allowOK: Bool = false) {
                    sent += 1
                    let code = Int(response.status.code)
                    #expect(code < 500, "\(label) → \(code)")
                    if code >= 400 {
                        let json = APITest.json(response)
                        #expect(json["error"] is String, "\(label): no error code")
                        #expect((json["message"] as? String)?.isEmpty == false, "\(label): no message")
                    } else {
                        #expect(allowOK, "\(label) was accepted with \(code)")
                    }
                }
                func path(_ template: String) -> String {
                    template.replacingOccurrences(of: "{name}", with: "smallchan").replacingOccurrences(
                        of: "{code}", with: invite.code
                    )
                    .replacingOccurrences(
                        of: "{id}",
                        with: template.hasPrefix("/api/v1/admin/users/") ? String(target.id) : String(postID))
                }

                for doc in APIRouteDoc.all where doc.body != nil && routes.contains("\(doc.method) \(doc.path)") {
                    let method = HTTPRequest.Method(rawValue: doc.method)!
                    let uri = path(doc.path)
                    for body in Self.bodies {
                        try await client.execute(
                            uri: uri, method: method, headers: auth, body: ByteBuffer(string: body)
                        ) { check("\(doc.method) \(doc.path) body \(body.prefix(20))", $0) }
                    }
                    try await client.execute(
                        uri: uri, method: method, headers: auth,
                        body: ByteBuffer(repeating: UInt8(ascii: "{"), count: 2_000_000)
                    ) { response in
                        #expect(response.status == .contentTooLarge, "\(doc.path) with 2 MB")
                        check("\(doc.path) 2 MB", response)
                    }
                    for field in Self.properties(doc.body) {
                        for value in Self.values {
                            let free =
                                Self.freeText.contains("\(doc.method) \(doc.path) \(field)") && value.hasPrefix("\"")
                                && value.count < 3000
                            try await client.execute(
                                uri: uri, method: method, headers: auth,
                                body: ByteBuffer(string: "{\"\(field)\": \(value)}")
                            ) { response in
                                check("\(doc.method) \(doc.path) \(field)=\(value.prefix(30))", response, allowOK: free)
                            }
                        }
                    }
                }
                let queryValues = [
                    "%00", "-1", "0", "abc", "99999999999999999999", "1e3", "%3Cscript%3E",
                    "%27%3B%20DROP%20TABLE%20users", String(repeating: "x", count: 10_000),
                ]
                for doc in APIRouteDoc.all where !doc.query.isEmpty && routes.contains("\(doc.method) \(doc.path)") {
                    for param in doc.query {
                        for value in queryValues {
                            // `q` is a free-text search: a short odd string is a valid search with no match.
                            let free =
                                (param.name == "q" && value.count <= 100) || (param.name == "offset" && value == "0")
                            try await client.execute(
                                uri: path(doc.path) + "?\(param.name)=\(value)", method: .get, headers: auth
                            ) { response in
                                check("\(doc.path)?\(param.name)=\(value.prefix(30))", response, allowOK: free)
                            }
                        }
                    }
                }
                let pathValues = [
                    "%00", "-1", "0", "abc", "99999999999999999999", "%27%3B%20DROP%20TABLE%20users", "%3Cscript%3E",
                    String(repeating: "9", count: 10_000),
                ]
                for route in routes where route.contains("{") {
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    for value in pathValues {
                        let uri = parts[1].replacingOccurrences(of: "{id}", with: value).replacingOccurrences(
                            of: "{name}", with: value
                        )
                        .replacingOccurrences(of: "{code}", with: value)
                        try await client.execute(
                            uri: uri, method: HTTPRequest.Method(rawValue: parts[0])!, headers: auth,
                            body: ByteBuffer(string: "{}")
                        ) { response in
                            check("\(route) with \(value.prefix(30))", response)
                        }
                    }
                }
                #expect(sent > 500)
                // Free-text questions are stored as questions; nothing else may change.
                #expect(
                    try await APITest.snapshot(context.database, excluding: ["rag_queries"])
                        == before.filter { !$0.hasPrefix("rag_queries") })
                #expect(try await context.accounts.users.count() == 2)
            }
        }
    }
}
