import Foundation

/// TDLib's `linkPreview`, reduced to what `LinkPreview` keeps.
package struct TDLinkPreview: Decodable, Sendable, Hashable {
    /// The TL constructor.
    package static let constructors = ["linkPreview"]

    /// The previewed URL.
    package var url: String
    /// The site name; may be empty.
    package var siteName: String
    /// The page title; may be empty.
    package var title: String
    /// The page description.
    package var description: TDFormattedText

    enum CodingKeys: String, CodingKey {
        case url
        case siteName = "site_name"
        case title, description
    }

    /// A preview field by field.
    package init(url: String, siteName: String = "", title: String = "", description: TDFormattedText = .empty) {
        self.url = url
        self.siteName = siteName
        self.title = title
        self.description = description
    }

    /// Decodes leniently: only `url` is required.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        siteName = try container.decodeIfPresent(String.self, forKey: .siteName) ?? ""
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        description = try container.decodeIfPresent(TDFormattedText.self, forKey: .description) ?? .empty
    }
}
