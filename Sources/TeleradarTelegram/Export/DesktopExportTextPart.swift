/// One piece of a message's text: a plain string, or a formatted part such as
/// `{"type": "text_link", "text": "here", "href": "https://…"}` from `text` arrays and `text_entities`.
struct DesktopExportTextPart: Decodable, Sendable, Hashable {
    /// The type of unformatted parts.
    static let plainType = "plain"

    /// The export's part type: `plain`, `bold`, `link`, `text_link`, `pre`, `mention`…
    var type: String
    /// The text the part covers.
    var text: String
    /// The target of a `text_link`.
    var href: String?
    /// The language of a `pre` block.
    var language: String?

    private enum CodingKeys: String, CodingKey {
        case type, text, href, language
    }

    /// Creates a part.
    init(type: String, text: String, href: String? = nil, language: String? = nil) {
        self.type = type
        self.text = text
        self.href = href
        self.language = language
    }

    /// Decodes a bare string as a plain part and an object as a typed part; anything else becomes an empty
    /// plain part. Never throws, so one odd part cannot stop the rest of the array from decoding.
    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            self.init(
                type: container.exportString(.type) ?? Self.plainType,
                text: container.exportString(.text) ?? "",
                href: container.exportString(.href),
                language: container.exportString(.language)
            )
        } else if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(type: Self.plainType, text: text)
        } else {
            self.init(type: Self.plainType, text: "")
        }
    }
}
