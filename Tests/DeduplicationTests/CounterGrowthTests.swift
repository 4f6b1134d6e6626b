import Testing

@testable import Deduplication

/// The boilerplate counters grow 4× a few articles at a time instead of recounting everything at
/// once; while and after they do, they must answer as a full count would.
@Suite struct CounterGrowth {
    @Test func countersGrowWithoutLosingOrDoublingCounts() {
        let options = DedupeOptions()
        var index = DedupeIndex(options: options)
        var state: UInt64 = 7
        func next() -> UInt32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 33)
        }
        let startCells = index.counterBytes / 2
        var seq: Int64 = 1
        for round in 0..<900 {
            // Roots with their own shingles, and every third article a copy that added a few.
            let shingles = (0..<200).map { _ in next() }.sorted()
            var article = IndexedArticle(
                seq: seq, id: "a\(seq)", timestamp: Double(round), verdict: DedupeVerdict(status: .unique, duplicateOf: nil, similarity: 0),
                root: "a\(seq)", digest: "", shingles: shingles, numbers: [],
                signature: (0..<options.permutations).map { _ in next() }, matchedSeq: nil)
            if round % 3 == 2 {
                article.matchedSeq = seq - 1
                article.added = Array(shingles.prefix(20))
            }
            index.insert(article)
            seq += 1
            // Articles leave the window while the counters grow.
            if round % 20 == 19 { _ = index.expire(before: Double(round - 300)) }
            if round % 10 == 0 { #expect(index.countersMatchRetained, "after \(round + 1) articles") }
        }
        #expect(index.counterBytes / 2 > startCells)
        #expect(index.countersMatchRetained)
    }
}
