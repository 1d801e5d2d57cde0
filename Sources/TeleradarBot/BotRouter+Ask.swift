import Foundation
import TeleradarApp
import TeleradarCore
import TeleradarTelegram

extension BotRouter {
    /// `/ask <question>`: an answer from the user's channels with numbered sources linking to the posts.
    func ask(_ question: String, request: BotRequest) async throws {
        guard !question.isEmpty else {
            try await replier.send(request.chatID, request.text(.askUsage))
            return
        }
        _ = try? await replier.client.sendChatAction(chatID: .id(request.chatID))
        let answer = try await context.answers.ask(user: request.user, question: question, now: request.now)
        try await replier.send(request.chatID, Self.format(answer, request: request))
    }

    /// The HTML of an answer: the escaped text, then `[n] @channel · date` links.
    static func format(_ answer: AnswerService.Answer, request: BotRequest) -> String {
        var text = TelegramHTML.escape(answer.answer.trimmingCharacters(in: .whitespacesAndNewlines))
        if !answer.sources.isEmpty {
            text += "\n\n" + request.text(.askSources)
            for source in answer.sources {
                let label = "@\(source.channel) · \(BotFormat.date(source.postedAt))"
                text += "\n[\(source.number)] " + TelegramHTML.link(label, url: source.url)
            }
        }
        if answer.cached { text += "\n" + TelegramHTML.italic(request.text(.askCached)) }
        return text
    }
}
