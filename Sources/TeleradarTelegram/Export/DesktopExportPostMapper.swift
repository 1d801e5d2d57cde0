import Foundation
import TeleradarCore

/// Turns decoded export messages into `IncomingPost`s, validating what a post cannot do without.
enum DesktopExportPostMapper {
    /// Export part types renamed to the Bot API entity names that `TextEntity` uses; others are kept as they are.
    static let entityTypeNames: [String: String] = [
        "link": "url",
        "mention_name": "text_mention",
        "phone": "phone_number",
    ]

    /// The post for `message`, or `nil` for an `unsupported` placeholder (a message Telegram Desktop could
    /// not export). `index` and `offset` locate the message in the file for error messages.
    static func post(
        from message: DesktopExportMessage, index: Int, offset: Int64
    ) throws(DesktopExportError) -> IncomingPost? {
        guard let id = message.id else { throw .missingMessageID(index: index, offset: offset) }
        let isService: Bool
        switch message.type ?? "" {
        case "message": isService = false
        case "service": isService = true
        case "unsupported": return nil
        case let other: throw .unexpectedMessageType(messageID: id, type: other, index: index)
        }
        let postedAt: Date
        if let seconds = message.dateUnixtime {
            postedAt = DesktopExportDate.fromUnixTime(seconds)
        } else if let text = message.date, let date = DesktopExportDate.parseLocal(text) {
            postedAt = date
        } else {
            throw .invalidDate(messageID: id, index: index, value: message.date ?? "(missing)")
        }
        let editedAt =
            message.editedUnixtime.map(DesktopExportDate.fromUnixTime)
            ?? message.edited.flatMap(DesktopExportDate.parseLocal)
        let (text, entities) = compose(message.textParts)
        return IncomingPost(
            messageID: id,
            postedAt: postedAt,
            editedAt: editedAt,
            text: text,
            entities: entities,
            forwardedFrom: message.forwardedFrom,
            mediaKind: isService ? nil : message.mediaKind,
            replyToMessageID: message.replyToMessageID,
            author: isService ? (message.actor ?? message.from) : (message.author ?? message.from),
            poll: isService ? nil : message.poll,
            isService: isService,
            serviceAction: isService ? message.action : nil
        )
    }

    /// Concatenates the parts into the post text and turns every non-plain, non-empty part into an entity
    /// whose offset and length count UTF-16 code units, as Telegram does.
    static func compose(_ parts: [DesktopExportTextPart]) -> (text: String, entities: [TextEntity]) {
        var text = ""
        var entities: [TextEntity] = []
        var offset = 0
        for (index, part) in parts.enumerated() {
            // Offsets are in UTF-16 units; the last plain part needs none (and counting is not free).
            let isPlain = part.type == DesktopExportTextPart.plainType
            let length = isPlain && index == parts.count - 1 ? 0 : utf16Length(part.text)
            if part.type != DesktopExportTextPart.plainType, length > 0 {
                let language = part.type == "pre" ? part.language.flatMap { $0.isEmpty ? nil : $0 } : nil
                entities.append(
                    TextEntity(
                        type: entityTypeNames[part.type] ?? part.type,
                        offset: offset,
                        length: length,
                        url: part.type == "text_link" ? part.href : nil,
                        language: language
                    )
                )
            }
            text += part.text
            offset += length
        }
        return (text, entities)
    }

    /// The UTF-16 length of `text`, from its UTF-8 bytes: one unit per scalar, two for a scalar beyond the BMP
    /// (`String.utf16.count` builds an index table for non-ASCII strings first).
    static func utf16Length(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += byte >= 0xF0 ? 2 : 1 }
            return count
        }
    }
}
