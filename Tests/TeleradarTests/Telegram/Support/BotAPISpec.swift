import Foundation
import Testing

/// A checker of Bot API calls against the machine-readable spec in
/// `Tests/TeleradarTests/Fixtures/telegram-bot-api-spec/api.json` (PaulSonOfLars/telegram-bot-api-spec, MIT).
///
/// It checks that the method exists, required parameters are present, no unknown parameter is sent, values have
/// the spec's types (recursively through objects, arrays and subtypes), `must be x` discriminators hold, and
/// documented `N-M characters`/`bytes` bounds are kept — for texts "after entities parsing" with
/// `parse_mode: HTML`, on the visible text, after checking the HTML is well formed. It has its own small HTML
/// scanner, independent of the production `TelegramHTMLTokenizer`.
struct BotAPISpec: Sendable {
    /// A field of a method or type.
    struct Field: Decodable, Sendable {
        /// JSON name.
        var name: String
        /// Allowed types, e.g. `["Integer", "String"]` or `["Array of MessageEntity"]`.
        var types: [String]
        /// True if it must be present.
        var required: Bool
        /// Documentation text (bounds and discriminators are read from it).
        var description: String
    }

    /// A method or a type.
    struct Entry: Decodable, Sendable {
        /// Name.
        var name: String
        /// Fields (parameters for methods).
        var fields: [Field]?
        /// For abstract types: the concrete subtypes.
        var subtypes: [String]?
    }

    /// The file's top level.
    private struct File: Decodable {
        var version: String
        var methods: [String: Entry]
        var types: [String: Entry]
    }

    /// Spec version, e.g. `Bot API 10.1`.
    let version: String
    /// Methods by name.
    let methods: [String: Entry]
    /// Types by name.
    let types: [String: Entry]

    /// The spec, loaded once.
    static let shared: Result<BotAPISpec, any Error> = Result { try load() }

    /// The loaded spec, failing the test if the fixture is missing.
    static func loaded() throws -> BotAPISpec { try shared.get() }

    /// Reads api.json from the fixtures folder.
    static func load() throws -> BotAPISpec {
        let url = try #require(BotFixtures.file("telegram-bot-api-spec/api.json"), "api.json fixture not found")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return BotAPISpec(version: file.version, methods: file.methods, types: file.types)
    }

    /// Problems of calling `method` with the JSON object `body`; empty if the call is valid.
    func violations(method: String, body: Data) -> [String] {
        guard let value = try? JSONDecoder().decode(TestJSON.self, from: body) else { return ["body is not JSON"] }
        return violations(method: method, parameters: value)
    }

    /// Problems of calling `method` with `parameters`; empty if the call is valid.
    func violations(method: String, parameters: TestJSON) -> [String] {
        guard let entry = methods[method] else { return ["unknown method \(method)"] }
        guard case .object(let object) = parameters else { return ["\(method): parameters are not an object"] }
        return check(object: object, fields: entry.fields ?? [], path: method)
    }

    /// Problems of `value` as an instance of `type` (a spec type name such as `Update`).
    func violations(value: TestJSON, type: String) -> [String] {
        check(value, types: [type], path: type, parent: [:])
    }

    /// Checks an object's keys and values against `fields`.
    private func check(object: [String: TestJSON], fields: [Field], path: String) -> [String] {
        var problems: [String] = []
        let known = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        for key in object.keys.sorted() where known[key] == nil {
            problems.append("\(path): unknown field \(key)")
        }
        for field in fields {
            guard let value = object[field.name] else {
                if field.required { problems.append("\(path): missing required \(field.name)") }
                continue
            }
            let fieldPath = "\(path).\(field.name)"
            problems += check(value, types: field.types, path: fieldPath, parent: object)
            problems += checkDocumentedRules(value, field: field, path: fieldPath, parent: object)
        }
        return problems
    }

    /// Checks `value` against alternative `types`; fine if any of them fits.
    private func check(_ value: TestJSON, types: [String], path: String, parent: [String: TestJSON]) -> [String] {
        var firstProblems: [String]?
        for type in types {
            let problems = check(value, type: type, path: path)
            if problems.isEmpty { return [] }
            if firstProblems == nil { firstProblems = problems }
        }
        if types.count == 1 { return firstProblems ?? [] }
        return ["\(path): \(value.kind) fits none of \(types.joined(separator: ", "))"]
    }

    /// Checks `value` against one type name.
    private func check(_ value: TestJSON, type: String, path: String) -> [String] {
        if type.hasPrefix("Array of ") {
            guard case .array(let items) = value else { return ["\(path): expected \(type), got \(value.kind)"] }
            let element = String(type.dropFirst("Array of ".count))
            return items.enumerated().flatMap { check($1, types: [element], path: "\(path)[\($0)]", parent: [:]) }
        }
        switch (type, value) {
        case ("Integer", .int), ("Float", .int), ("Float", .double), ("String", .string), ("Boolean", .bool),
             ("True", .bool(true)), ("InputFile", .string):
            return []
        case ("Integer", _), ("Float", _), ("String", _), ("Boolean", _), ("True", _), ("InputFile", _):
            return ["\(path): expected \(type), got \(value.kind)"]
        default:
            break
        }
        guard let entry = types[type] else { return ["\(path): unknown spec type \(type)"] }
        if let subtypes = entry.subtypes, !subtypes.isEmpty {
            let fits = subtypes.contains { check(value, type: $0, path: path).isEmpty }
            return fits ? [] : ["\(path): fits no subtype of \(type)"]
        }
        guard case .object(let object) = value else { return ["\(path): expected \(type) object, got \(value.kind)"] }
        return check(object: object, fields: entry.fields ?? [], path: path)
    }

    /// Checks the rules written in a field's description: `must be x` and `N-M characters|bytes`.
    private func checkDocumentedRules(_ value: TestJSON, field: Field, path: String, parent: [String: TestJSON]) -> [String] {
        guard case .string(let text) = value else { return [] }
        var problems: [String] = []
        if let required = Self.firstMatch(#"must be ([a-z_]+)$"#, in: field.description)?.first, text != required {
            problems.append("\(path): must be \(required), is \(text)")
        }
        guard let bounds = Self.firstMatch(#"(\d+)-(\d+) (characters|bytes)"#, in: field.description),
              let lower = Int(bounds[0]), let upper = Int(bounds[1]) else { return problems }
        var length = bounds[2] == "bytes" ? text.utf8.count : text.utf16.count
        if field.description.contains("after entities parsing"), parent["parse_mode"] == .string("HTML") {
            let scan = Self.scanHTML(text)
            problems += scan.problems.map { "\(path): \($0)" }
            length = scan.visibleLength
        }
        if !(lower...upper).contains(length) {
            problems.append("\(path): length \(length) outside \(lower)-\(upper) \(bounds[2])")
        }
        return problems
    }

    /// Tags Telegram's HTML parse mode accepts.
    static let allowedTags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji",
        "tg-time", "code", "pre", "blockquote",
    ]

    /// Scans Telegram HTML: problems (unknown or unbalanced tags, bare `<`, `>` or `&`) and visible UTF-16 length.
    static func scanHTML(_ html: String) -> (problems: [String], visibleLength: Int) {
        var problems: [String] = []
        var stack: [String] = []
        var length = 0
        var rest = Substring(html)
        while let first = rest.first {
            if first == "<" {
                guard let close = rest.firstIndex(of: ">") else {
                    problems.append("bare <")
                    break
                }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                let closing = inner.hasPrefix("/")
                let name = (closing ? inner.dropFirst() : inner).prefix { $0.isLetter || $0 == "-" }.lowercased()
                if !allowedTags.contains(name) {
                    problems.append("tag <\(name)> not allowed")
                } else if name == "span", !closing, !inner.contains("class=\"tg-spoiler\"") {
                    problems.append("span without class tg-spoiler")
                } else if name == "a", !closing, !inner.contains("href=\"") {
                    problems.append("a without href")
                } else if closing {
                    if stack.last == name { stack.removeLast() } else { problems.append("unbalanced </\(name)>") }
                } else {
                    stack.append(name)
                }
                rest = rest[rest.index(after: close)...]
            } else if first == "&" {
                guard let entity = firstMatch(#"^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);"#, in: String(rest.prefix(12))) else {
                    problems.append("bare &")
                    rest = rest.dropFirst()
                    continue
                }
                let body = entity[0]
                if body.hasPrefix("#x") {
                    length += UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0).utf16.count } ?? 1
                } else if body.hasPrefix("#") {
                    length += UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0).utf16.count } ?? 1
                } else {
                    length += 1
                }
                rest = rest.dropFirst(body.count + 2)
            } else {
                if first == ">" { problems.append("bare >") }
                length += String(first).utf16.count
                rest = rest.dropFirst()
            }
        }
        if !stack.isEmpty { problems.append("unclosed \(stack.joined(separator: ","))") }
        return (problems, length)
    }

    /// The capture groups of the first match of `pattern` in `text`.
    private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
    }
}
