/// One sentence chosen by ``ExtractiveAnswerer``.
package struct ExtractedSentence: Sendable, Equatable {
    /// The sentence as shown (maybe shortened).
    package var text: String
    /// The number of its source in ``ExtractiveAnswer/sources``.
    package var sourceNumber: Int
    /// The post it comes from.
    package var postID: Int64
    /// Its relevance score (higher is better).
    package var score: Double
}

/// An answer made of the best sentences of the retrieved posts, with `[n]` citations.
package struct ExtractiveAnswer: Sendable, Equatable {
    /// The answer text: an intro line, then one `• sentence [n]` line per sentence.
    package var text: String
    /// The language of the intro (the question's).
    package var language: AnswerLanguage
    /// The chosen sentences, best first.
    package var sentences: [ExtractedSentence]
    /// The cited posts, numbered in order of first citation.
    package var sources: [AnswerSource]
}
