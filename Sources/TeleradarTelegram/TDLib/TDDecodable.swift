import Foundation

/// An object TDLib returns that the client decodes.
package protocol TDDecodable: Decodable, Sendable {
    /// The TL constructors (`@type` values) this type decodes.
    static var constructors: [String] { get }
    /// True when the type also accepts constructors it does not know (decoding them to an `.unknown` case).
    static var acceptsUnknownConstructors: Bool { get }
}

extension TDDecodable {
    /// Closed by default: an answer of another `@type` is an unexpected response.
    package static var acceptsUnknownConstructors: Bool { false }
}
