import Foundation

/// TDLib's `MessageContent`, for the kinds a post can carry; every other kind (service messages included)
/// is `.other` with its `@type`.
package enum TDMessageContent: Decodable, Sendable, Hashable {
    /// `messageText`, with its link preview when there is one.
    case text(TDFormattedText, linkPreview: TDLinkPreview?)
    /// `messagePhoto`.
    case photo(caption: TDFormattedText)
    /// `messageVideo`.
    case video(caption: TDFormattedText)
    /// `messageDocument`.
    case document(caption: TDFormattedText)
    /// `messageAudio`.
    case audio(caption: TDFormattedText)
    /// `messageVoiceNote`.
    case voiceNote(caption: TDFormattedText)
    /// `messageVideoNote` (round video; no caption).
    case videoNote
    /// `messageSticker` (no caption).
    case sticker
    /// `messageAnimation` (GIF or silent video).
    case animation(caption: TDFormattedText)
    /// `messagePoll`.
    case poll(TDPoll)
    /// Any other content, by `@type` (`messageLocation`, `messagePinMessage`, `messageUnsupported`…).
    case other(String)

    /// The TL constructors decoded to a specific case.
    package static let constructors = [
        "messageText", "messagePhoto", "messageVideo", "messageDocument", "messageAudio", "messageVoiceNote",
        "messageVideoNote", "messageSticker", "messageAnimation", "messagePoll",
    ]

    /// Decodes by `@type`; a missing caption is empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        func caption() throws -> TDFormattedText {
            try container.decode(TDFormattedText.self, forKey: TDKey("caption"), default: .empty)
        }
        switch type {
        case "messageText":
            self = .text(
                try container.decode(TDFormattedText.self, forKey: TDKey("text")),
                linkPreview: try container.decodeIfPresent(TDLinkPreview.self, forKey: TDKey("link_preview"))
            )
        case "messagePhoto": self = .photo(caption: try caption())
        case "messageVideo": self = .video(caption: try caption())
        case "messageDocument": self = .document(caption: try caption())
        case "messageAudio": self = .audio(caption: try caption())
        case "messageVoiceNote": self = .voiceNote(caption: try caption())
        case "messageVideoNote": self = .videoNote
        case "messageSticker": self = .sticker
        case "messageAnimation": self = .animation(caption: try caption())
        case "messagePoll": self = .poll(try container.decode(TDPoll.self, forKey: TDKey("poll")))
        default: self = .other(type)
        }
    }

    /// The text of a text message or the caption of a media message; empty otherwise.
    package var formattedText: TDFormattedText {
        switch self {
        case .text(let text, _): text
        case .photo(let caption), .video(let caption), .document(let caption), .audio(let caption),
            .voiceNote(let caption), .animation(let caption):
            caption
        case .videoNote, .sticker, .poll, .other: .empty
        }
    }
}
