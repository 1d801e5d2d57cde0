import Foundation

/// The LLM context built by ``ContextBuilder``: the text to put in the prompt and what each `[n]`
/// in it refers to.
package struct BuiltContext: Sendable, Equatable {
    /// The numbered sources, `[1] @channel · date` header then the (maybe truncated) text, separated
    /// by blank lines.
    package var text: String
    /// The sources in number order: `sources[i].number == i + 1`.
    package var sources: [AnswerSource]
    /// The estimated tokens of `text` (by ``TokenEstimator``).
    package var estimatedTokens: Int
    /// How many included posts were shortened.
    package var truncatedCount: Int
    /// How many posts were left out for lack of budget (empty and duplicate posts are not counted).
    package var omittedCount: Int
}

/// Assembles retrieved posts into a numbered LLM context under a token budget.
///
/// Posts are taken in the given (retrieval) order. Each gets a header `[n] @channel · 2024-05-01 14:30`
/// and its text, whitespace-tidied and cut to ``maxTokensPerPost``. A post that does not fit the
/// remaining budget is cut to fit when at least ``minTokensPerPost`` of text would remain; otherwise
/// it and every later post are left out (counted in ``BuiltContext/omittedCount``). Empty posts
/// and repeated post ids are skipped without taking a number.
package struct ContextBuilder: Sendable {
    /// The most tokens the whole context may take.
    package var tokenBudget: Int
    /// The most tokens one post's text may take.
    package var maxTokensPerPost: Int
    /// The fewest tokens of text worth including when a post has to be cut to fit.
    package var minTokensPerPost: Int
    /// The time zone of the dates in headers.
    package var timeZone: TimeZone

    /// A builder with the given limits (defaults suit a 4k–8k-token model with room for the answer).
    package init(tokenBudget: Int = 3_000, maxTokensPerPost: Int = 600, minTokensPerPost: Int = 40, timeZone: TimeZone = .gmt) {
        self.tokenBudget = tokenBudget
        self.maxTokensPerPost = maxTokensPerPost
        self.minTokensPerPost = minTokensPerPost
        self.timeZone = timeZone
    }

    /// The context for `posts`, best first.
    package func build(posts: [ContextPost]) -> BuiltContext {
        let separator = "\n\n"
        let separatorTokens = TokenEstimator.estimate(separator)
        var blocks: [String] = []
        var sources: [AnswerSource] = []
        var spent = 0
        var truncatedCount = 0
        var seen = Set<Int64>()
        var omittedCount = 0
        let smallestCut = max(1, min(minTokensPerPost, maxTokensPerPost))
        for post in posts {
            let body = Self.tidy(post.text)
            guard !body.isEmpty, seen.insert(post.postID).inserted else { continue }
            guard omittedCount == 0 else {
                omittedCount += 1
                continue
            }
            let source = AnswerSource(number: sources.count + 1, post: post)
            let header = header(for: source)
            let overhead = TokenEstimator.estimate(header) + 1 + (blocks.isEmpty ? 0 : separatorTokens)
            let room = min(maxTokensPerPost, tokenBudget - spent - overhead)
            var text = body
            if TokenEstimator.estimate(body) > room {
                guard room >= smallestCut else {
                    omittedCount += 1
                    continue
                }
                text = TokenEstimator.truncate(body, toTokens: room).text
                truncatedCount += 1
            }
            let block = header + "\n" + text
            spent += TokenEstimator.estimate(block) + (blocks.isEmpty ? 0 : separatorTokens)
            blocks.append(block)
            sources.append(source)
        }
        let text = blocks.joined(separator: separator)
        return BuiltContext(
            text: text, sources: sources, estimatedTokens: TokenEstimator.estimate(text),
            truncatedCount: truncatedCount, omittedCount: omittedCount)
    }

    /// `[n] @channel · yyyy-MM-dd HH:mm` (the channel part left out when it has no username).
    func header(for source: AnswerSource) -> String {
        let channel = source.channel.isEmpty ? "" : " @" + source.channel + " ·"
        return "[\(source.number)]" + channel + " " + Self.format(source.postedAt, in: timeZone)
    }

    /// `yyyy-MM-dd HH:mm` of `date` in `timeZone`.
    static func format(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d",
            parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `text` with each line's surrounding spaces trimmed, runs of blank lines collapsed to one, and
    /// leading and trailing blank lines removed.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = false
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                blank = !lines.isEmpty
                continue
            }
            if blank { lines.append("") }
            blank = false
            lines.append(Substring(trimmed))
        }
        return lines.joined(separator: "\n")
    }
}
