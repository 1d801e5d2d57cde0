import Foundation

/// TDLib's `TextEntityType`.
package enum TDTextEntityType: Decodable, Sendable, Hashable {
    /// Entities detected in the text: `textEntityTypeMention`, `…Hashtag`, `…Cashtag`, `…BotCommand`, `…Url`,
    /// `…EmailAddress`, `…PhoneNumber`, `…BankCardNumber`.
    case mention, hashtag, cashtag, botCommand, url, emailAddress, phoneNumber, bankCardNumber
    /// Formatting: `textEntityTypeBold`, `…Italic`, `…Underline`, `…Strikethrough`, `…Spoiler`, `…Code`, `…Pre`,
    /// `…BlockQuote`, `…ExpandableBlockQuote`.
    case bold, italic, underline, strikethrough, spoiler, code, pre, blockQuote, expandableBlockQuote
    /// `textEntityTypePreCode`: a code block in `language`.
    case preCode(language: String)
    /// `textEntityTypeTextUrl`: text linking to `url`.
    case textURL(url: String)
    /// `textEntityTypeMentionName`: a mention of a user without a username.
    case mentionName(userID: Int64)
    /// `textEntityTypeCustomEmoji`.
    case customEmoji(id: Int64)
    /// `textEntityTypeMediaTimestamp`: a timestamp into the attached media.
    case mediaTimestamp(seconds: Int)
    /// `textEntityTypeDateTime`: a formatted point in time.
    case dateTime(unixTime: Int)
    /// An entity type this client does not know.
    case unknown(String)

    /// Constructors without parameters, by TL name.
    private static let simple: [String: TDTextEntityType] = [
        "textEntityTypeMention": .mention, "textEntityTypeHashtag": .hashtag, "textEntityTypeCashtag": .cashtag,
        "textEntityTypeBotCommand": .botCommand, "textEntityTypeUrl": .url,
        "textEntityTypeEmailAddress": .emailAddress, "textEntityTypePhoneNumber": .phoneNumber,
        "textEntityTypeBankCardNumber": .bankCardNumber, "textEntityTypeBold": .bold,
        "textEntityTypeItalic": .italic, "textEntityTypeUnderline": .underline,
        "textEntityTypeStrikethrough": .strikethrough, "textEntityTypeSpoiler": .spoiler,
        "textEntityTypeCode": .code, "textEntityTypePre": .pre, "textEntityTypeBlockQuote": .blockQuote,
        "textEntityTypeExpandableBlockQuote": .expandableBlockQuote,
    ]

    /// The TL constructors decoded.
    package static let constructors =
        simple.keys.sorted() + [
            "textEntityTypePreCode", "textEntityTypeTextUrl", "textEntityTypeMentionName", "textEntityTypeCustomEmoji",
            "textEntityTypeMediaTimestamp", "textEntityTypeDateTime",
        ]

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        if let simple = Self.simple[type] {
            self = simple
            return
        }
        switch type {
        case "textEntityTypePreCode":
            self = .preCode(language: try container.decode(String.self, forKey: TDKey("language"), default: ""))
        case "textEntityTypeTextUrl": self = .textURL(url: try container.decode(String.self, forKey: TDKey("url")))
        case "textEntityTypeMentionName":
            self = .mentionName(userID: try container.decode(Int64.self, forKey: TDKey("user_id")))
        case "textEntityTypeCustomEmoji":
            self = .customEmoji(id: try container.decodeTDInt64(forKey: TDKey("custom_emoji_id")))
        case "textEntityTypeMediaTimestamp":
            self = .mediaTimestamp(seconds: try container.decode(Int.self, forKey: TDKey("media_timestamp")))
        case "textEntityTypeDateTime":
            self = .dateTime(unixTime: try container.decode(Int.self, forKey: TDKey("unix_time")))
        default:
            self = .unknown(type)
        }
    }

    /// The Bot API name of the entity type, as `TextEntity.type` stores it (`bold`, `text_link`,
    /// `text_mention`…); unknown types become the snake-cased TL suffix.
    package var botAPIName: String {
        switch self {
        case .mention: "mention"
        case .hashtag: "hashtag"
        case .cashtag: "cashtag"
        case .botCommand: "bot_command"
        case .url: "url"
        case .emailAddress: "email"
        case .phoneNumber: "phone_number"
        case .bankCardNumber: "bank_card_number"
        case .bold: "bold"
        case .italic: "italic"
        case .underline: "underline"
        case .strikethrough: "strikethrough"
        case .spoiler: "spoiler"
        case .code: "code"
        case .pre, .preCode: "pre"
        case .blockQuote: "blockquote"
        case .expandableBlockQuote: "expandable_blockquote"
        case .textURL: "text_link"
        case .mentionName: "text_mention"
        case .customEmoji: "custom_emoji"
        case .mediaTimestamp: "media_timestamp"
        case .dateTime: "date_time"
        case .unknown(let type): Self.snakeCase(type.hasPrefix("textEntityType") ? String(type.dropFirst(14)) : type)
        }
    }

    /// `BankCardNumber` → `bank_card_number`.
    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result.append("_") }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
