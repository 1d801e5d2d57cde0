import Foundation

/// TDLib's `messages`, the answer of `getChatHistory`.
package struct TDMessages: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["messages"]

    /// TDLib's approximate total count of messages found (not of this page).
    package var totalCount: Int
    /// The messages, newest first; null entries (inaccessible messages) are dropped.
    package var messages: [TDMessage]

    enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case messages
    }

    /// A page field by field.
    package init(totalCount: Int, messages: [TDMessage]) {
        self.totalCount = totalCount
        self.messages = messages
    }

    /// Decodes, dropping null messages.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = try container.decodeIfPresent(Int.self, forKey: .totalCount) ?? 0
        messages = try container.decode([TDMessage?].self, forKey: .messages).compactMap { $0 }
    }
}
