import Foundation

/// A small parser for TDLib's `td_api.tl`: constructors (types) before `---functions---`, functions after,
/// each with its parameters; plus a checker of JSON objects against them.
struct TLSchema: Sendable {
    /// One constructor or function: `name param:type … = Result;`.
    struct Combinator: Sendable, Hashable {
        var name: String
        var parameters: [(name: String, type: String)]
        var result: String

        static func == (lhs: Combinator, rhs: Combinator) -> Bool {
            lhs.name == rhs.name && lhs.result == rhs.result
                && lhs.parameters.map { "\($0.name):\($0.type)" } == rhs.parameters.map { "\($0.name):\($0.type)" }
        }

        func hash(into hasher: inout Hasher) { hasher.combine(name) }

        func type(of parameter: String) -> String? {
            parameters.first { $0.name == parameter }?.type
        }
    }

    /// Constructors by name.
    var constructors: [String: Combinator] = [:]
    /// Functions by name.
    var functions: [String: Combinator] = [:]

    private static let builtins: Set<String> = [
        "double", "string", "int32", "int53", "int64", "bytes", "boolFalse", "boolTrue", "vector",
    ]

    /// Parses the schema text.
    init(text: String) {
        var inFunctions = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line == "---functions---" {
                inFunctions = true
                continue
            }
            guard !line.isEmpty, !line.hasPrefix("//"), line.hasSuffix(";"),
                let equals = line.range(of: " = ") ?? line.range(of: "= ")
            else { continue }
            let left = line[..<equals.lowerBound].split(separator: " ").map(String.init)
            guard let name = left.first, !Self.builtins.contains(name), !line.contains("{"), !line.contains("?") else {
                continue
            }
            let result = line[equals.upperBound...].dropLast().trimmingCharacters(in: .whitespaces)
            let parameters = left.dropFirst().compactMap { token -> (name: String, type: String)? in
                guard let colon = token.firstIndex(of: ":") else { return nil }
                return (String(token[..<colon]), String(token[token.index(after: colon)...]))
            }
            let combinator = Combinator(name: name, parameters: parameters, result: result)
            if inFunctions { functions[name] = combinator } else { constructors[name] = combinator }
        }
    }

    /// Problems of `object` as a constructor (or, with `asFunction`, a function) of this schema: unknown
    /// `@type`, unknown fields, JSON types not matching the parameter types; nested objects are checked too.
    /// With `requireAllParameters`, missing parameters are problems as well.
    func problems(
        of object: TestJSON, asFunction: Bool = false, requireAllParameters: Bool = false, path: String = "$"
    )
        -> [String]
    {
        guard let members = object.objectValue else { return ["\(path): not an object"] }
        guard let type = object.type else { return ["\(path): no @type"] }
        guard let combinator = (asFunction ? functions : constructors)[type] else {
            return ["\(path): @type \(type) is not a \(asFunction ? "function" : "constructor") of td_api.tl"]
        }
        var problems: [String] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("@") {
            guard let parameterType = combinator.type(of: key) else {
                problems.append("\(path).\(key): \(type) has no parameter \(key)")
                continue
            }
            problems += self.problems(of: value, as: parameterType, path: "\(path).\(key)")
        }
        if requireAllParameters {
            for parameter in combinator.parameters where members[parameter.name] == nil {
                problems.append("\(path): \(type) misses parameter \(parameter.name)")
            }
        }
        return problems
    }

    /// Problems of `value` as a value of TL type `type`.
    func problems(of value: TestJSON, as type: String, path: String) -> [String] {
        func expect(_ ok: Bool, _ what: String) -> [String] {
            ok ? [] : ["\(path): expected \(what) for \(type), got \(value.text.prefix(80))"]
        }
        switch type {
        case "int32", "int53":
            return expect(value.intValue != nil, "a JSON integer")
        case "double":
            if case .double = value { return [] }
            return expect(value.intValue != nil, "a JSON number")
        case "int64":
            return expect(value.stringValue.flatMap { Int64($0) } != nil, "a JSON string holding an integer")
        case "string":
            return expect(value.stringValue != nil, "a JSON string")
        case "bytes":
            return expect(value.stringValue.flatMap { Data(base64Encoded: $0) } != nil, "a base64 JSON string")
        case "Bool":
            return expect(value.boolValue != nil, "a JSON boolean")
        default:
            break
        }
        if type.hasPrefix("vector<"), type.hasSuffix(">") {
            guard let elements = value.arrayValue else { return expect(false, "a JSON array") }
            let element = String(type.dropFirst(7).dropLast())
            return elements.enumerated().flatMap { problems(of: $1, as: element, path: "\(path)[\($0)]") }
        }
        if value == .null { return [] }
        guard let nestedType = value.type, let constructor = constructors[nestedType] else {
            return problems(of: value, path: path)
        }
        let boxed = type.prefix(1).uppercased() + type.dropFirst()
        guard constructor.name == type || constructor.result == boxed else {
            return ["\(path): \(nestedType) (a \(constructor.result)) where \(type) is expected"]
                + problems(of: value, path: path)
        }
        return problems(of: value, path: path)
    }
}
