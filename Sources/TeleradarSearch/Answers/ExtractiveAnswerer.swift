import Foundation
import TeleradarCore

/// The answer of last resort when no LLM answers: the sentences of the retrieved posts that share
/// the most (idf-weighted) word stems with the question.
///
/// Posts are split by ``SentenceSplitter`` and stemmed by ``SearchText``; question stems that are
/// function words (`что`, `как`, `the`, `what`…) are ignored unless nothing else is left. Each
/// sentence scores the idf-weighted share of question stems it contains (idf over the sentences of
/// the candidate posts), times a gentle boost for the post's retrieval rank and a penalty for very
/// short or very long sentences. The best ``minSentences``–``maxSentences`` sentences that are not
/// near-duplicates (stem-set Jaccard ≥ ``duplicateSimilarity``) are kept. Linear in the input size.
package struct ExtractiveAnswerer: Sendable {
    /// Sentences taken (if that many match) before the ``keepRatio`` cut applies.
    package var minSentences: Int
    /// The most sentences taken.
    package var maxSentences: Int
    /// Beyond ``minSentences``, a sentence must score at least this share of the best score.
    package var keepRatio: Double
    /// Any sentence must score at least this share of the best score.
    package var floorRatio: Double
    /// Longer sentences are shortened to about this many characters.
    package var maxSentenceCharacters: Int
    /// Stem-set Jaccard similarity from which a sentence counts as a repeat of a chosen one.
    package var duplicateSimilarity: Double

    /// An answerer with the given limits.
    package init(
        minSentences: Int = 3, maxSentences: Int = 5, keepRatio: Double = 0.5, floorRatio: Double = 0.2,
        maxSentenceCharacters: Int = 400, duplicateSimilarity: Double = 0.7
    ) {
        self.minSentences = minSentences
        self.maxSentences = maxSentences
        self.keepRatio = keepRatio
        self.floorRatio = floorRatio
        self.maxSentenceCharacters = maxSentenceCharacters
        self.duplicateSimilarity = duplicateSimilarity
    }

    /// The first line of an answer in `language`.
    package static func intro(_ language: AnswerLanguage) -> String {
        language == .russian ? "По вашим каналам:" : "From your channels:"
    }

    /// What to say when ``answer(question:posts:)`` returns `nil`.
    package static func nothingRelevant(_ language: AnswerLanguage) -> String {
        language == .russian
            ? "В ваших каналах не нашлось ничего по этому вопросу."
            : "Nothing relevant was found in your channels."
    }

    /// A sentence of a candidate post, with what scoring needs.
    private struct Candidate {
        /// The sentence.
        var text: String
        /// The index of its post in the input (the retrieval rank).
        var postIndex: Int
        /// Its position within the post.
        var position: Int
        /// Its distinct stems.
        var stems: Set<String>
        /// How many words it has.
        var tokenCount: Int
        /// Its relevance (0 when it shares no question stem).
        var score = 0.0
    }

    /// The answer to `question` from `posts` (best retrieved first), or `nil` when no sentence shares
    /// a question stem.
    package func answer(question: String, posts: [ContextPost]) -> ExtractiveAnswer? {
        let language = LanguageDetector.detect(question)
        var stemmer = CachedStemmer()
        let questionStems = Set(stemmer.stems(question))
        let meaningful = questionStems.subtracting(Self.stopStems)
        let query = meaningful.isEmpty ? questionStems : meaningful
        guard !query.isEmpty else { return nil }

        var candidates: [Candidate] = []
        var seenPosts = Set<Int64>()
        for (postIndex, post) in posts.enumerated() where seenPosts.insert(post.postID).inserted {
            for (position, sentence) in SentenceSplitter.sentences(post.text).enumerated() {
                let stems = stemmer.stems(sentence)
                candidates.append(Candidate(
                    text: sentence, postIndex: postIndex, position: position, stems: Set(stems), tokenCount: stems.count))
            }
        }
        let weights = Self.idf(of: query, in: candidates)
        let total = weights.values.reduce(0, +)
        guard total > 0 else { return nil }
        for index in candidates.indices {
            let matched = candidates[index].stems.intersection(query).reduce(0.0) { $0 + (weights[$1] ?? 0) }
            guard matched > 0 else { continue }
            let rankBoost = 1 / (1 + 0.05 * Double(candidates[index].postIndex))
            candidates[index].score = matched / total * rankBoost * Self.lengthFactor(candidates[index].tokenCount)
        }
        let ranked = candidates.filter { $0.score > 0 }.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.postIndex != b.postIndex { return a.postIndex < b.postIndex }
            return a.position < b.position
        }
        guard let best = ranked.first?.score else { return nil }

        var chosen: [Candidate] = []
        for candidate in ranked {
            if chosen.count >= maxSentences { break }
            if candidate.score < best * floorRatio { break }
            if chosen.count >= minSentences && candidate.score < best * keepRatio { break }
            let repeats = chosen.contains { Self.jaccard($0.stems, candidate.stems) >= duplicateSimilarity }
            if !repeats { chosen.append(candidate) }
        }
        return assemble(chosen, posts: posts, language: language)
    }

    /// The answer text and numbered sources for the chosen sentences.
    private func assemble(_ chosen: [Candidate], posts: [ContextPost], language: AnswerLanguage) -> ExtractiveAnswer {
        var sources: [AnswerSource] = []
        var numberOfPost: [Int: Int] = [:]
        var sentences: [ExtractedSentence] = []
        var lines = [Self.intro(language)]
        for candidate in chosen {
            let number: Int
            if let known = numberOfPost[candidate.postIndex] {
                number = known
            } else {
                number = sources.count + 1
                numberOfPost[candidate.postIndex] = number
                sources.append(AnswerSource(number: number, post: posts[candidate.postIndex]))
            }
            let text = Self.shorten(candidate.text, to: maxSentenceCharacters)
            sentences.append(ExtractedSentence(
                text: text, sourceNumber: number, postID: posts[candidate.postIndex].postID, score: candidate.score))
            lines.append("• \(text) [\(number)]")
        }
        return ExtractiveAnswer(text: lines.joined(separator: "\n"), language: language, sentences: sentences, sources: sources)
    }

    /// BM25-style idf of each query stem over the candidate sentences (always positive).
    private static func idf(of query: Set<String>, in candidates: [Candidate]) -> [String: Double] {
        var frequency: [String: Int] = [:]
        for candidate in candidates {
            for stem in candidate.stems where query.contains(stem) { frequency[stem, default: 0] += 1 }
        }
        let count = Double(candidates.count)
        var weights: [String: Double] = [:]
        for stem in query {
            let df = Double(frequency[stem] ?? 0)
            weights[stem] = df == 0 ? 0 : log1p((count - df + 0.5) / (df + 0.5))
        }
        return weights
    }

    /// 1 for sentences of 4–40 words, less for shorter (fragments) and longer (run-ons) ones.
    private static func lengthFactor(_ words: Int) -> Double {
        if words < 4 { return 0.6 }
        if words <= 40 { return 1 }
        return (40 / Double(words)).squareRoot()
    }

    /// |a ∩ b| / |a ∪ b|, 0 for two empty sets.
    private static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// `text` cut after a whole word to about `limit` characters, with `…`.
    private static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        let prefix = text.prefix(limit)
        let cut = prefix.lastIndex(where: \.isWhitespace).map { prefix[..<$0] } ?? prefix
        return cut.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) + "…"
    }

    /// Stems of question function words, ignored when scoring.
    static let stopStems: Set<String> = {
        let words = """
            и в во на не ни что чем как где когда кто почему зачем какой какая какое какие каком сколько \
            ли же бы по о об с со к у из за от до для при про над под это этот эта эти то а но или так там \
            был была были было есть мне меня я ты вы мы он она они оно его ее их нам вам уже еще все всё \
            ли расскажи скажи подскажи можно нужно
            the a an of in on at to for from by with about is are was were be been do does did what which \
            who whom whose when where why how and or but not it its this that these those there i you we \
            they he she me my your our their tell can could would should will has have had any some
            """
        return Set(words.split(whereSeparator: \.isWhitespace).map { SearchText.stem(String($0)) })
    }()
}

/// `SearchText` stems with a per-call cache: posts repeat their words, and stemming dominates the
/// cost of an extractive answer.
private struct CachedStemmer {
    /// Token → stem (empty stems are dropped by ``stems(_:)``).
    private var cache: [String: String] = [:]

    /// The stems of `text`, in order, duplicates kept.
    mutating func stems(_ text: String) -> [String] {
        Tokenizer.tokens(text).compactMap { token in
            let stem: String
            if let known = cache[token] {
                stem = known
            } else {
                stem = SearchText.stem(token)
                cache[token] = stem
            }
            return stem.isEmpty ? nil : stem
        }
    }
}
