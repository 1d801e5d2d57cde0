/// A user's role.
package enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case user, admin
}
