import Foundation
import Testing
@testable import Normalization
import SeededRandom

/// Property-style fuzzing: random bytes, random markup soup, pathological nesting and sizes. No crash,
/// no hang, offsets always valid.
@Suite struct RobustnessTests {
    let normalizer = Normalizer()

    static let fragments = [
        "<", ">", "</", "<p>", "</p>", "<div class=\"share\">", "</div>", "<!--", "-->", "<script>", "</script>", "&", "&amp;", "&#",
        "&#x1F600;", "&#99999999999;", "\"", "'", "=", " ", "\n", "\r\n", "\u{00A0}", "\u{200B}", "\u{00AD}", "\u{FFFD}", "é", "e\u{0301}",
        "LONDON, Aug 30 (Reuters) - ", "By Jane Doe", "(Reporting by X)", "Mr.", "U.S.", "3.5", ".", "?", "\u{201C}", "\u{2014}",
        "2026-02-05T07:37:00Z", "5 February 2026 11:37 (UTC+04:00)", "Read more", "<br>", "<h1>", "</h1>", "<meta name=author content=",
        "<script type=\"application/ld+json\">{\"datePublished\":", "政府", "الحكومة", "\u{0000}", "\u{D7FF}", "<title>", "</title>", "<a href=",
    ]

    func check(_ raw: RawText) {
        do {
            let n = try normalizer.normalize(raw)
            let count = n.text.unicodeScalars.count
            #expect(!n.text.isEmpty)
            for span in n.paragraphs + n.sentences {
                #expect(span.start >= 0 && span.start < span.end && span.end <= count)
            }
            #expect(n.languageConfidence >= 0 && n.languageConfidence <= 1)
            #expect(n.contentHash.count == 64)
        } catch {
            // Throwing a NormalizationError is fine; crashing is not.
        }
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 42)
        for i in 0..<150 {
            let length = Int(rng.next() % 2000)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let body = String(decoding: bytes, as: UTF8.self)
            check(RawText(title: i % 3 == 0 ? nil : body, body: body, isHTML: i % 2 == 0, publishedAt: i % 5 == 0 ? body : nil))
        }
    }

    @Test func fuzzEntryPointOnSeeds() throws {
        var rng = SplitMix64(seed: 2026)
        let url = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasSuffix(".json") }.sorted()
        for name in names.prefix(12) {
            var bytes = Array(try Data(contentsOf: url.appendingPathComponent(name)))
            NormalizationFuzzing.check(bytes)
            // Mutate: flip, insert and truncate bytes.
            for _ in 0..<4 {
                guard !bytes.isEmpty else { break }
                let i = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[i] ^= UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.insert(contentsOf: Array("<div>&#x".utf8), at: i)
                default: bytes.removeSubrange(i...)
                }
                NormalizationFuzzing.check(bytes)
            }
        }
    }

    @Test func randomFragmentSoup() {
        var rng = SplitMix64(seed: 7)
        for i in 0..<200 {
            var body = ""
            for _ in 0..<Int(rng.next() % 200) { body += Self.fragments[Int(rng.next() % UInt64(Self.fragments.count))] }
            check(RawText(title: nil, body: body, isHTML: i % 2 == 0))
        }
    }

    @Test func randomScalars() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<100 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 500) {
                let v = UInt32(truncatingIfNeeded: rng.next() % 0x30000)
                if let scalar = Unicode.Scalar(v) { s.append(scalar) }
            }
            check(RawText(title: nil, body: String(s), isHTML: false))
            check(RawText(title: nil, body: String(s), isHTML: true))
        }
    }

    @Test func deeplyNestedHTMLIsSafe() throws {
        let depth = 100_000
        let html = String(repeating: "<div><span>", count: depth) + "<p>Deep text inside many elements.</p>" + String(repeating: "</span></div>", count: depth)
        let n = try normalizer.normalize(RawText(title: "T", body: html, isHTML: true))
        #expect(n.text == "Deep text inside many elements.")
        let unclosed = String(repeating: "<div>", count: 50_000) + "text" + String(repeating: "</p>", count: 50_000)
        check(RawText(title: nil, body: unclosed, isHTML: true))
    }

    /// Large and pathological bodies finish with sane output (how fast they go is `wirectl bench`'s business).
    @Test func largeAndPathologicalBodiesFinish() {
        let unit = "Officials said the U.S. economy grew 2.5 pct. in Q1, Mr. Smith noted. \u{201C}Good,\u{201D} he said.\n\n"
        check(RawText(title: "T", body: String(repeating: unit, count: 4_000), isHTML: false))
        let unterminated = "<p>" + String(repeating: "<a href=\"x", count: 20_000) + String(repeating: "&amp", count: 20_000)
        check(RawText(title: "T", body: unterminated, isHTML: true))
        check(RawText(title: "T", body: String(repeating: "a", count: 500_000), isHTML: false))
    }

    @Test func oversizedBodyIsRejected() {
        var n = Normalizer()
        n.maxBodyBytes = 1000
        #expect(throws: NormalizationError.tooLarge(2000, 1000)) { try n.normalize(RawText(title: nil, body: String(repeating: "a", count: 2000), isHTML: false)) }
    }
}
