import Foundation
import TeleradarCore

/// One element of an export's `messages` array, decoded tolerantly: every field is optional, wrongly typed
/// fields read as absent, and unknown fields are ignored. `DesktopExportPostMapper` validates what must be
/// there (`id`, `type`, a date) and turns it into an `IncomingPost`.
struct DesktopExportMessage: Sendable {
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

    private static let mediaTypes: [String: MediaKind] = [
        "sticker": .sticker, "video_message": .videoNote, "voice_message": .voice,
        "animation": .animation, "video_file": .video, "audio_file": .audio,
    ]

    /// Reads a message object tolerantly (anything else reads as a message without fields).
    init(json: ExportJSON) {
        id = json.int64("id")
        type = json.string("type")
        date = json.string("date")
        dateUnixtime = json.int64("date_unixtime")
        edited = json.string("edited")
        editedUnixtime = json.int64("edited_unixtime")
        from = json.string("from")
        fromID = json.string("from_id") ?? json.int64("from_id").map { String($0) }
        actor = json.string("actor")
        author = json.string("author") ?? json.string("signature")
        textParts = Self.textParts(in: json)
        forwardedFrom = json.string("forwarded_from")
        replyToMessageID = json.int64("reply_to_message_id")
        poll = json["poll"].flatMap(Self.poll(from:))
        action = json.string("action")
        mediaKind = Self.mediaKind(in: json, hasPoll: poll != nil)
    }

    /// `text_entities` win when they carry text, or when `text` does not (so `text` is only read if needed).
    private static func textParts(in json: ExportJSON) -> [DesktopExportTextPart] {
        let entities = json.array("text_entities")?.map(DesktopExportTextPart.init(json:))
        if let entities, entities.contains(where: { !$0.text.isEmpty }) { return entities }
        let text: [DesktopExportTextPart]
        if let plain = json.string("text") {
            text = [DesktopExportTextPart(type: DesktopExportTextPart.plainType, text: plain)]
        } else {
            text = json.array("text")?.map(DesktopExportTextPart.init(json:)) ?? []
        }
        guard let entities, !text.contains(where: { !$0.text.isEmpty }) else { return text }
        return entities
    }

    private static let otherMediaKeys = ["todo_list", "giveaway_information", "giveaway_results", "paid_stars_amount"]

    private static func mediaKind(in json: ExportJSON, hasPoll: Bool) -> MediaKind? {
        if let mediaType = json.string("media_type") { return mediaTypes[mediaType] ?? .other }
        if json.hasValue("photo") { return .photo }
        if json.hasValue("file") { return .document }
        if hasPoll { return .poll }
        if json.hasValue("place_name") { return .venue }
        if json.hasValue("location_information") { return .location }
        if json.hasValue("contact_information") { return .contact }
        if json.hasValue("game_title") { return .game }
        if json.hasValue("invoice_information") { return .invoice }
        if otherMediaKeys.contains(where: json.hasValue) { return .other }
        return nil
    }

    /// The `poll` object of a message: `{question, answers: [{text, voters}], total_voters}`; nil without a
    /// question. An odd answer is skipped, not fatal.
    private static func poll(from json: ExportJSON) -> Poll? {
        guard let question = json.string("question") else { return nil }
        let answers = json.array("answers")?.compactMap { $0.string("text") } ?? []
        let totalVoters = json.int64("total_voters").flatMap { Int(exactly: $0) }
        return Poll(question: question, options: answers, totalVoters: totalVoters)
    }
}
