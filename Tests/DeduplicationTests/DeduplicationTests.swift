import Digest
import Foundation
import Normalization
import Testing
@testable import Deduplication

/// Deterministic filler stories: each seed gives different wording, names and numbers.
enum Fixture {
    static let words = """
        government minister said talks would resume next week after officials failed to agree on the budget plan \
        company shares rose sharply in early trading as investors welcomed results from its overseas operations \
        police arrested several people following clashes near the border where troops had been deployed overnight \
        the central bank left interest rates unchanged while analysts expected a cut before the end of the year \
        farmers warned that drought could reduce the harvest and push prices higher across the region this season
        """.split(separator: " ").map(String.init)
    static let names = ["Kowalski", "Abebe", "Lindqvist", "Moreau", "Tanaka", "Okafor", "Brennan", "Castillo", "Novak", "Haddad"]

    static func story(_ seed: Int, paragraphs: Int = 4, wordsPerParagraph: Int = 30) -> [String] {
        var state = UInt64(seed &* 7919 &+ 17)
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        return (0..<paragraphs).map { p in
            var out: [String] = []
            for i in 0..<wordsPerParagraph {
                if i % 9 == 4 { out.append(names[next() % names.count]) }
                else if i % 13 == 7 { out.append(String(next() % 9000 + p)) }
                else { out.append(words[next() % words.count]) }
            }
            return out.joined(separator: " ") + "."
        }
    }

    static func text(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }

    static func doc(_ id: String, _ text: String, minutes: Double = 0) -> DedupeDocument {
        DedupeDocument(id: id, title: "t", text: text, timestamp: Date(timeIntervalSince1970: 840_000_000 + minutes * 60))
    }

    static func tempDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dedupe-test-\(UUID().uuidString)")
    }
}

@Suite struct ExactAndNearDuplicates {
    @Test func exactResendWithTypographyIsDuplicate() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let base = "The minister said \"talks\" would resume - next week, officials said. Prices rose 5 pct."
        let variant = "The  minister said \u{201C}talks\u{201D} would resume \u{2014} next week,\r\nofficials said. PRICES rose 5 pct."
        #expect(try d.check(Fixture.doc("a", base)).status == .unique)
        let v = try d.check(Fixture.doc("b", variant, minutes: 5))
        #expect(v == DedupeVerdict(status: .duplicate, duplicateOf: "a", similarity: 1))
    }

    @Test func addedParagraphAndTruncationAreNearDuplicates() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let story = Fixture.story(1, paragraphs: 5)
        #expect(try d.check(Fixture.doc("orig", Fixture.text(story))).status == .unique)
        let updated = try d.check(Fixture.doc("upd", Fixture.text(story + Fixture.story(99, paragraphs: 1)), minutes: 10))
        #expect(updated.status == .nearDuplicate)
        #expect(updated.duplicateOf == "orig")
        #expect(updated.similarity >= 0.5 && updated.similarity < 1)
        let truncated = try d.check(Fixture.doc("trunc", Fixture.text(Array(story.prefix(3))), minutes: 20))
        #expect(truncated.status == .nearDuplicate)
        #expect(truncated.duplicateOf == "orig")
    }

    @Test func copyOfACopyNamesTheEarliestArticle() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let story = Fixture.story(2, paragraphs: 5)
        _ = try d.check(Fixture.doc("first", Fixture.text(story)))
        let second = story + Fixture.story(50, paragraphs: 1)
        #expect(try d.check(Fixture.doc("second", Fixture.text(second), minutes: 1)).duplicateOf == "first")
        // Similar to "second" but not containing all of "first": still points at "first".
        let third = Array(second.dropFirst()) + Fixture.story(51, paragraphs: 1)
        let v = try d.check(Fixture.doc("third", Fixture.text(third), minutes: 2))
        #expect(v.status == .nearDuplicate)
        #expect(v.duplicateOf == "first")
    }

    @Test func differentStoriesStayUnique() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        for seed in 0..<30 {
            let v = try d.check(Fixture.doc("s\(seed)", Fixture.text(Fixture.story(seed + 100)), minutes: Double(seed)))
            #expect(v.status == .unique, "story \(seed)")
        }
    }
}

@Suite struct HardNegatives {
    @Test func resultsTablesWithOtherNumbersStayApart() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let teams = ["Ajax", "PSV Eindhoven", "Feyenoord", "Twente", "Vitesse Arnhem", "Heerenveen", "Utrecht", "Groningen",
                     "NAC Breda", "Roda JC", "Willem II", "Sparta Rotterdam"]
        func table(_ day: Int) -> String {
            var lines = ["Results of Dutch first division soccer matches played on \(["Friday", "Saturday", "Sunday"][day % 3]):"]
            for i in stride(from: 0, to: teams.count, by: 2) {
                lines.append("\(teams[i]) \((i + day * 3) % 5) \(teams[i + 1]) \((i * 7 + day) % 4)")
            }
            lines.append("Standings (tabulate under games played, won, drawn, lost, goals for, against, points):")
            for (i, t) in teams.enumerated() {
                let p = day + 1
                lines.append("\(t) \(p) \((i + day) % 3) \((i + 2 * day) % 2) \((i * day) % 2) \((i * 3 + day) % 9) \((i + 5 * day) % 7) \((i * 5 + day * 2) % 10)")
            }
            return lines.joined(separator: "\n")
        }
        for day in 0..<6 {
            let v = try d.check(Fixture.doc("table\(day)", table(day), minutes: Double(day) * 1440))
            #expect(v.status == .unique, "day \(day): \(v)")
        }
    }

    @Test func sharedPartnerBoilerplateDoesNotMergeStories() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let header = "Distributed by Example Partner Services for subscribing newsrooms only."
        let footer = """
            Copyright 1996 Example Limited. All rights reserved. This story is supplied to Example Partner Services \
            subscribers for their own internal use. Republishing, rewriting, broadcasting or redistributing it in any \
            form, including by framing, is forbidden without prior written consent. Example Partner Services and its \
            suppliers accept no liability for errors, omissions or delays in this content.
            """
        var verdicts: [DedupeVerdict] = []
        for seed in 0..<12 {
            let short = Fixture.story(seed + 300, paragraphs: 1, wordsPerParagraph: 25)
            verdicts.append(try d.check(Fixture.doc("p\(seed)", Fixture.text([header] + short + [footer]), minutes: Double(seed))))
        }
        #expect(verdicts.filter { $0.status != .unique }.isEmpty, "\(verdicts)")
        // A partner copy of an earlier story is still found behind the boilerplate.
        let story = Fixture.story(400, paragraphs: 2, wordsPerParagraph: 30)
        _ = try d.check(Fixture.doc("plain", Fixture.text(story), minutes: 20))
        let wrapped = try d.check(Fixture.doc("wrapped", Fixture.text([header] + story + [footer]), minutes: 30))
        #expect(wrapped.status == .nearDuplicate)
        #expect(wrapped.duplicateOf == "plain")
    }
}

@Suite struct ReplayPersistenceRetention {
    @Test func replayReturnsTheFirstVerdictAndNeverSelf() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let text = Fixture.text(Fixture.story(7))
        let first = try d.check(Fixture.doc("a", text))
        let copy = try d.check(Fixture.doc("b", text, minutes: 1))
        #expect(first.status == .unique)
        #expect(try d.check(Fixture.doc("a", text, minutes: 2)) == first)
        #expect(try d.check(Fixture.doc("b", text, minutes: 3)) == copy)
        #expect(d.retainedCount == 2)
    }

    @Test func restartLoadsTheIndex() throws {
        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let story = Fixture.story(8, paragraphs: 5)
        var options = DedupeOptions()
        options.flushEvery = 1000
        do {
            let d = try Deduplicator(options: options, stateDirectory: dir)
            #expect(try d.check(Fixture.doc("orig", Fixture.text(story))).status == .unique)
            #expect(try d.check(Fixture.doc("exact", Fixture.text(story), minutes: 1)).status == .duplicate)
            try d.flush()
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("dedupe.sqlite").path))
        let d = try Deduplicator(options: options, stateDirectory: dir)
        #expect(d.retainedCount == 2)
        #expect(try d.check(Fixture.doc("orig", "anything")).status == .unique)
        #expect(try d.check(Fixture.doc("exact", "anything")) == DedupeVerdict(status: .duplicate, duplicateOf: "orig", similarity: 1))
        let near = try d.check(Fixture.doc("near", Fixture.text(Array(story.dropLast())), minutes: 5))
        #expect(near.status == .nearDuplicate)
        #expect(near.duplicateOf == "orig")
    }

    /// Default retention, and a short one so that expiry runs between restarts.
    static let restartOptions: [DedupeOptions] = {
        var short = DedupeOptions()
        short.retentionSeconds = 3600
        short.verdictRetentionSeconds = 3600
        short.expiryIntervalSeconds = 600
        return [DedupeOptions(), short]
    }()

    @Test(arguments: restartOptions)
    func restartMidStreamGivesTheSameVerdictsAsOneRun(options: DedupeOptions) throws {
        // A small stream with originals, near copies, exact copies and unrelated stories.
        var docs: [DedupeDocument] = []
        for i in 0..<40 {
            let story = Fixture.story(600 + i % 15, paragraphs: 4)
            let text: String
            switch i / 15 {
            case 0: text = Fixture.text(story)
            case 1: text = Fixture.text(story + Fixture.story(900 + i, paragraphs: 1))
            default: text = Fixture.text(Array(story.dropLast()))
            }
            docs.append(Fixture.doc("r\(i)", text, minutes: Double(i) * 7))
        }
        let single = try Deduplicator(options: options, stateDirectory: nil)
        let expected = try docs.map { try single.check($0) }
        if options == DedupeOptions() { #expect(expected.filter { $0.status != .unique }.count == 25) }

        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var got: [DedupeVerdict] = []
        do {
            let first = try Deduplicator(options: options, stateDirectory: dir)
            for doc in docs.prefix(22) { got.append(try first.check(doc)) }
            try first.flush()
        }
        let second = try Deduplicator(options: options, stateDirectory: dir)
        for doc in docs.dropFirst(22) { got.append(try second.check(doc)) }
        #expect(got == expected)
        if options != DedupeOptions() { #expect(second.retainedCount < docs.count) }
        // Replaying the stream afterwards changes nothing (ids still in the index or remembered).
        if options == DedupeOptions() { #expect(try docs.map { try second.check($0) } == expected) }
    }

    @Test func incompatibleStoredSettingsAreRejected() throws {
        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Deduplicator(options: DedupeOptions(), stateDirectory: dir)
        var other = DedupeOptions()
        other.shingleSize += 1
        #expect(throws: DedupeError.self) { try Deduplicator(options: other, stateDirectory: dir) }
    }

    @Test func expireForgetsOldArticlesInMemoryAndOnDisk() throws {
        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = Fixture.text(Fixture.story(9))
        let recent = Fixture.text(Fixture.story(10))
        do {
            let d = try Deduplicator(options: DedupeOptions(), stateDirectory: dir)
            _ = try d.check(Fixture.doc("old", old, minutes: 0))
            _ = try d.check(Fixture.doc("recent", recent, minutes: 600))
            #expect(try d.expire(before: Date(timeIntervalSince1970: 840_000_000 + 300 * 60)) == 1)
            #expect(d.retainedCount == 1)
            #expect(try d.check(Fixture.doc("old-again", old, minutes: 601)).status == .unique)
            #expect(try d.check(Fixture.doc("recent-again", recent, minutes: 602)).duplicateOf == "recent")
            // The expired id keeps its first verdict for replays.
            #expect(try d.check(Fixture.doc("old", old, minutes: 0)) == DedupeVerdict(status: .unique, duplicateOf: nil, similarity: 0))
            try d.flush()
        }
        let reopened = try Deduplicator(options: DedupeOptions(), stateDirectory: dir)
        #expect(reopened.retainedCount == 3)
        #expect(try reopened.check(Fixture.doc("old", old, minutes: 0)).status == .unique)
        #expect(reopened.retainedCount == 3)
    }

    @Test func expiryReturnsTheIndexToItsWindowExactly() throws {
        // Boilerplate counts are sums over the retained articles: expiry subtracts exactly what
        // insertion added, so once every article left nothing is counted (memory follows the window).
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        for i in 0..<60 {
            let story = Fixture.story(700 + i % 20)
            let text = i < 20 ? Fixture.text(story) : Fixture.text(story + ["Reporting by Desk \(i % 3); editing by the wire."])
            _ = try d.check(Fixture.doc("w\(i)", text, minutes: Double(i)))
        }
        #expect(try d.expire(before: Date(timeIntervalSince1970: 840_000_000 + 40 * 60)) == 40)
        #expect(d.retainedCount == 20)
        // The 20 kept articles are copies of expired originals: what they added is still counted.
        #expect(d.trackedShingles > 0)
        #expect(try d.expire(before: Date(timeIntervalSince1970: 840_000_000 + 61 * 60)) == 20)
        #expect(d.retainedCount == 0)
        #expect(d.trackedShingles == 0)
    }

    @Test func anExpiredOriginalIsNeverItsOwnDuplicate() throws {
        var options = DedupeOptions()
        options.verdictRetentionSeconds = options.retentionSeconds  // forget verdicts with the index
        let d = try Deduplicator(options: options, stateDirectory: nil)
        let text = Fixture.text(Fixture.story(15))
        _ = try d.check(Fixture.doc("orig", text, minutes: 0))
        #expect(try d.check(Fixture.doc("copy", text, minutes: 600)).duplicateOf == "orig")
        #expect(try d.expire(before: Date(timeIntervalSince1970: 840_000_000 + 300 * 60)) == 1)
        let replay = try d.check(Fixture.doc("orig", text, minutes: 0))
        #expect(replay.status == .unique)
        #expect(replay.duplicateOf == nil)
    }

    @Test func retentionRunsAutomatically() throws {
        var options = DedupeOptions()
        options.retentionSeconds = 3600
        options.expiryIntervalSeconds = 600
        let d = try Deduplicator(options: options, stateDirectory: nil)
        let text = Fixture.text(Fixture.story(11))
        _ = try d.check(Fixture.doc("a", text, minutes: 0))
        for i in 1...10 { _ = try d.check(Fixture.doc("f\(i)", Fixture.text(Fixture.story(500 + i)), minutes: Double(i) * 20)) }
        #expect(d.retainedCount < 11)
        #expect(try d.check(Fixture.doc("b", text, minutes: 201)).status == .unique)
    }

    @Test func oneFutureDatedArticleDoesNotWipeTheIndex() throws {
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let text = Fixture.text(Fixture.story(12))
        _ = try d.check(Fixture.doc("a", text, minutes: 0))
        _ = try d.check(Fixture.doc("bogus", Fixture.text(Fixture.story(13)), minutes: 60 * 24 * 365))
        _ = try d.check(Fixture.doc("c", Fixture.text(Fixture.story(14)), minutes: 5))
        #expect(d.retainedCount == 3)
        #expect(try d.check(Fixture.doc("a2", text, minutes: 6)).duplicateOf == "a")
    }

    @Test func invalidOptionsThrow() {
        var o = DedupeOptions()
        o.bands = 100
        #expect(throws: DedupeError.self) { try Deduplicator(options: o, stateDirectory: nil) }
    }
}

@Suite struct Primitives {
    @Test func precomputedFingerprintGivesTheSameVerdicts() throws {
        let a = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let b = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        for i in 0..<12 {
            let story = Fixture.story(700 + i % 5, paragraphs: 3)
            let doc = Fixture.doc("f\(i)", Fixture.text(i < 5 ? story : Array(story.dropFirst())), minutes: Double(i))
            let data = try JSONEncoder().encode(DedupeFingerprint(text: doc.text, options: DedupeOptions()))
            let shipped = try JSONDecoder().decode(DedupeFingerprint.self, from: data)
            let blank = DedupeDocument(id: doc.id, title: doc.title, text: "", timestamp: doc.timestamp)
            #expect(try a.check(doc) == b.check(blank, fingerprint: shipped))
        }
        var other = DedupeOptions()
        other.shingleSize = 3
        #expect(throws: DedupeError.self) {
            try a.check(Fixture.doc("x", "some text here"), fingerprint: DedupeFingerprint(text: "some text here", options: other))
        }
    }

    @Test func bucketIndexAgreesWithDictionary() {
        var buckets = BucketIndex()
        var reference: [UInt64: Set<Int64>] = [:]
        var state: UInt64 = 7
        for seq in 0..<6000 as Range<Int64> {
            state = StableHash.mix(state)
            let key = state % 3000
            buckets.add(key, seq); reference[key, default: []].insert(seq)
            if seq % 3 == 0 {
                let victimKey = StableHash.mix(state) % 3000
                if let victim = reference[victimKey]?.randomElement() {
                    buckets.remove(victimKey, victim); reference[victimKey]?.remove(victim)
                }
            }
        }
        for key in 0..<3000 as Range<UInt64> {
            var got: [Int64] = []
            buckets.collect(key, into: &got)
            #expect(Set(got) == reference[key, default: []])
            #expect(got.count == reference[key, default: []].count)
        }
    }
}


@Suite struct FastPaths {
    /// The scalar-by-scalar tokenizer the byte-level one replaced (stored indexes hold its hashes).
    static func referenceShingles(_ text: String, shingleSize k: Int) -> (digest: String, shingles: [UInt64], numbers: [UInt64]) {
        let folded = TextFolding.fold(text)
        var tokens: [UInt64] = [], numbers: [UInt64] = []
        var current: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false, hasDigit = false
        func endWord() {
            guard inWord else { return }
            let h = StableHash.mix(current)
            tokens.append(h)
            if hasDigit { numbers.append(h) }
            current = 0xcbf2_9ce4_8422_2325; inWord = false; hasDigit = false
        }
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            let isDigit: Bool, isWordChar: Bool
            if v < 0x80 {
                isDigit = v >= 0x30 && v <= 0x39
                isWordChar = isDigit || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F
            } else {
                let p = scalar.properties
                isDigit = p.numericType == .decimal
                isWordChar = p.isAlphabetic || isDigit || p.generalCategory == .nonspacingMark
            }
            if isWordChar {
                inWord = true
                if isDigit { hasDigit = true }
                var x = v
                repeat { current = (current ^ UInt64(x & 0xFF)) &* 0x0000_0100_0000_01B3; x >>= 8 } while x != 0
            } else { endWord() }
        }
        endWord()
        var list: [UInt64] = []
        if tokens.count > 0 {
            if tokens.count <= k {
                var h = UInt64(tokens.count)
                for t in tokens { h = StableHash.combine(h, t) }
                list.append(h)
            } else {
                for start in 0...(tokens.count - k) {
                    var h = UInt64(k)
                    for t in tokens[start..<(start + k)] { h = StableHash.combine(h, t) }
                    list.append(h)
                }
            }
        }
        return (folded.isEmpty ? "" : SHA256.hex(folded), Array(Set(list)).sorted(), Array(Set(numbers)).sorted())
    }

    @Test func byteLevelFingerprintEqualsTheScalarReference() {
        var texts = [
            "", " ", "a", "one two", "Ünïcödé wörds, Ελληνικά και русский текст 123 ٣٤٥ and 中文字符",
            "Prices rose 5.2 pct -- to $3,400 \u{2014} \u{201C}quoted\u{201D} naïve café ﬁnance \u{00AD}soft\u{200B}hyphen",
            "emoji 😀 between words 🇬🇧 and combining e\u{0301} marks", "x_y 1_000 __init__",
        ]
        for seed in 0..<40 { texts.append(Fixture.text(Fixture.story(seed, paragraphs: 1 + seed % 5))) }
        for text in texts {
            for k in [1, 2, 4] {
                let ref = Self.referenceShingles(text, shingleSize: k)
                let got = DedupeFingerprint(text: text, shingleSize: k)
                #expect(got.digest == ref.digest, "\(text)")
                #expect(got.shingles == ref.shingles, "\(text) k=\(k)")
                #expect(got.numbers == ref.numbers, "\(text)")
            }
        }
    }

    /// ASCII text with a known digest is tokenized without folding; words, numbers and digest must
    /// be those of the folding path.
    @Test func asciiTextWithKnownDigestMatchesTheFoldingPath() {
        var texts = [
            "", " ", "\t\n  ", "!!! --- ...", "ABC def_GHI 123 x1", "Hello,  WORLD -- it's `quoted` 5.2 PCT\u{7F}end",
            "a-b--c d\u{1}e", "MiXeD CaSe_Words 42nd", "[Z]{a}@b`c^d",
        ]
        for seed in 0..<20 {
            let story = Fixture.text(Fixture.story(seed, paragraphs: 1 + seed % 3))
            texts.append(story)
            texts.append(story.uppercased())
        }
        for text in texts {
            for k in [1, 2, 4] {
                let folded = DedupeFingerprint(text: text, shingleSize: k)
                let known = DedupeFingerprint(text: text, shingleSize: k,
                                              knownDigest: folded.digest.isEmpty ? String(repeating: "0", count: 64) : folded.digest)
                #expect(known.digest == folded.digest, "\(text)")
                #expect(known.shingles == folded.shingles, "\(text) k=\(k)")
                #expect(known.numbers == folded.numbers, "\(text)")
            }
        }
    }

    @Test func radixSortSorts() {
        var state: UInt64 = 3
        for n in [64, 65, 300, 1000] {
            var v: [UInt64] = (0..<n).map { i in state = StableHash.mix(state); return i % 7 == 0 ? UInt64(i) : state }
            let expected = v.sorted()
            DedupeFingerprint.radixSort(&v)
            #expect(v == expected)
        }
    }

    @Test func shingleCountersAddAndRemoveExactly() {
        var counters = ShingleCounters()
        var state: UInt64 = 11
        let keys: [UInt32] = (0..<5000).map { _ in state = StableHash.mix(state); return UInt32(truncatingIfNeeded: state) }
        counters.addRoot(keys)
        counters.addRoot(Array(keys.prefix(100)))
        counters.addAdded(Array(keys.suffix(10)))
        #expect(counters.increments == 5110)
        #expect(ShingleCounters.roots(counters.value(keys[0])) >= 2)
        #expect(ShingleCounters.added(counters.value(keys[4999])) >= 1)
        counters.removeRoot(keys)
        counters.removeRoot(Array(keys.prefix(100)))
        counters.removeAdded(Array(keys.suffix(10)))
        #expect(counters.increments == 0)
        #expect(keys.allSatisfy { counters.value($0) == 0 })
    }

    @Test func crowdedBucketsStayFastAndCorrect() throws {
        // Many articles from one tiny vocabulary share band keys; a true copy is still found.
        let d = try Deduplicator(options: DedupeOptions(), stateDirectory: nil)
        let words = ["alpha", "beta", "gamma", "delta"]
        var state: UInt64 = 5
        func filler() -> String {
            (0..<200).map { _ in state = StableHash.mix(state); return words[Int(state % 4)] }.joined(separator: " ")
        }
        let original = Fixture.text(Fixture.story(77, paragraphs: 3))
        _ = try d.check(Fixture.doc("orig", original))
        for i in 0..<600 { _ = try d.check(Fixture.doc("f\(i)", filler(), minutes: 1)) }
        let copy = try d.check(Fixture.doc("copy", original + " Updated later.", minutes: 2))
        #expect(copy.duplicateOf == "orig")
    }
}
