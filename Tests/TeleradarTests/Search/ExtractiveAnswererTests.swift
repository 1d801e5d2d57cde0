import Foundation
import Testing

@testable import TeleradarSearch

@Suite("Extractive answers, sentences and language")
struct ExtractiveAnswererTests {
    static let date = Date(timeIntervalSince1970: 1_714_573_800)

    static func post(_ id: Int64, _ channel: String, _ text: String) -> ContextPost {
        ContextPost(postID: id, channel: channel, messageID: id + 100, postedAt: date, text: text)
    }

    static let russianPosts = [
        post(11, "moscow_weather", "Погода в Москве: завтра до +25 °C. Ветер слабый, т.е. без порывов. Осадков не ожидается."),
        post(12, "cbr_watch", """
            Совет директоров собрался 26 апреля. По словам проф. Иванова, Банк России сохранил ключевую ставку на уровне 16%. \
            Следующее заседание пройдёт 7 июня.
            """),
        post(13, "finance_daily", "Инфляция в апреле замедлилась до 7,8%. Аналитики ждут снижения ставки во втором полугодии."),
    ]

    static let englishPosts = [
        post(21, "city_hall", "The city council met on Monday. Parking fees will rise by 10% next year."),
        post(22, "bridge_news", """
            Mr. Smith, the chief engineer, said the new bridge will open on May 5. Traffic will be limited during \
            the first week, e.g. for trucks. The project cost $2.5 million.
            """),
        post(23, "weather_now", "Weather: sunny, 22 °C. 🌞"),
    ]

    @Test("a Russian question gets the right sentence, whole, cited to the right post, in Russian")
    func russian() throws {
        let answer = try #require(ExtractiveAnswerer().answer(question: "Какую ключевую ставку сохранил Банк России?", posts: Self.russianPosts))
        #expect(answer.language == .russian)
        let first = try #require(answer.sentences.first)
        #expect(first.text == "По словам проф. Иванова, Банк России сохранил ключевую ставку на уровне 16%.")
        #expect(first.postID == 12)
        #expect(first.sourceNumber == 1)
        #expect(answer.sources.first?.postID == 12)
        #expect(answer.sources.first?.link == "https://t.me/cbr_watch/112")
        #expect(answer.text.hasPrefix("По вашим каналам:\n• По словам проф. Иванова, Банк России сохранил ключевую ставку на уровне 16%. [1]"))
        #expect(answer.sentences.count <= 5)
        #expect(answer.sources.map(\.number) == Array(1...answer.sources.count))
        for sentence in answer.sentences {
            #expect(answer.text.contains("• \(sentence.text) [\(sentence.sourceNumber)]"))
        }
    }

    @Test("an English question gets the right sentence, whole, cited to the right post, in English")
    func english() throws {
        let answer = try #require(ExtractiveAnswerer().answer(question: "When will the new bridge open?", posts: Self.englishPosts))
        #expect(answer.language == .english)
        #expect(answer.text.hasPrefix("From your channels:\n• Mr. Smith, the chief engineer, said the new bridge will open on May 5. [1]"))
        #expect(answer.sources.first?.postID == 22)
        #expect(answer.sources.first?.link == "https://t.me/bridge_news/122")
        #expect(!answer.sentences.contains { $0.postID == 23 })
    }

    @Test("nothing relevant gives nil; repeated sentences are cited once")
    func nothingAndDuplicates() throws {
        #expect(ExtractiveAnswerer().answer(question: "Как приготовить борщ?", posts: Self.russianPosts) == nil)
        #expect(ExtractiveAnswerer().answer(question: "Ставка?", posts: []) == nil)
        #expect(ExtractiveAnswerer().answer(question: "???", posts: Self.russianPosts) == nil)
        let repeated = [
            Self.post(1, "a_channel", "Биржа закрылась ростом индекса на 2%."),
            Self.post(2, "b_channel", "Биржа закрылась ростом индекса на 2%!"),
            Self.post(3, "c_channel", "Индекс биржи закрылся ростом благодаря нефтяникам."),
        ]
        let answer = try #require(ExtractiveAnswerer().answer(question: "Как закрылась биржа, рост индекса?", posts: repeated))
        #expect(answer.sentences.map(\.postID) == [1, 3])
        #expect(answer.sources.map(\.postID) == [1, 3])
        #expect(ExtractiveAnswerer.nothingRelevant(.english) == "Nothing relevant was found in your channels.")
    }

    static let sentenceCases: [(String, [String])] = [
        ("Цена выросла на 3.5% за день. Это рекорд!", ["Цена выросла на 3.5% за день.", "Это рекорд!"]),
        ("Подробнее: https://t.me/channel/123. Следите за новостями.", ["Подробнее: https://t.me/channel/123.", "Следите за новостями."]),
        ("Об этом сообщил проф. Иванов. Он уверен в прогнозе.", ["Об этом сообщил проф. Иванов.", "Он уверен в прогнозе."]),
        ("А. С. Пушкин родился в 1799 г. в Москве. Это известно всем.", ["А. С. Пушкин родился в 1799 г. в Москве.", "Это известно всем."]),
        ("Mr. Smith met Dr. Jones at 5 p.m. yesterday. They agreed, i.e. the deal is done!",
         ["Mr. Smith met Dr. Jones at 5 p.m. yesterday.", "They agreed, i.e. the deal is done!"]),
        ("🚀 Запуск состоялся! 🎉 Все системы работают штатно.\n• Следующий старт — в мае",
         ["Запуск состоялся!", "Все системы работают штатно.", "Следующий старт — в мае"]),
        ("Что дальше?! Посмотрим… Может быть.", ["Что дальше?!", "Посмотрим…", "Может быть."]),
        ("1. Первый пункт списка\n2. Второй пункт", ["1. Первый пункт списка", "2. Второй пункт"]),
        ("He said \"Stop.\" Then he left.", ["He said \"Stop.\"", "Then he left."]),
        ("Курс — 92,5 руб. за доллар, т.е. Минфин доволен. Итог: рост.", ["Курс — 92,5 руб. за доллар, т.е. Минфин доволен.", "Итог: рост."]),
        ("Версия 2.0 вышла (см. подробности). Обновляйтесь!", ["Версия 2.0 вышла (см. подробности).", "Обновляйтесь!"]),
        ("👍👍👍\n\n   \n#новости дня", ["#новости дня"]),
    ]

    @Test("sentence splitting keeps abbreviations, decimals, URLs, initials and emoji intact", arguments: ExtractiveAnswererTests.sentenceCases)
    func sentences(text: String, expected: [String]) {
        #expect(SentenceSplitter.sentences(text) == expected)
    }

    static let languageCases: [(String, AnswerLanguage)] = [
        ("Какая ставка у ЦБ?", AnswerLanguage.russian),
        ("What is the key rate?", .english),
        ("Что нового в GPT-4 от OpenAI?", .russian),
        ("What did Газпром report?", .english),
        ("12345 ?!", .russian),
        ("", .russian),
    ]

    @Test("language by script, Russian by default", arguments: ExtractiveAnswererTests.languageCases)
    func language(text: String, expected: AnswerLanguage) {
        #expect(LanguageDetector.detect(text) == expected)
    }
}
