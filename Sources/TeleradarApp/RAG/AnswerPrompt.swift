import TeleradarCore
import TeleradarSearch

/// The answering prompt, in the question's language, requiring `[n]` citations of the numbered sources.
package enum AnswerPrompt {
    package static func messages(question: String, context: String, language: AnswerLanguage) -> [ChatMessage] {
        switch language {
        case .russian:
            [
                .system(
                    """
                    Ты — аналитик, отвечающий на вопросы по постам Telegram-каналов пользователя. Отвечай по-русски, \
                    кратко и по существу, только на основе приведённых источников. После каждого утверждения ставь ссылку \
                    на источник в квадратных скобках, например [1] или [2, 3]. Если в источниках нет ответа, так и скажи: \
                    «В ваших каналах об этом ничего не найдено». Не выдумывай факты и ссылки.
                    """),
                .user("Источники:\n\(context)\n\nВопрос: \(question)"),
            ]
        case .english:
            [
                .system(
                    """
                    You are an analyst answering questions from the posts of the user's Telegram channels. Answer in \
                    English, briefly and to the point, using only the sources given. Cite a source after every claim in \
                    square brackets, e.g. [1] or [2, 3]. If the sources do not answer the question, say "Nothing about \
                    this was found in your channels." Never invent facts or citations.
                    """),
                .user("Sources:\n\(context)\n\nQuestion: \(question)"),
            ]
        }
    }

    /// The reply when retrieval finds nothing relevant.
    package static func nothingFound(_ language: AnswerLanguage) -> String {
        switch language {
        case .russian: "В ваших каналах об этом ничего не найдено."
        case .english: "Nothing about this was found in your channels."
        }
    }
}
