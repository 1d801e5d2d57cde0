import Foundation

/// TDLib's `user`, reduced to identity.
package struct TDUser: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["user"]

    /// The user id.
    package var id: Int64
    /// First name.
    package var firstName: String
    /// Last name; may be empty.
    package var lastName: String
    /// Active usernames, the editable one first when TDLib lists it so.
    package var usernames: [String]

    enum CodingKeys: String, CodingKey {
        case id
        case firstName = "first_name"
        case lastName = "last_name"
        case usernames
    }

    private struct Usernames: Decodable {
        var activeUsernames: [String]?
        enum CodingKeys: String, CodingKey { case activeUsernames = "active_usernames" }
    }

    /// A user field by field.
    package init(id: Int64, firstName: String, lastName: String = "", usernames: [String] = []) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.usernames = usernames
    }

    /// Decodes `id`, names and `usernames.active_usernames` (absent `usernames` means none).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName) ?? ""
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName) ?? ""
        usernames = try container.decodeIfPresent(Usernames.self, forKey: .usernames)?.activeUsernames ?? []
    }

    /// "First Last", or the first username when both names are empty.
    package var displayName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? (usernames.first.map { "@\($0)" } ?? "user \(id)") : name
    }
}
