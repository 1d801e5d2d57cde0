import Foundation

/// TDLib's `supergroupFullInfo`, reduced to the description and member count.
package struct TDSupergroupFullInfo: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["supergroupFullInfo"]

    /// The channel or group description.
    package var description: String
    /// Subscribers or members; 0 when Telegram does not tell.
    package var memberCount: Int

    enum CodingKeys: String, CodingKey {
        case description
        case memberCount = "member_count"
    }

    /// A value field by field.
    package init(description: String, memberCount: Int) {
        self.description = description
        self.memberCount = memberCount
    }

    /// Decodes leniently: absent fields are empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        memberCount = try container.decodeIfPresent(Int.self, forKey: .memberCount) ?? 0
    }
}
