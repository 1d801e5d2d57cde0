import Foundation

/// The language of the bot's replies: Russian for `ru*` language codes, English otherwise.
package enum BotLanguage: String, Sendable, Codable, CaseIterable, Hashable {
    case ru, en

    /// The language for a Telegram `language_code` (`ru`, `ru-RU` → Russian; anything else → English).
    package init(languageCode: String?) {
        self = (languageCode?.lowercased().hasPrefix("ru") ?? false) ? .ru : .en
    }
}

/// Every text the bot sends, by key, in Russian and English.
///
/// Templates are Telegram HTML; `{name}` placeholders are replaced by values the caller has already
/// escaped with ``TelegramHTML`` (``BotTexts/render(_:_:_:)`` never escapes by itself).
package enum BotTexts {
    /// The text for `key` in `language`, with `{placeholder}`s replaced from `values`.
    package static func render(_ key: BotTextKey, _ language: BotLanguage, _ values: [String: String] = [:]) -> String {
        let pair = catalog[key] ?? (ru: key.rawValue, en: key.rawValue)
        var text = language == .ru ? pair.ru : pair.en
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The `{placeholder}` names used by a template, sorted.
    package static func placeholders(in template: String) -> [String] {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names.sorted()
    }
}

/// The keys of ``BotTexts``.
package enum BotTextKey: String, Sendable, CaseIterable, Hashable {
    // General
    case start, help, needInvite, unknownCommand, freeText, blocked, quotaExceeded, domainError, internalError
    case cancelDone, cancelNothing, buttonYes, buttonNo, callbackExpired
    // Login
    case loginUsage, loginOK, loginOpenApp, loginOpenLink, loginNoPublicURL, inviteRejected
    case inviteMalformed, inviteUnknown, inviteExpired, inviteExhausted, inviteInactive
    // Quotas
    case quotaChannels, quotaPostsPerDay, quotaQuestionsPerDay, quotaAIDigest, quotaResets
    // Channels
    case addChannelAsk, addChannelAdded, addChannelAlready, addChannelParseError
    case myChannelsEmpty, myChannelsHeader, myChannelsHeldBack
    // Telegram session
    case loginPendingTier, sessionReady, sessionReadyTier, subscriptionPendingTier
    case removeChannelChoose, removeChannelConfirm, removeChannelDone, removeChannelCancelled, removeChannelNone
    // Ask and search
    case askUsage, askWorking, askSources, askCached, searchNothing, searchHeader
    case searchAsk, searchChoose, searchFor, searchButtonPosts, searchButtonWeb, searchButtonBoth
    case webHeader, webNothing, webNotConfigured, webFailed
    // Recommendations
    case recommendNoHistory, recommendNothing, recommendHeader
    // Subscription and tokens
    case subscription, subscriptionExpires, subscriptionNoExpiry, tokenIssued, tokenRevoked
    // Admin
    case adminOnly, adminInviteChooseTier, adminInviteChooseDays, adminInviteCreated
    case adminUsersHeader, adminUsersEmpty, adminUserCard, adminUserUsage, adminGrantDone, adminStats
    // Command menu
    case cmdStart, cmdHelp, cmdLogin, cmdAddChannel, cmdMyChannels, cmdRemoveChannel, cmdAsk, cmdSearch
    case cmdSubscription, cmdToken, cmdCancel, cmdRecommend
}
