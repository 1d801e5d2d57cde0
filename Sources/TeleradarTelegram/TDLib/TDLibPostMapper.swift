import Foundation
import TeleradarCore

/// Turns TDLib messages into `IncomingPost`s: public message ids (TDLib id >> 20), text or caption with
/// entities (UTF-16 offsets, as TDLib gives them), media kind, poll, link preview, views, forward origin,
/// reply target, dates, and service messages flagged with an export-style action name.
package enum TDLibPostMapper {
    /// Service message contents and the action names Telegram Desktop exports use for them.
    package static let serviceActions: [String: String] = [
        "messagePinMessage": "pin_message",
        "messageChatChangeTitle": "edit_group_title",
        "messageChatChangePhoto": "edit_group_photo",
        "messageChatDeletePhoto": "delete_group_photo",
        "messageSupergroupChatCreate": "create_channel",
        "messageBasicGroupChatCreate": "create_group",
        "messageChatAddMembers": "invite_members",
        "messageChatJoinByLink": "join_group_by_link",
        "messageChatJoinByRequest": "join_group_by_request",
        "messageChatDeleteMember": "remove_members",
        "messageChatUpgradeTo": "migrate_to_supergroup",
        "messageChatUpgradeFrom": "migrate_from_group",
        "messageVideoChatScheduled": "group_call_scheduled",
        "messageVideoChatStarted": "group_call",
        "messageVideoChatEnded": "group_call",
        "messageInviteVideoChatParticipants": "invite_to_group_call",
        "messageChatSetMessageAutoDeleteTime": "set_messages_ttl",
        "messageChatSetTheme": "edit_chat_theme",
        "messageChatSetBackground": "set_chat_wallpaper",
        "messageChatBoost": "boost_apply",
        "messageForumTopicCreated": "topic_created",
        "messageForumTopicEdited": "topic_edit",
        "messageScreenshotTaken": "take_screenshot",
        "messageGiveawayCreated": "giveaway_launch",
        "messageContactRegistered": "joined_telegram",
        "messageGameScore": "score_in_game",
        "messageCustomServiceAction": "custom_action",
    ]

    /// Other contents that still have a media kind.
    package static let otherMediaKinds: [String: MediaKind] = [
        "messageLocation": .location,
        "messageVenue": .venue,
        "messageContact": .contact,
        "messageGame": .game,
        "messageInvoice": .invoice,
    ]

    /// The post for `message`, or nil when it is not a server message (local, yet unsent). `chatTitles`
    /// names the chats forwarded posts come from.
    package static func post(from message: TDMessage, chatTitles: [Int64: String] = [:]) -> IncomingPost? {
        guard message.isServerMessage else { return nil }
        let text = message.content.formattedText
        var post = IncomingPost(
            messageID: message.publicID,
            postedAt: Date(timeIntervalSince1970: TimeInterval(message.date)),
            editedAt: message.editDate > 0 ? Date(timeIntervalSince1970: TimeInterval(message.editDate)) : nil,
            text: text.text,
            entities: text.entities.map(entity),
            views: message.viewCount,
            forwardedFrom: message.forwardInfo?.origin.displayName(chatTitles: chatTitles),
            replyToMessageID: replyTarget(of: message),
            author: message.authorSignature.isEmpty ? nil : message.authorSignature
        )
        switch message.content {
        case .text(_, let preview):
            post.linkPreview = preview.map(linkPreview)
        case .photo: post.mediaKind = .photo
        case .video: post.mediaKind = .video
        case .document: post.mediaKind = .document
        case .audio: post.mediaKind = .audio
        case .voiceNote: post.mediaKind = .voice
        case .videoNote: post.mediaKind = .videoNote
        case .sticker: post.mediaKind = .sticker
        case .animation: post.mediaKind = .animation
        case .poll(let poll):
            post.mediaKind = .poll
            post.poll = Poll(
                question: poll.question.text, options: poll.options.map(\.text), totalVoters: poll.totalVoterCount
            )
        case .other(let type):
            if let action = serviceActions[type] {
                post.isService = true
                post.serviceAction = action
            } else {
                post.mediaKind = otherMediaKinds[type] ?? .other
            }
        }
        return post
    }

    /// A TDLib entity as a `TextEntity` (Bot API type names; `text_link` URL, `pre` language kept).
    package static func entity(_ entity: TDTextEntity) -> TextEntity {
        var result = TextEntity(type: entity.type.botAPIName, offset: entity.offset, length: entity.length)
        switch entity.type {
        case .textURL(let url): result.url = url
        case .preCode(let language) where !language.isEmpty: result.language = language
        default: break
        }
        return result
    }

    /// The public id of the message replied to, when it is in the same chat and a server message.
    private static func replyTarget(of message: TDMessage) -> Int64? {
        guard case .message(let chatID, let messageID)? = message.replyTo,
            chatID == 0 || chatID == message.chatID,
            messageID > 0
        else { return nil }
        return TDMessage.publicID(fromTDLibID: messageID)
    }

    private static func linkPreview(_ preview: TDLinkPreview) -> LinkPreview {
        LinkPreview(
            url: preview.url,
            siteName: preview.siteName.isEmpty ? nil : preview.siteName,
            title: preview.title.isEmpty ? nil : preview.title,
            description: preview.description.text.isEmpty ? nil : preview.description.text
        )
    }
}
