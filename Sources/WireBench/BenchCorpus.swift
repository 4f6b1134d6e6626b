import ArticleSchema
import Foundation
import WireCtlCommands
import SeededRandom

/// The `wirectl bench` corpus: deterministic ~2 KB wire articles shaped like a real feed.
///
/// Each original story is a dateline and paragraphs of 12–32-word sentences drawn from a
/// Zipf-distributed vocabulary of 6,000 generated words, with people, places and organisations
/// from generated name lists and numbers in about a third of the sentences. As on a wire, about
/// one article in five repeats a story from the previous 200: 5 % exact resends (typography
/// changed), 15 % edits (words changed, a paragraph dropped or added, an update line). Article `i`
/// depends only on `i`, so any range of the corpus can be generated on its own.
enum BenchCorpus {
    /// `count` articles numbered from `first` (their URLs, hence their ids, differ).
    static func records(count: Int, startingAt first: Int = 0) -> [ArticleRecord] {
        (first..<(first + count)).map(record)
    }

    /// The first `limit` article records of a JSONL file (one record per line; blank lines skipped).
    static func load(path: String, limit: Int) throws -> [ArticleRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("--corpus \(path): cannot read the file", code: 2)
        }
        var out: [ArticleRecord] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where out.count < limit {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                out.append(try ArticleCodec.decode(String(line)))
            } catch {
                throw CommandFailure("--corpus \(path):\(n + 1): not an article record: \(error)", code: 2)
            }
        }
        guard !out.isEmpty else { throw CommandFailure("--corpus \(path): no records", code: 2) }
        return out
    }

    static func record(_ i: Int) -> ArticleRecord {
        var rng = SplitMix64(seed: 0xC0FFEE &+ UInt64(i) &* 0x9E37_79B9)
        let kind = rng.below(100)
        var story: Story
        if i > 0 && kind < 20 {
            let original = i - 1 - rng.below(min(i, 200))
            story = Self.story(original)
            if kind < 5 { story.resend() } else { story.edit(&rng) }
        } else {
            story = Self.story(i)
        }
        return ArticleRecord(source: "bench", url: "https://example.com/\(i)", title: story.title,
                             body: story.paragraphs.joined(separator: "\n\n"), receivedAt: "2026-02-05T07:37:00Z")
    }

    struct Story {
        var title: String
        var paragraphs: [String]

        mutating func resend() {
            paragraphs = paragraphs.map { $0.replacingOccurrences(of: "\"", with: "\u{201C}") }
            paragraphs[0] = paragraphs[0].replacingOccurrences(of: " - ", with: " \u{2014} ")
        }

        mutating func edit(_ rng: inout SplitMix64) {
            switch rng.below(4) {
            case 0 where paragraphs.count > 3: paragraphs.removeLast()
            case 1: paragraphs.append("UPDATE \(rng.below(9) + 1): " + BenchCorpus.sentence(&rng) + " " + BenchCorpus.sentence(&rng))
            case 2: title = "UPDATE: " + title
            default: break
            }
            // A handful of words changed (typos, a reworded phrase).
            for _ in 0..<(2 + rng.below(5)) {
                let p = rng.below(paragraphs.count)
                var words = paragraphs[p].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                guard words.count > 4 else { continue }
                words[2 + rng.below(words.count - 2)] = BenchCorpus.word(&rng)
                paragraphs[p] = words.joined(separator: " ")
            }
        }
    }

    /// The original story number `n`.
    static func story(_ n: Int) -> Story {
        var rng = SplitMix64(seed: 0x5EED_0000 &+ UInt64(n))
        let place = places[rng.below(places.count)]
        let title = "\(people[rng.below(people.count)]) \(word(&rng)) \(word(&rng)) \(place)"
        var paragraphs: [String] = []
        var size = 0
        var first = "\(place.uppercased()), Feb \(1 + rng.below(27)) (Reuters) - "
        first += sentence(&rng) + " " + sentence(&rng)
        paragraphs.append(first)
        size += first.utf8.count
        while size < 1900 {
            var p = sentence(&rng)
            for _ in 0..<rng.below(3) { p += " " + sentence(&rng) }
            paragraphs.append(p)
            size += p.utf8.count + 2
        }
        return Story(title: title, paragraphs: paragraphs)
    }

    static func sentence(_ rng: inout SplitMix64) -> String {
        var words: [String] = []
        let n = 12 + rng.below(21)
        for i in 0..<n {
            let r = rng.below(100)
            if i == 0 || r < 6 { words.append(people[rng.below(people.count)]) }
            else if r < 9 { words.append("in " + places[rng.below(places.count)]) }
            else if r < 12 { words.append(orgs[rng.below(orgs.count)]) }
            else if r < 14 { words.append("\(rng.below(999)).\(rng.below(10)) percent") }
            else { words.append(word(&rng)) }
        }
        let verb = ["said", "told reporters", "said on Tuesday", "announced", "added", "according to a statement"][rng.below(6)]
        return words.joined(separator: " ") + ", " + verb + "."
    }

    /// A word of the vocabulary, Zipf-distributed (rank r has weight 1 / (r + 2)).
    static func word(_ rng: inout SplitMix64) -> String {
        let total = cumulative[cumulative.count - 1]
        let x = Double(rng.next() >> 11) / Double(1 << 53) * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return vocabulary[lo]
    }

    private static let syllables = ["ka", "lo", "mi", "ter", "an", "sto", "re", "vin", "da", "pel", "or", "chi", "nu", "bra",
                                    "el", "fo", "gan", "hu", "is", "jo", "ment", "ric", "sa", "tion", "ul", "ver", "wa", "zy"]

    private static func generated(_ count: Int, seed: UInt64, syllables range: ClosedRange<Int>, capitalized: Bool) -> [String] {
        var rng = SplitMix64(seed: seed)
        var seen = Set<String>()
        var out: [String] = []
        while out.count < count {
            var w = ""
            for _ in 0..<(range.lowerBound + rng.below(range.count)) { w += syllables[rng.below(syllables.count)] }
            if capitalized { w = w.prefix(1).uppercased() + w.dropFirst() }
            if seen.insert(w).inserted { out.append(w) }
        }
        return out
    }

    /// Function words first (the most frequent ranks), then generated words.
    static let vocabulary: [String] = ["the", "of", "to", "and", "a", "in", "that", "for", "on", "was", "is", "with", "by", "it", "as",
                                       "at", "from", "he", "his", "be", "an", "have", "has", "are", "its", "not", "but", "which", "after"]
        + generated(6000, seed: 1, syllables: 1...4, capitalized: false)
    static let cumulative: [Double] = {
        var acc = 0.0
        return vocabulary.indices.map { r in acc += 1 / Double(r + 2); return acc }
    }()
    static let people: [String] = {
        let first = generated(120, seed: 2, syllables: 2...3, capitalized: true)
        let last = generated(300, seed: 3, syllables: 2...3, capitalized: true)
        return (0..<400).map { "\(first[$0 % first.count]) \(last[($0 * 7) % last.count])" }
    }()
    static let places = generated(150, seed: 4, syllables: 2...3, capitalized: true)
    static let orgs = generated(150, seed: 5, syllables: 2...3, capitalized: true).map { "the \($0) Group" }
}
