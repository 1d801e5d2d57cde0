import Foundation

/// TDLib's `OptionValue`, the answer of `getOption`.
package enum TDOptionValue: TDDecodable, Hashable {
    /// `optionValueString value:string`.
    case string(String)
    /// `optionValueInteger value:int64` (sent by TDLib as a JSON string).
    case integer(Int64)
    /// `optionValueBoolean value:Bool`.
    case boolean(Bool)
    /// `optionValueEmpty`: the option is not set.
    case empty
    /// A constructor this client does not know.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = [
        "optionValueString", "optionValueInteger", "optionValueBoolean", "optionValueEmpty",
    ]
    /// New option kinds decode to `.unknown`.
    package static var acceptsUnknownConstructors: Bool { true }

    /// The string value, when the option is a string.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        let value = TDKey("value")
        switch type {
        case "optionValueString": self = .string(try container.decode(String.self, forKey: value))
        case "optionValueInteger": self = .integer(try container.decodeTDInt64(forKey: value))
        case "optionValueBoolean": self = .boolean(try container.decode(Bool.self, forKey: value))
        case "optionValueEmpty": self = .empty
        default: self = .unknown(type)
        }
    }
}
