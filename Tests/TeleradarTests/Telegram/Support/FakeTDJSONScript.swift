import Foundation

/// What the fake TDLib knows: the account, its login (QR links, 2FA), and the public channels with their
/// messages. Objects are built as TDLib 1.8.66 sends them (`td_api.tl` names, int64 as strings).
struct FakeTDJSONScript: Sendable {
    /// The links `authorizationStateWaitOtherDeviceConfirmation` rotates through before the scan is confirmed.
    var qrLinks = ["tg://login?token=AQID-first", "tg://login?token=BAUG-second", "tg://login?token=BwgJ-third"]
    /// When true, `requestQrCodeAuthentication` shows only the first link; the test rotates links and confirms
    /// the scan itself (`FakeTDJSON.rotateQR`, `confirmQR`).
    var manualQR = false
    /// The 2FA password, nil when the account has none.
    var password: String?
    /// The hint shown with the password prompt.
    var passwordHint = "favourite cat"
    /// True when the database already holds a session: `setTdlibParameters` leads straight to ready.
    var sessionExists = false
    /// The account `getMe` returns.
    var me = FakeTDUser(id: 5_550_001, firstName: "Ada", lastName: "Lovelace", username: "ada_l")
    /// The public chats `searchPublicChat` finds.
    var channels: [FakeTDChannel] = []
    /// When set, the first `getChatHistory` of a client returns at most this many messages (TDLib often
    /// answers the first call from its local database with a single message).
    var firstHistoryPageSize: Int?
}

/// A user of the fake.
struct FakeTDUser: Sendable, Hashable {
    var id: Int64
    var firstName: String
    var lastName: String
    var username: String

    var json: TestJSON {
        [
            "@type": "user", "id": .int(id), "first_name": .string(firstName), "last_name": .string(lastName),
            "usernames": [
                "@type": "usernames", "active_usernames": [.string(username)], "disabled_usernames": [],
                "editable_username": .string(username), "collectible_usernames": [],
            ],
            "phone_number": "", "is_contact": false, "is_mutual_contact": false, "is_close_friend": false,
            "is_premium": false, "is_support": false, "restricts_new_chats": false, "have_access": true,
            "type": ["@type": "userTypeRegular"], "language_code": "en", "accent_color_id": 0,
            "background_custom_emoji_id": "0",
        ]
    }
}

/// A public channel (or supergroup) of the fake.
struct FakeTDChannel: Sendable, Hashable {
    var username: String
    var supergroupID: Int64
    var title: String
    var isChannel = true
    var isPrivate = false
    var about = ""
    var memberCount = 0
    var messages: [FakeTDMessage] = []

    /// TDLib's chat id of a supergroup: -100 followed by the supergroup id.
    var chatID: Int64 { -1_000_000_000_000 - supergroupID }

    var chatJSON: TestJSON {
        [
            "@type": "chat", "id": .int(chatID), "title": .string(title),
            "type": [
                "@type": "chatTypeSupergroup", "supergroup_id": .int(supergroupID), "is_channel": .bool(isChannel),
            ],
            "accent_color_id": 0, "background_custom_emoji_id": "0", "has_protected_content": false,
            "is_translatable": false, "is_marked_as_unread": false, "view_as_topics": false,
            "has_scheduled_messages": false, "can_be_deleted_only_for_self": false,
            "can_be_deleted_for_all_users": false, "can_be_reported": true, "default_disable_notification": false,
            "unread_count": 0, "last_read_inbox_message_id": 0, "last_read_outbox_message_id": 0,
            "unread_mention_count": 0, "unread_reaction_count": 0, "message_auto_delete_time": 0,
            "reply_markup_message_id": 0, "client_data": "", "positions": [], "chat_lists": [],
        ]
    }

    /// The `supergroup` object (usernames null for a private channel).
    var supergroupJSON: TestJSON {
        let usernames: TestJSON =
            isPrivate
            ? .null
            : [
                "@type": "usernames", "active_usernames": [.string(username)], "disabled_usernames": [],
                "editable_username": .string(username), "collectible_usernames": [],
            ]
        return [
            "@type": "supergroup", "id": .int(supergroupID), "usernames": usernames, "date": 1_600_000_000,
            "status": ["@type": "chatMemberStatusMember", "member_until_date": 0],
            "member_count": .int(Int64(memberCount)),
            "boost_level": 0, "has_automatic_translation": false, "has_linked_chat": false, "has_location": false,
            "sign_messages": false, "show_message_sender": false, "join_to_send_messages": false,
            "join_by_request": false, "is_slow_mode_enabled": false, "is_channel": .bool(isChannel),
            "is_broadcast_group": false, "is_forum": false, "is_direct_messages_group": false,
            "is_administered_direct_messages_group": false, "has_direct_messages_group": false,
            "has_forum_tabs": false, "paid_message_star_count": 0,
        ]
    }

    var fullInfoJSON: TestJSON {
        [
            "@type": "supergroupFullInfo", "description": .string(about), "member_count": .int(Int64(memberCount)),
            "administrator_count": 1, "restricted_count": 0, "banned_count": 0, "linked_chat_id": 0,
            "can_get_members": false, "has_hidden_members": false, "can_set_sticker_set": false,
            "is_all_history_available": true, "sticker_set_id": "0", "bot_commands": [],
            "upgraded_from_basic_group_id": 0, "upgraded_from_max_message_id": 0,
        ]
    }

    /// A channel with `count` messages, ids 1…count, cycling through every content kind.
    static func sample(username: String, supergroupID: Int64, count: Int) -> FakeTDChannel {
        let contents: [FakeTDContent] = [
            .text, .photo, .video, .document, .audio, .voiceNote, .videoNote, .sticker, .animation,
            .poll(question: "Best language?", options: ["Swift", "Rust"], voters: 42), .location, .pinMessage,
        ]
        let messages = (1...max(1, count)).map { id in
            FakeTDMessage(
                publicID: Int64(id), date: 1_700_000_000 + id * 60, text: "Post \(id) #news",
                content: contents[(id - 1) % contents.count], views: id * 10
            )
        }
        return FakeTDChannel(
            username: username, supergroupID: supergroupID, title: "Channel \(username)",
            about: "About \(username)", memberCount: 1234, messages: count > 0 ? messages : []
        )
    }
}

/// The content kinds the fake can send.
enum FakeTDContent: Sendable, Hashable {
    case text, photo, video, document, audio, voiceNote, videoNote, sticker, animation, location, pinMessage
    case textWithPreview(url: String, siteName: String, title: String)
    case poll(question: String, options: [String], voters: Int)
}

/// Where a fake message was forwarded from.
enum FakeTDForward: Sendable, Hashable {
    case channel(chatID: Int64, messageID: Int64, signature: String)
    case hiddenUser(name: String)
    case user(id: Int64)
}

/// A message of a fake channel.
struct FakeTDMessage: Sendable, Hashable {
    var publicID: Int64
    var date: Int
    var editDate = 0
    var text: String
    /// `textEntity` objects over `text`.
    var entities: [TestJSON] = []
    var content: FakeTDContent = .text
    var views = 0
    var forward: FakeTDForward?
    var replyTo: Int64?

    /// The TDLib `message` object in chat `chatID`.
    func json(chatID: Int64) -> TestJSON {
        var message: TestJSON = [
            "@type": "message", "id": .int(publicID << 20),
            "sender_id": ["@type": "messageSenderChat", "chat_id": .int(chatID)], "chat_id": .int(chatID),
            "is_outgoing": false, "is_pinned": false, "is_from_offline": false, "can_be_saved": true,
            "has_timestamped_media": true, "is_channel_post": true, "contains_unread_mention": false,
            "date": .int(Int64(date)), "edit_date": .int(Int64(editDate)),
            "interaction_info": [
                "@type": "messageInteractionInfo", "view_count": .int(Int64(views)), "forward_count": 0,
            ],
            "unread_reactions": [], "author_signature": "", "media_album_id": "0", "effect_id": "0",
            "self_destruct_in": .double(0), "auto_delete_in": .double(0), "via_bot_user_id": 0,
            "sender_boost_count": 0, "paid_message_star_count": 0, "content": contentJSON,
        ]
        if let forward {
            message = message.setting(
                "forward_info",
                [
                    "@type": "messageForwardInfo", "origin": Self.origin(forward), "date": .int(Int64(date - 3600)),
                    "public_service_announcement_type": "",
                ]
            )
        }
        if let replyTo {
            message = message.setting(
                "reply_to",
                ["@type": "messageReplyToMessage", "chat_id": .int(chatID), "message_id": .int(replyTo << 20)]
            )
        }
        return message
    }

    private var formattedText: TestJSON {
        ["@type": "formattedText", "text": .string(text), "entities": .array(entities)]
    }

    private static func origin(_ forward: FakeTDForward) -> TestJSON {
        switch forward {
        case .channel(let chatID, let messageID, let signature):
            [
                "@type": "messageOriginChannel", "chat_id": .int(chatID), "message_id": .int(messageID << 20),
                "author_signature": .string(signature),
            ]
        case .hiddenUser(let name): ["@type": "messageOriginHiddenUser", "sender_name": .string(name)]
        case .user(let id): ["@type": "messageOriginUser", "sender_user_id": .int(id)]
        }
    }

    private var contentJSON: TestJSON {
        let caption = formattedText
        switch content {
        case .text:
            return ["@type": "messageText", "text": caption]
        case .textWithPreview(let url, let siteName, let title):
            return [
                "@type": "messageText", "text": caption,
                "link_preview": [
                    "@type": "linkPreview", "url": .string(url), "display_url": .string(url),
                    "site_name": .string(siteName), "title": .string(title),
                    "description": ["@type": "formattedText", "text": "A page", "entities": []], "author": "",
                    "type": ["@type": "linkPreviewTypeArticle"], "has_large_media": false, "show_large_media": false,
                    "show_media_above_description": false, "skip_confirmation": false, "show_above_text": false,
                    "instant_view_version": 0,
                ],
            ]
        case .photo:
            return [
                "@type": "messagePhoto", "photo": ["@type": "photo", "has_stickers": false, "sizes": []],
                "caption": caption, "show_caption_above_media": false, "has_spoiler": false, "is_secret": false,
            ]
        case .video:
            return [
                "@type": "messageVideo",
                "video": [
                    "@type": "video", "duration": 12, "width": 640, "height": 360, "file_name": "clip.mp4",
                    "mime_type": "video/mp4", "has_stickers": false, "supports_streaming": true,
                ],
                "alternative_videos": [], "storyboards": [], "start_timestamp": 0, "caption": caption,
                "show_caption_above_media": false, "has_spoiler": false, "is_secret": false,
            ]
        case .document:
            return [
                "@type": "messageDocument",
                "document": ["@type": "document", "file_name": "report.pdf", "mime_type": "application/pdf"],
                "caption": caption,
            ]
        case .audio:
            return [
                "@type": "messageAudio",
                "audio": [
                    "@type": "audio", "duration": 180, "title": "Song", "performer": "Band", "file_name": "song.mp3",
                    "mime_type": "audio/mpeg", "external_album_covers": [],
                ],
                "caption": caption,
            ]
        case .voiceNote:
            return [
                "@type": "messageVoiceNote",
                "voice_note": ["@type": "voiceNote", "duration": 5, "waveform": "AAEC", "mime_type": "audio/ogg"],
                "caption": caption, "is_listened": false,
            ]
        case .videoNote:
            return [
                "@type": "messageVideoNote",
                "video_note": ["@type": "videoNote", "duration": 7, "waveform": "", "length": 240],
                "is_viewed": false, "is_secret": false,
            ]
        case .sticker:
            return [
                "@type": "messageSticker",
                "sticker": ["@type": "sticker", "id": "77", "set_id": "78", "width": 512, "height": 512, "emoji": "👍"],
                "is_premium": false,
            ]
        case .animation:
            return [
                "@type": "messageAnimation",
                "animation": [
                    "@type": "animation", "duration": 3, "width": 320, "height": 240, "file_name": "a.gif.mp4",
                    "mime_type": "video/mp4", "has_stickers": false,
                ],
                "caption": caption, "show_caption_above_media": false, "has_spoiler": false, "is_secret": false,
            ]
        case .poll(let question, let options, let voters):
            let optionObjects: [TestJSON] = options.enumerated().map { index, option in
                [
                    "@type": "pollOption", "id": .string("\(index)"),
                    "text": ["@type": "formattedText", "text": .string(option), "entities": []],
                    "voter_count": .int(Int64(voters / max(1, options.count))), "vote_percentage": 50,
                    "recent_voter_ids": [], "is_chosen": false, "is_being_chosen": false, "addition_date": 0,
                ]
            }
            return [
                "@type": "messagePoll",
                "poll": [
                    "@type": "poll", "id": "9001",
                    "question": ["@type": "formattedText", "text": .string(question), "entities": []],
                    "options": .array(optionObjects), "total_voter_count": .int(Int64(voters)), "recent_voter_ids": [],
                    "is_anonymous": true, "allows_multiple_answers": false, "type": ["@type": "pollTypeRegular"],
                    "open_period": 0, "close_date": 0, "is_closed": false,
                ],
                "can_add_option": false,
            ]
        case .location:
            return [
                "@type": "messageLocation",
                "location": [
                    "@type": "location", "latitude": .double(59.93), "longitude": .double(30.31),
                    "horizontal_accuracy": .double(0),
                ],
            ]
        case .pinMessage:
            return ["@type": "messagePinMessage", "message_id": .int(max(1, publicID - 1) << 20)]
        }
    }
}
