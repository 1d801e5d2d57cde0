import Foundation

/// The documentation of one route, from which `/openapi.json` is built. `APIRouteDoc.all` must list every
/// route of the router (a test compares both ways).
package struct APIRouteDoc: Sendable {
    /// Who may call a route.
    package enum Access: String, Sendable { case `public`, user, admin }

    /// A query parameter.
    package struct Param: Sendable {
        package var name: String
        package var schema: JSONValue
        package var description: String
    }

    package var method: String
    /// OpenAPI form, e.g. `/api/v1/posts/{id}` (what Hummingbird reports for `posts/:id`).
    package var path: String
    package var tag: String
    package var summary: String
    package var access: Access
    package var query: [Param] = []
    /// JSON Schema of the JSON body, if the route takes one.
    package var body: JSONValue?
    package var status: Int = 200
    /// Schema of the success body (nil: no body).
    package var response: JSONValue? = .object([("type", "object")])
    /// Media type of the success body.
    package var mediaType = "application/json"

    /// `{"$ref": "#/components/schemas/<name>"}`.
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func int(_ min: Int, _ max: Int, default value: Int? = nil) -> JSONValue {
        var schema: JSONValue = ["type": "integer", "minimum": .number(Double(min)), "maximum": .number(Double(max))]
        if let value { schema.set("default", .number(Double(value))) }
        return schema
    }
    static func string(max: Int? = nil, enum values: [String]? = nil) -> JSONValue {
        var schema: JSONValue = ["type": "string"]
        if let max { schema.set("maxLength", .number(Double(max))) }
        if let values { schema.set("enum", .array(values.map(JSONValue.string))) }
        return schema
    }
    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var schema: JSONValue = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema.set("required", .array(required.map(JSONValue.string))) }
        return schema
    }
    static func list(_ key: String, of item: JSONValue, paged: Bool = false) -> JSONValue {
        var properties: [(String, JSONValue)] = [(key, ["type": "array", "items": item])]
        if paged {
            properties += [
                ("limit", ["type": "integer"]), ("offset", ["type": "integer"]),
                ("next_offset", ["type": ["integer", "null"]]),
            ]
        }
        return object(properties, required: [key])
    }
    static func limitParam(_ max: Int, _ value: Int) -> Param {
        Param(name: "limit", schema: int(1, max, default: value), description: "page size")
    }
    static let offsetParam = Param(
        name: "offset", schema: int(0, 1_000_000, default: 0), description: "rows to skip (pagination)")
    static let tiers = ["free", "trial", "basic", "premium", "enterprise"]
    static let filters: [(String, JSONValue)] = [
        (
            "channels",
            [
                "type": "array", "maxItems": 100, "items": string(max: 200),
                "description": "narrow to these followed channels",
            ]
        ),
        ("tags", ["type": "array", "maxItems": 20, "items": string(max: 50)]),
        ("date_from", ["type": "string", "format": "date-time"]),
        ("date_to", ["type": "string", "format": "date-time"]),
    ]
    static let results = object([("results", ["type": "array", "items": ref("SearchResult")])], required: ["results"])
}
