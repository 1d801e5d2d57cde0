import Foundation
import Testing
@testable import TeleradarBot
@testable import TeleradarTelegram

@Suite("Bot texts")
struct BotTextsTests {
    @Test("every key has Russian and English texts with the same placeholders and valid HTML")
    func everyKeyBothLanguages() {
        for key in BotTextKey.allCases {
            guard let pair = BotTexts.catalog[key] else {
                Issue.record("no texts for \(key)")
                continue
            }
            #expect(!pair.ru.isEmpty && !pair.en.isEmpty, "\(key)")
            #expect(BotTexts.placeholders(in: pair.ru) == BotTexts.placeholders(in: pair.en), "\(key)")
            for text in [pair.ru, pair.en] {
                #expect(BotAPISpec.scanHTML(text).problems.isEmpty, "\(key): \(text)")
            }
        }
        #expect(BotTexts.catalog.count == BotTextKey.allCases.count)
    }

    @Test("the language follows language_code")
    func language() {
        #expect(BotLanguage(languageCode: "ru") == .ru)
        #expect(BotLanguage(languageCode: "ru-RU") == .ru)
        #expect(BotLanguage(languageCode: "en") == .en)
        #expect(BotLanguage(languageCode: "uk") == .en)
        #expect(BotLanguage(languageCode: nil) == .en)
        #expect(BotTexts.render(.removeChannelConfirm, .ru, ["channel": "@x"]) == "Перестать следить за @x?")
    }

    @Test("command menus are valid and bilingual")
    func menus() throws {
        let spec = try BotAPISpec.loaded()
        for language in BotLanguage.allCases {
            let commands = BotService.commands(language)
            let body = try JSONEncoder().encode(["commands": commands])
            #expect(spec.violations(method: "setMyCommands", body: body).isEmpty)
        }
        #expect(BotService.commands(.ru).map(\.description) != BotService.commands(.en).map(\.description))
    }
}
