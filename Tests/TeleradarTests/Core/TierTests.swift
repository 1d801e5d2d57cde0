import Foundation
import Testing
@testable import TeleradarCore

@Suite("Tiers")
struct TierTests {
    @Test(
        "each tier has the exact numbers of the spec",
        arguments: [
            (Tier.free, 3, 100, 10, false, 0, nil as Int?),
            (.trial, 10, 500, 50, true, 0, 7),
            (.basic, 10, 500, 50, true, 500, 30),
            (.premium, 50, 2000, 200, true, 1500, 30),
            (.enterprise, 999, 99999, 999, true, 5000, 30),
        ])
    func limits(tier: Tier, channels: Int, posts: Int, rag: Int, digest: Bool, price: Int, days: Int?) {
        let limits = tier.limits
        #expect(limits.maxChannels == channels)
        #expect(limits.postsPerDay == posts)
        #expect(limits.ragQueriesPerDay == rag)
        #expect(limits.aiDigest == digest)
        #expect(limits.priceRub == price)
        #expect(limits.durationDays == days)
    }

    @Test("quota checks name the limit and when it resets")
    func quotaDenials() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC
        #expect(QuotaPolicy.check(.channels, tier: .free, used: 2, now: now) == nil)
        let channel = try #require(QuotaPolicy.check(.channels, tier: .free, used: 3, now: now))
        #expect(channel.limit == 3)
        #expect(channel.resetsAt == nil)
        #expect(channel.message.contains("3 channels"))
        let posts = try #require(QuotaPolicy.check(.postsPerDay, tier: .trial, used: 500, now: now))
        #expect(posts.resetsAt == Date(timeIntervalSince1970: 1_800_057_600))
        #expect(posts.message.contains("resets at 2027-01-16 00:00 UTC"))
        #expect(QuotaPolicy.check(.aiDigest, tier: .free, used: 0, now: now)?.kind == .aiDigest)
        #expect(QuotaPolicy.check(.aiDigest, tier: .basic, used: 0, now: now) == nil)
    }

    @Test("tier changes are classified for history")
    func classify() {
        #expect(SubscriptionAction.classify(from: nil, to: .free) == .created)
        #expect(SubscriptionAction.classify(from: .free, to: .basic) == .upgraded)
        #expect(SubscriptionAction.classify(from: .premium, to: .basic) == .downgraded)
        #expect(SubscriptionAction.classify(from: .basic, to: .basic) == .renewed)
    }

    @Test("tier names parse case-insensitively and bad names say what is valid")
    func parsing() throws {
        #expect(try Tier(parsing: " Premium ") == .premium)
        #expect(throws: DomainError.invalidArgument("unknown tier 'gold'; expected one of free, trial, basic, premium, enterprise")) {
            try Tier(parsing: "gold")
        }
    }
}
