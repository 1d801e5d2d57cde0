import Foundation
import TeleradarCore
import TeleradarTelegram

extension BotRequest {
    /// Which limit a refused quota check hit and when it resets, in the request's language (HTML-escaped).
    func describe(_ denial: QuotaDenial) -> String {
        let reset = denial.resetsAt.map { text(.quotaResets, ["date": BotFormat.dateTime($0)]) } ?? ""
        let values = [
            "tier": TelegramHTML.escape(denial.tier.rawValue), "limit": String(denial.limit),
            "used": String(denial.used),
            "reset": reset,
        ]
        switch denial.kind {
        case .channels: return text(.quotaChannels, values)
        case .postsPerDay: return text(.quotaPostsPerDay, values)
        case .ragQueriesPerDay: return text(.quotaQuestionsPerDay, values)
        case .aiDigest: return text(.quotaAIDigest, values)
        }
    }

    /// Why an invite code was refused, in the request's language.
    func describe(_ rejection: InviteRejection) -> String {
        switch rejection {
        case .malformed: text(.inviteMalformed)
        case .unknown: text(.inviteUnknown)
        case .expired: text(.inviteExpired)
        case .exhausted: text(.inviteExhausted)
        case .inactive: text(.inviteInactive)
        }
    }
}
