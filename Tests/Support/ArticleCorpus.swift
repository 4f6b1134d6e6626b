import ArticleSchema
import SeededRandom

/// Distinct made-up articles: words from a seeded generator, so no two articles share text by accident.
public struct ArticleCorpus {
    public var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    public mutating func next(_ bound: Int) -> Int { rng.below(bound) }

    public mutating func word() -> String {
        let syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "ni", "pra", "gu", "zen", "ha", "bri", "mon", "tel", "qua", "fi"]
        return (0..<(2 + next(2))).map { _ in syllables[next(syllables.count)] }.joined()
    }

    public mutating func sentence() -> String {
        let name = word().capitalized + " " + word().capitalized
        let words = (0..<(8 + next(8))).map { _ in word() }.joined(separator: " ")
        return "\(name) said on Tuesday that \(words) rose \(next(90) + 1) percent."
    }

    public mutating func paragraph() -> String { (0..<3).map { _ in sentence() }.joined(separator: " ") }

    public mutating func article(index: Int) -> ArticleRecord {
        let body = "\(word().uppercased()), March \(1 + next(27)) (Test Wire) - " + (0..<4).map { _ in paragraph() }.joined(separator: "\n\n")
        return ArticleRecord(
            id: "art-\(index)", source: "test-wire", url: "https://example.test/\(index)", title: "\(word().capitalized) \(word()) \(word())",
            body: body, receivedAt: "2026-03-01T1\(index % 10):00:00Z")
    }
}
