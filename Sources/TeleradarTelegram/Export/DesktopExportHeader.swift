import Foundation

/// The chat described by a Telegram Desktop export: the top-level `name`, `type` and `id` of `result.json`.
package struct DesktopExportHeader: Sendable, Hashable {
    /// The chat title or contact name; absent for `saved_messages` exports.
    package var name: String?
    /// The chat type, parsed from the raw `type` string.
    package var chatType: DesktopExportChatType?
    /// The chat id as the export writes it (a bare number, without the `-100` channel prefix).
    package var id: Int64?
    /// Every top-level scalar member, including the three above and any unknown ones.
    package var fields: [String: StreamedJSONScalar]

    /// Builds a header from explicit values (mostly for tests).
    package init(
        name: String?, chatType: DesktopExportChatType?, id: Int64?, fields: [String: StreamedJSONScalar] = [:]
    ) {
        self.name = name
        self.chatType = chatType
        self.id = id
        self.fields = fields
    }

    /// Builds a header from the top-level scalar members collected by `JSONObjectStreamer`.
    package init(fields: [String: StreamedJSONScalar]) {
        self.name = fields["name"]?.stringValue
        self.chatType = fields["type"]?.stringValue.map(DesktopExportChatType.init(rawValue:))
        self.id = fields["id"]?.int64Value
        self.fields = fields
    }
}

/// The `type` of an exported chat.
package enum DesktopExportChatType: Sendable, Hashable, CustomStringConvertible {
    /// `public_channel`
    case publicChannel
    /// `private_channel`
    case privateChannel
    /// `public_supergroup`
    case publicSupergroup
    /// `private_supergroup`
    case privateSupergroup
    /// `private_group` (a basic group)
    case privateGroup
    /// `personal_chat` (a one-to-one chat)
    case personalChat
    /// `saved_messages`
    case savedMessages
    /// `bot_chat`
    case botChat
    /// A type this reader does not know, kept verbatim.
    case other(String)

    private static let known: [(String, DesktopExportChatType)] = [
        ("public_channel", .publicChannel), ("private_channel", .privateChannel),
        ("public_supergroup", .publicSupergroup), ("private_supergroup", .privateSupergroup),
        ("private_group", .privateGroup), ("personal_chat", .personalChat),
        ("saved_messages", .savedMessages), ("bot_chat", .botChat),
    ]

    /// Parses the export's snake-case spelling; unknown spellings become `.other`.
    package init(rawValue: String) {
        self = Self.known.first { $0.0 == rawValue }?.1 ?? .other(rawValue)
    }

    /// The export's snake-case spelling (`public_channel`…).
    package var rawValue: String {
        if case .other(let raw) = self { return raw }
        return Self.known.first { $0.1 == self }?.0 ?? ""
    }

    /// Whether the chat is a broadcast channel (public or private).
    package var isChannel: Bool { self == .publicChannel || self == .privateChannel }

    /// The raw spelling.
    package var description: String { rawValue }
}
