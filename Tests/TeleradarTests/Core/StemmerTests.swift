import Testing

@testable import TeleradarCore

@Suite("Russian stemmer")
struct RussianStemmerTests {
    let stemmer = RussianStemmer()

    @Test(
        "Snowball Russian stems",
        arguments: [
            ("суббота", "суббот"), ("субботу", "суббот"), ("субботы", "суббот"), ("субботой", "суббот"),
            ("субботам", "суббот"), ("каналов", "канал"), ("каналы", "канал"), ("каналу", "канал"),
            ("каналом", "канал"), ("каналах", "канал"), ("канале", "канал"), ("красивая", "красив"),
            ("красивый", "красив"), ("красивого", "красив"), ("красивыми", "красив"), ("новый", "нов"),
            ("новая", "нов"), ("новости", "новост"), ("новость", "новост"), ("новостей", "новост"),
            ("откроется", "откроет"), ("бегающий", "бега"), ("бегающая", "бега"), ("читала", "чита"),
            ("читали", "чита"), ("прочитав", "прочита"), ("прочитавши", "прочита"), ("сделавшись", "сдела"),
            ("книга", "книг"), ("книгой", "книг"), ("книгах", "книг"), ("интересная", "интересн"),
            ("интересный", "интересн"), ("важнейший", "важн"), ("красивейший", "красив"), ("длинный", "длин"),
            ("туманный", "тума"), ("туманность", "туман"), ("сообщение", "сообщен"), ("сообщениями", "сообщен"),
            ("политический", "политическ"), ("россии", "росс"), ("правительства", "правительств"),
            ("президентом", "президент"), ("выборов", "выбор"), ("рубль", "рубл"), ("рублей", "рубл"),
            ("нефть", "нефт"), ("говорила", "говор"), ("говорят", "говор"), ("день", "ден"),
            ("людей", "люд"), ("работать", "работа"), ("работают", "работа"), ("написала", "написа"),
            ("учениками", "ученик"), ("вопросов", "вопрос"), ("сегодня", "сегодн"), ("году", "год"),
            ("лет", "лет"), ("ёлка", "елк"),
        ])
    func stems(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected, "\(word)")
    }

    @Test(
        "inflected forms of one noun share a stem",
        arguments: [
            ["суббота", "субботы", "субботе", "субботу", "субботой", "субботам", "субботами", "субботах"],
            ["книга", "книги", "книге", "книгу", "книгой", "книгам", "книгами", "книгах"],
            ["каналы", "каналу", "каналом", "канале", "каналов", "каналам", "каналами", "каналах"],
            ["новость", "новости", "новостей", "новостям", "новостями", "новостях"],
        ])
    func paradigm(forms: [String]) throws {
        let stems = Set(forms.map(stemmer.stem))
        #expect(stems.count == 1, "\(stems)")
    }

    @Test("words without a vowel, or with nothing after it, stay as they are")
    func shortWords() {
        for word in ["в", "с", "к", "вкл", "я", "о", "и", "а"] {
            #expect(stemmer.stem(word) == word)
        }
    }

    @Test("ё is folded like е")
    func yoFolding() {
        #expect(stemmer.stem("ёлка") == stemmer.stem("елка"))
    }

    @Test("the group-1 endings need а or я inside RV: «стал» keeps its л")
    func groupOneNeedsRV() {
        #expect(stemmer.stem("стал") == "стал")
        #expect(stemmer.stem("канал") == "кана")
    }
}

@Suite("English stemmer")
struct EnglishStemmerTests {
    let stemmer = EnglishStemmer()

    @Test(
        "Snowball English (Porter2) stems",
        arguments: [
            ("running", "run"), ("generously", "generous"), ("caresses", "caress"), ("ponies", "poni"),
            ("skies", "sky"), ("dying", "die"), ("news", "news"), ("communication", "communic"),
            ("generate", "generat"), ("generates", "generat"), ("generated", "generat"),
            ("generating", "generat"), ("knightly", "knight"), ("consigned", "consign"),
            ("consignment", "consign"), ("consistency", "consist"), ("consistently", "consist"),
            ("happy", "happi"), ("happiness", "happi"), ("hopping", "hop"), ("hoped", "hope"),
            ("hoping", "hope"), ("agreed", "agre"), ("feed", "feed"), ("cried", "cri"), ("ties", "tie"),
            ("gas", "gas"), ("this", "this"), ("gaps", "gap"), ("kiwis", "kiwi"), ("cry", "cri"),
            ("by", "by"), ("say", "say"), ("played", "play"), ("connections", "connect"),
            ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"),
            ("digitizer", "digit"), ("hopeful", "hope"), ("goodness", "good"), ("electrical", "electr"),
            ("adjustment", "adjust"), ("effective", "effect"), ("dependent", "depend"),
            ("irritant", "irrit"), ("replacement", "replac"), ("adoption", "adopt"), ("controll", "control"),
            ("roll", "roll"), ("lying", "lie"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"),
            ("idly", "idl"), ("gently", "gentl"), ("atlas", "atlas"), ("andes", "andes"),
            ("innings", "inning"), ("proceeds", "proceed"), ("meeting", "meet"), ("troubled", "troubl"),
            ("national", "nation"), ("beautifully", "beauti"), ("happily", "happili"), ("quickly", "quick"),
            ("loving", "love"), ("tanned", "tan"), ("falling", "fall"), ("mating", "mate"),
            ("disabled", "disabl"), ("computers", "comput"), ("telegrams", "telegram"),
            ("channels", "channel"), ("messages", "messag"), ("cities", "citi"), ("studying", "studi"),
            ("table", "tabl"), ("skis", "ski"),
        ])
    func stems(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected, "\(word)")
    }

    @Test("inflected forms of one verb share a stem")
    func paradigm() {
        let stems = Set(["connect", "connected", "connecting", "connection", "connections"].map(stemmer.stem))
        #expect(stems == ["connect"])
    }

    @Test("digits and mixed tokens pass through sensibly")
    func mixedTokens() {
        #expect(stemmer.stem("covid19") == "covid19")
        #expect(stemmer.stem("2024") == "2024")
        #expect(stemmer.stem("Running") == "run")
    }
}

@Suite("Tokenizer and search text")
struct SearchTextTests {
    @Test("tokens are lowercased letter/digit runs with ё folded")
    func tokens() {
        #expect(Tokenizer.tokens("Ёлка, ЁЖ и GPT-4 — covid19!") == ["елка", "еж", "и", "gpt", "4", "covid19"])
        #expect(Tokenizer.tokens("#новости @durov_channel https://t.me/s/durov?x=1")
            == ["новости", "durov", "channel", "https", "t", "me", "s", "durov", "x", "1"])
        #expect(Tokenizer.tokens("🔥🔥 привет👋мир 🚀") == ["привет", "мир"])
        #expect(Tokenizer.tokens("всё ещё") == ["все", "еще"])
        #expect(Tokenizer.tokens("") == [])
        #expect(Tokenizer.tokens("  ...  ") == [])
    }

    @Test("decomposed й and soft hyphens do not split words")
    func unicodeDetails() {
        #expect(Tokenizer.tokens("\u{0438}\u{0306}од") == ["йод"])
        #expect(Tokenizer.tokens("при\u{00AD}вет") == ["привет"])
        #expect(Tokenizer.tokens("Café ÜBER") == ["café", "über"])
    }

    @Test("tokens longer than the limit are dropped")
    func longTokens() {
        let long = String(repeating: "a", count: Tokenizer.maxTokenLength + 1)
        let max = String(repeating: "b", count: Tokenizer.maxTokenLength)
        #expect(Tokenizer.tokens("x \(long) \(max) y") == ["x", max, "y"])
    }

    @Test("document stems Russian and English and keeps numbers")
    func document() {
        let doc = SearchText.document("В субботу откроется НОВЫЙ канал!")
        let stems = doc.split(separator: " ").map(String.init)
        #expect(stems == ["в", "суббот", "откроет", "нов", "кана"])
        #expect(stems.contains("суббот"))
        #expect(SearchText.document("Channels: 42 running, каналы") == "channel 42 run канал")
        #expect(SearchText.document("🔥 !!! ") == "")
    }

    @Test("forms of one word meet in the index", arguments: [
        ("Новая суббота", "по субботам"), ("telegram channels", "Telegram channel"), ("книгами", "КНИГА"),
    ])
    func formsMeet(a: String, b: String) {
        #expect(SearchText.stems(a).last == SearchText.stems(b).last)
    }
}
