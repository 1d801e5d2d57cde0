import Foundation
import TeleradarCore

/// One element of an export's `messages` array, decoded tolerantly: every field is optional, wrongly typed
/// fields read as absent, and unknown fields are ignored. `DesktopExportPostMapper` validates what must be
/// there (`id`, `type`, a date) and turns it into an `IncomingPost`.
struct DesktopExportMessage: Decodable, Sendable {
    /// `id`, as a number or a numeric string.
    var id: Int64?
    /// `type`: `message`, `service` or `unsupported` in valid exports.
    var type: String?
    /// `date`: local ISO time without zone, such as `2026-02-01T09:00:00`.
    var date: String?
    /// `date_unixtime`, as a string or a number (newer exports).
    var dateUnixtime: Int64?
    /// `edited`: local ISO time without zone.
    var edited: String?
    /// `edited_unixtime`, as a string or a number.
    var editedUnixtime: Int64?
    /// `from`: the sender's display name.
    var from: String?
    /// `from_id`: `user123`/`channel123` in newer exports, a bare number in older ones.
    var fromID: String?
    /// `actor`: who performed a service action.
    var actor: String?
    /// `author`, or `signature` when there is no `author`.
    var author: String?
    /// The message text in parts: `text_entities` when present (newer exports), unless they are empty while
    /// `text` is not; otherwise `text` (one plain part for a string, the array's parts for an array).
    var textParts: [DesktopExportTextPart]
    /// `forwarded_from`: the original author's display name.
    var forwardedFrom: String?
    /// `reply_to_message_id`.
    var replyToMessageID: Int64?
    /// The kind of media attached, derived from `media_type`, `photo`, `file`, `poll`, `location_information`…
    var mediaKind: MediaKind?
    /// `poll`, converted.
    var poll: Poll?
    /// `action` of a service message.
    var action: String?

    private enum CodingKeys: String, CodingKey {
        case id, type, date, edited, from, actor, author, signature, text, poll, action, photo, file
        case dateUnixtime = "date_unixtime", editedUnixtime = "edited_unixtime", fromID = "from_id"
        case textEntities = "text_entities", forwardedFrom = "forwarded_from"
        case replyToMessageID = "reply_to_message_id", mediaType = "media_type"
        case locationInformation = "location_information", placeName = "place_name"
        case contactInformation = "contact_information", gameTitle = "game_title"
        case invoiceInformation = "invoice_information", todoList = "todo_list"
        case giveawayInformation = "giveaway_information", giveawayResults = "giveaway_results"
        case paidStarsAmount = "paid_stars_amount"
    }

    private static let mediaTypes: [String: MediaKind] = [
        "sticker": .sticker, "video_message": .videoNote, "voice_message": .voice,
        "animation": .animation, "video_file": .video, "audio_file": .audio,
    ]

    /// Decodes tolerantly; only a value that is not a JSON object at all makes this throw.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.exportInt64(.id)
        type = container.exportString(.type)
        date = container.exportString(.date)
        dateUnixtime = container.exportInt64(.dateUnixtime, stringFirst: true)
        edited = container.exportString(.edited)
        editedUnixtime = container.exportInt64(.editedUnixtime, stringFirst: true)
        from = container.exportString(.from)
        fromID = container.exportString(.fromID) ?? container.exportInt64(.fromID).map { String($0) }
        actor = container.exportString(.actor)
        author = container.exportString(.author) ?? container.exportString(.signature)
        textParts = Self.textParts(in: container)
        forwardedFrom = container.exportString(.forwardedFrom)
        replyToMessageID = container.exportInt64(.replyToMessageID)
        poll = (try? container.decodeIfPresent(PollPayload.self, forKey: .poll))?.poll
        action = container.exportString(.action)
        mediaKind = Self.mediaKind(in: container, hasPoll: poll != nil)
    }

    /// `text_entities` win when they carry text, or when `text` does not (so `text` is only decoded if needed).
    private static func textParts(in container: KeyedDecodingContainer<CodingKeys>) -> [DesktopExportTextPart] {
        let entities = (try? container.decodeIfPresent([DesktopExportTextPart].self, forKey: .textEntities)) ?? nil
        if let entities, entities.contains(where: { !$0.text.isEmpty }) { return entities }
        let text: [DesktopExportTextPart]
        if let plain = container.exportString(.text) {
            text = [DesktopExportTextPart(type: DesktopExportTextPart.plainType, text: plain)]
        } else {
            text = (try? container.decodeIfPresent([DesktopExportTextPart].self, forKey: .text)) ?? []
        }
        guard let entities, !text.contains(where: { !$0.text.isEmpty }) else { return text }
        return entities
    }

    private static func mediaKind(in container: KeyedDecodingContainer<CodingKeys>, hasPoll: Bool) -> MediaKind? {
        if let mediaType = container.exportString(.mediaType) { return mediaTypes[mediaType] ?? .other }
        if container.exportHasValue(.photo) { return .photo }
        if container.exportHasValue(.file) { return .document }
        if hasPoll { return .poll }
        if container.exportHasValue(.placeName) { return .venue }
        if container.exportHasValue(.locationInformation) { return .location }
        if container.exportHasValue(.contactInformation) { return .contact }
        if container.exportHasValue(.gameTitle) { return .game }
        if container.exportHasValue(.invoiceInformation) { return .invoice }
        let others: [CodingKeys] = [.todoList, .giveawayInformation, .giveawayResults, .paidStarsAmount]
        if others.contains(where: container.exportHasValue) { return .other }
        return nil
    }
}

/// The `poll` object of a message: `{question, answers: [{text, voters}], total_voters}`.
private struct PollPayload: Decodable {
    var poll: Poll?

    private enum CodingKeys: String, CodingKey {
        case question, answers, text
        case totalVoters = "total_voters"
    }

    /// A poll answer; decoding never fails, so one odd answer cannot stop the rest of the array.
    private struct Answer: Decodable {
        var text: String?

        init(from decoder: any Decoder) throws {
            text = (try? decoder.container(keyedBy: CodingKeys.self))?.exportString(.text)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let question = container.exportString(.question) else { return }
        let answers = (try? container.decodeIfPresent([Answer].self, forKey: .answers)) ?? []
        let totalVoters = container.exportInt64(.totalVoters).flatMap { Int(exactly: $0) }
        poll = Poll(question: question, options: answers.compactMap(\.text), totalVoters: totalVoters)
    }
}

extension KeyedDecodingContainer {
    /// The string at `key`, or `nil` when it is absent, `null` or not a string.
    func exportString(_ key: Key) -> String? {
        (try? decodeIfPresent(String.self, forKey: key)) ?? nil
    }

    /// The integer at `key`, written as a number or as a string of digits; `nil` otherwise.
    /// `stringFirst` tries the string spelling first, saving a failed attempt where strings are usual.
    func exportInt64(_ key: Key, stringFirst: Bool = false) -> Int64? {
        if stringFirst, let text = exportString(key) { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        if let value = (try? decodeIfPresent(Int64.self, forKey: key)) ?? nil { return value }
        if !stringFirst, let text = exportString(key) { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        if let value = (try? decodeIfPresent(Double.self, forKey: key)) ?? nil, value.rounded() == value {
            return Int64(exactly: value)
        }
        return nil
    }

    /// Whether `key` is present with a value other than `null`.
    func exportHasValue(_ key: Key) -> Bool {
        contains(key) && (try? decodeNil(forKey: key)) == false
    }
}
