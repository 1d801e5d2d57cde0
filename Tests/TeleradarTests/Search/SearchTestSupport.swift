import Foundation
import Testing

@testable import TeleradarSearch

/// A small deterministic random generator (SplitMix64) so random-data tests are reproducible.
struct SearchTestRandom: RandomNumberGenerator, Sendable {
    /// The state.
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal sample (Box–Muller).
    mutating func gaussian() -> Float {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
    }

    /// A random vector of `dimensions` normal components (not normalised).
    mutating func vector(_ dimensions: Int) -> [Float] {
        (0..<dimensions).map { _ in gaussian() }
    }

    /// A random unit vector of `dimensions` components.
    mutating func unitVector(_ dimensions: Int) -> [Float] {
        SearchTestReference.unit(vector(dimensions))
    }

    /// `base` plus normal noise of standard deviation `noise`.
    mutating func near(_ base: [Float], noise: Float) -> [Float] {
        base.map { $0 + noise * gaussian() }
    }
}

/// Exact float helpers to check the quantised index against.
enum SearchTestReference {
    /// `vector / |vector|`.
    static func unit(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }

    /// The cosine similarity of two vectors.
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(unit(a), unit(b)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The dot product of two vectors.
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    /// Brute-force top `limit` posts (best chunk each) by exact cosine, over `entries` passing
    /// `accept`. The entries' vectors must be unit vectors (the query need not be).
    static func topPosts(
        _ query: [Float], in entries: [VectorEntry], limit: Int, accept: (VectorEntry) -> Bool = { _ in true }
    ) -> [(postID: Int64, chunk: Int, score: Float)] {
        let unitQuery = unit(query)
        var best: [Int64: (chunk: Int, score: Float)] = [:]
        for entry in entries where accept(entry) {
            let score = dot(unitQuery, entry.vector)
            if let known = best[entry.postID], known.score >= score { continue }
            best[entry.postID] = (entry.chunk, score)
        }
        return best.map { (postID: $0.key, chunk: $0.value.chunk, score: $0.value.score) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.postID < $1.postID }
            .prefix(limit).map { $0 }
    }
}

/// The XQuAD retrieval fixture (BEIR layout), found from this file's folder upwards, then in the
/// shared fixtures folder.
enum SearchFixtures {
    /// The folder holding `ru/` and `en/`, or `nil` when it cannot be found.
    static let xquadDirectory: URL? = {
        let relatives = [
            "Tests/TeleradarTests/Fixtures/xquad-retrieval", "Fixtures/xquad-retrieval",
            "shared/fixtures/xquad-retrieval", "fixtures/xquad-retrieval",
        ]
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            for relative in relatives {
                let candidate = folder.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ru/corpus.jsonl").path) {
                    return candidate
                }
            }
            folder.deleteLastPathComponent()
        }
        let shared = URL(fileURLWithPath: "/work/shared/fixtures/xquad-retrieval")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("ru/corpus.jsonl").path) ? shared : nil
    }()

    /// The folder of one language (`ru` or `en`).
    static func xquad(_ language: String) throws -> URL {
        let folder = try #require(xquadDirectory, "fixture folder xquad-retrieval not found")
        return folder.appendingPathComponent(language)
    }
}
