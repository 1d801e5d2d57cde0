import Foundation

/// Builds the OpenAPI 3.1 document from `APIRouteDoc.all`.
package enum OpenAPIDocument {
    /// The document's JSON bytes (built once).
    package static let json: Data = encode(APIRouteDoc.all)
    /// The document with `POST /bot/webhook` (the bot in webhook mode).
    package static let jsonWithWebhook: Data = encode(APIRouteDoc.all + [APIRouteDoc.botWebhook])

    private static func encode(_ routes: [APIRouteDoc]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .prettyPrinted]
        return (try? encoder.encode(document(routes))) ?? Data("{}".utf8)
    }

    static let errorStatuses: [(Int, String)] = [
        (400, "Invalid parameter or body (the message names it)"), (401, "Missing or invalid credentials"),
        (403, "Not allowed (administrators only, or the account is blocked)"), (404, "Not found in the caller's scope"),
        (409, "Conflict"), (413, "Body too large"), (422, "Well-formed but unprocessable (e.g. unknown channel)"),
        (429, "Rate limit or quota exceeded (see Retry-After)"), (500, "Internal error"),
    ]

    /// The document for `routes`.
    package static func document(_ routes: [APIRouteDoc]) -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for route in routes {
            let operation = operation(route)
            if let index = paths.firstIndex(where: { $0.0 == route.path }) {
                paths[index].1.set(route.method.lowercased(), operation)
            } else {
                paths.append((route.path, .object([(route.method.lowercased(), operation)])))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Teleradar API", "version": .string(TeleradarHTTPVersion.api),
                "description": """
                Every /api/v1 route needs `Authorization: Bearer <api token>`, `Authorization: tma <initData>` (Mini Apps) \
                or `Authorization: Session <token>` (admin panel), and sees only the caller's data. Errors are \
                `{"error": code, "message": text}`. Every response carries `X-Trace-ID`; a W3C `traceparent` is honoured.
                """,
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer",
                        "description": "API token (`teleradar admin token` or the bot's /token)",
                    ],
                    "tma": [
                        "type": "http", "scheme": "tma",
                        "description": "Telegram Mini App initData, validated with the bot token",
                    ],
                    "session": [
                        "type": "http", "scheme": "session",
                        "description": "Admin panel session from POST /api/v1/admin/session",
                    ],
                ],
                "schemas": schemas,
            ],
        ]
    }

    static func operation(_ route: APIRouteDoc) -> JSONValue {
        var parameters: [JSONValue] = []
        for name in route.path.split(separator: "/").filter({ $0.hasPrefix("{") }).map({
            String($0.dropFirst().dropLast())
        }) {
            let schema: JSONValue = name == "id" ? ["type": "integer", "minimum": 1] : ["type": "string"]
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": schema])
        }
        for param in route.query {
            parameters.append([
                "name": .string(param.name), "in": "query", "required": false, "schema": param.schema,
                "description": .string(param.description),
            ])
        }
        var responses: [(String, JSONValue)] = []
        var success: JSONValue = ["description": "Success"]
        if let response = route.response {
            success.set("content", .object([(route.mediaType, JSONValue.object([("schema", response)]))]))
        }
        responses.append((String(route.status), success))
        let errors = route.access == .public ? errorStatuses.filter { $0.0 == 500 } : errorStatuses
        for (status, text) in errors {
            responses.append(
                (
                    String(status),
                    [
                        "description": .string(text),
                        "content": ["application/json": ["schema": APIRouteDoc.ref("Error")]],
                    ]
                ))
        }
        var operation: JSONValue = [
            "tags": [.string(route.tag)], "summary": .string(route.summary),
            "operationId": .string(operationID(route)), "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        if let body = route.body {
            operation.set("requestBody", ["required": true, "content": ["application/json": ["schema": body]]])
        }
        operation.set("security", route.access == .public ? [] : [["bearer": []], ["tma": []], ["session": []]])
        if route.access == .admin { operation.set("x-admin-only", true) }
        return operation
    }

    static func operationID(_ route: APIRouteDoc) -> String {
        let words = route.path.split(separator: "/").filter { $0 != "api" && $0 != "v1" }
            .map { $0.hasPrefix("{") ? "by_" + $0.dropFirst().dropLast() : String($0) }
        return route.method.lowercased() + "_" + words.joined(separator: "_").replacingOccurrences(of: ".", with: "_")
    }

    static let schemas: JSONValue = [
        "Error": APIRouteDoc.object(
            [("error", ["type": "string"]), ("message", ["type": "string"])], required: ["error", "message"]),
        "User": APIRouteDoc.object([
            ("id", ["type": "integer"]), ("telegram_id", ["type": "integer"]),
            ("username", ["type": ["string", "null"]]),
            ("role", APIRouteDoc.string(enum: ["user", "admin"])),
            ("tier", APIRouteDoc.string(enum: APIRouteDoc.tiers)),
            ("tier_expires_at", ["type": ["string", "null"], "format": "date-time"]),
            ("retention_days", ["type": "integer"]),
            ("is_blocked", ["type": "boolean"]),
        ]),
        "Channel": APIRouteDoc.object([
            ("id", ["type": "integer"]), ("username", ["type": "string"]), ("title", ["type": "string"]),
            ("last_parsed_at", ["type": ["string", "null"], "format": "date-time"]),
        ]),
        "Post": APIRouteDoc.object([
            ("id", ["type": "integer"]), ("channel_id", ["type": "integer"]), ("channel_username", ["type": "string"]),
            ("message_id", ["type": "integer"]), ("text", ["type": "string"]),
            ("views", ["type": ["integer", "null"]]),
            ("posted_at", ["type": "string", "format": "date-time"]),
            ("tags", ["type": "array", "items": ["type": "string"]]),
        ]),
        "SearchResult": APIRouteDoc.object([
            ("post", APIRouteDoc.ref("Post")), ("score", ["type": "number"]),
            ("keyword_rank", ["type": ["integer", "null"]]),
            ("vector_rank", ["type": ["integer", "null"]]), ("explanation", ["type": "string"]),
        ]),
        "Dependencies": APIRouteDoc.object([
            ("status", APIRouteDoc.string(enum: ["ok", "degraded", "down"])),
            ("checked_at", ["type": "string", "format": "date-time"]),
            (
                "dependencies",
                [
                    "type": "object",
                    "additionalProperties": APIRouteDoc.object([
                        ("status", APIRouteDoc.string(enum: ["ok", "error", "not_configured", "missing"])),
                        ("latency_ms", ["type": ["number", "null"]]),
                        ("detail", ["type": ["string", "null"]]),
                    ]),
                ]
            ),
        ]),
    ]
}

/// Versions shown in the API document.
package enum TeleradarHTTPVersion {
    /// The API's version (the `/api/v1` prefix).
    package static let api = "1.0.0"
}
