import Foundation

/// TDLib's `formattedText`: text with entities whose offsets and lengths count UTF-16 code units.
package struct TDFormattedText: Decodable, Sendable, Hashable {
    /// The TL constructor.
    package static let constructors = ["formattedText"]
    /// An empty text.
    package static let empty = TDFormattedText(text: "")

    /// The plain text.
    package var text: String
    /// Formatting and link spans over `text`.
    package var entities: [TDTextEntity]

    enum CodingKeys: String, CodingKey {
        case text, entities
    }

    /// A text with `entities`.
    package init(text: String, entities: [TDTextEntity] = []) {
        self.text = text
        self.entities = entities
    }

    /// Decodes a `formattedText` object, or a bare string (older TDLib versions send plain strings for some
    /// fields, such as poll questions).
    package init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text: plain)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
            entities: try container.decodeIfPresent([TDTextEntity].self, forKey: .entities) ?? []
        )
    }
}

/// TDLib's `textEntity`.
package struct TDTextEntity: Decodable, Sendable, Hashable {
    /// The TL constructor.
    package static let constructors = ["textEntity"]

    /// Start, in UTF-16 code units.
    package var offset: Int
    /// Length, in UTF-16 code units.
    package var length: Int
    /// What the span is.
    package var type: TDTextEntityType

    enum CodingKeys: String, CodingKey {
        case offset, length, type
    }

    /// An entity field by field.
    package init(offset: Int, length: Int, type: TDTextEntityType) {
        self.offset = offset
        self.length = length
        self.type = type
    }
}
