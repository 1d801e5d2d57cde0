/// One piece of a message's text: a plain string, or a formatted part such as
/// `{"type": "text_link", "text": "here", "href": "https://…"}` from `text` arrays and `text_entities`.
struct DesktopExportTextPart: Sendable, Hashable {
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

    /// Creates a part.
    init(type: String, text: String, href: String? = nil, language: String? = nil) {
        self.type = type
        self.text = text
        self.href = href
        self.language = language
    }

    /// Reads a bare string as a plain part and an object as a typed part; anything else becomes an empty plain
    /// part, so one odd part cannot stop the rest of the array.
    init(json: ExportJSON) {
        switch json {
        case .object:
            self.init(
                type: json.string("type") ?? Self.plainType, text: json.string("text") ?? "",
                href: json.string("href"), language: json.string("language"))
        case .string(let text):
            self.init(type: Self.plainType, text: text)
        default:
            self.init(type: Self.plainType, text: "")
        }
    }
}
