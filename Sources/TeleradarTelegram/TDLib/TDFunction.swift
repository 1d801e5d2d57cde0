import Foundation

/// A TDLib API function (a constructor after `---functions---` in `td_api.tl`) that the client can send.
///
/// Conforming types encode only their parameters, with the TL parameter names as keys; `TDRequestEnvelope`
/// adds `@type` and `@extra`.
package protocol TDFunction: Encodable, Sendable {
    /// The object TDLib answers with.
    associatedtype Result: TDDecodable
    /// The TL name of the function, sent as `@type`.
    static var typeName: String { get }
}

/// A request as sent to TDLib: the function's parameters plus `@type` and the `@extra` correlation id that
/// TDLib echoes back in the matching response.
package struct TDRequestEnvelope<Function: TDFunction>: Encodable, Sendable {
    /// The function and its parameters.
    package var function: Function
    /// The correlation id; nil for `td_execute`, whose answer is returned directly.
    package var extra: String?

    private enum EnvelopeKeys: String, CodingKey {
        case type = "@type"
        case extra = "@extra"
    }

    /// An envelope for `function` with correlation id `extra`.
    package init(function: Function, extra: String?) {
        self.function = function
        self.extra = extra
    }

    /// Writes `@type`, `@extra` and the function's parameters into one JSON object.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode(Function.typeName, forKey: .type)
        try container.encodeIfPresent(extra, forKey: .extra)
        try function.encode(to: encoder)
    }

    /// The request as TDLib's JSON text (binary fields as base64, 64-bit integers as TDLib expects them).
    package func jsonString() throws(TDLibError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw .invalidRequest("\(Function.typeName) could not be encoded: \(error)")
        }
    }
}
