import Foundation
import Testing

/// The OpenAI OpenAPI subset fixture (`openai-openapi/openapi.embeddings_chat_subset.json`), read for the
/// required and known properties of its schemas (following `$ref` and `allOf`).
struct OpenAPISubset {
    private let schemas: [String: Any]

    /// Loads the fixture; `nil` (with a recorded failure) when it is missing.
    static func load(sourceLocation: SourceLocation = #_sourceLocation) throws -> OpenAPISubset? {
        guard
            let data = AITestSupport.fixture(
                "openai-openapi/openapi.embeddings_chat_subset.json", sourceLocation: sourceLocation)
        else { return nil }
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let components = try #require(root["components"] as? [String: Any])
        return OpenAPISubset(schemas: try #require(components["schemas"] as? [String: Any]))
    }

    /// Required property names of schema `name`.
    func required(_ name: String) -> Set<String> { collect(name).required }

    /// Property names schema `name` defines.
    func properties(_ name: String) -> Set<String> { collect(name).properties }

    private func collect(_ name: String) -> (required: Set<String>, properties: Set<String>) {
        guard let schema = schemas[name] as? [String: Any] else { return ([], []) }
        return collect(schema: schema)
    }

    private func collect(schema: [String: Any]) -> (required: Set<String>, properties: Set<String>) {
        if let reference = schema["$ref"] as? String {
            return collect(String(reference.split(separator: "/").last ?? ""))
        }
        var required = Set(schema["required"] as? [String] ?? [])
        var properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            let nested = collect(schema: part)
            required.formUnion(nested.required)
            properties.formUnion(nested.properties)
        }
        return (required, properties)
    }

    /// Checks that `object` has every required property of `schema` and no property the schema lacks.
    func check(_ object: [String: Any], against schema: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let keys = Set(object.keys)
        let required = required(schema)
        #expect(!required.isEmpty, "schema \(schema) has required properties", sourceLocation: sourceLocation)
        #expect(
            required.isSubset(of: keys), "\(schema) needs \(required.subtracting(keys))", sourceLocation: sourceLocation
        )
        let unknown = keys.subtracting(properties(schema))
        #expect(unknown.isEmpty, "\(schema) does not define \(unknown)", sourceLocation: sourceLocation)
    }
}
