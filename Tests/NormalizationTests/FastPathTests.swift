import Foundation
import SeededRandom
import Testing
@testable import Normalization

/// The fused and byte-level fast paths give what the plain definitions give.
@Suite struct FastPathTests {
    /// Strings mixing ASCII words, joiners, digits, accents, CJK, kana, emoji, curly apostrophes and spacing.
    static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        let pieces = ["the", "U.S.", "3.5", "don't", "don\u{2019}t", "-", "--", " ", "  ", "\n", "\n\n", ",", ".", "'", "caf\u{00E9}",
                      "\u{4E2D}\u{6587}", "\u{3072}\u{3089}", "\u{1F44D}", "na\u{0308}ive", "\u{00A0}", "x\u{00AD}y", "Reuters", "(", ")",
                      "\u{2014}", "e\u{0301}", "\u{0661}\u{0662}", "\u{0928}\u{092E}", "a,b", "1,000", "\t", "`q`", "ALL CAPS"]
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var s = ""
            for _ in 0..<(1 + rng.below(40)) { s += pieces[rng.below(pieces.count)] }
            return s
        }
    }

    /// The word count as first written (joiners handled with an explicit look-ahead state).
    static func referenceWordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for s in text.unicodeScalars {
            let v = s.value
            let isWordChar: Bool
            if v < 128 {
                isWordChar = (v >= 48 && v <= 57) || ((v | 0x20) >= 97 && (v | 0x20) <= 122)
            } else if (0x3040...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                count += 1; inWord = false; continue
            } else {
                isWordChar = s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
            }
            if isWordChar {
                if !inWord { count += 1; inWord = true }
            } else if inWord, v == 0x27 || v == 0x2019 || v == 0x2D || v == 0x2E || v == 0x2C {
                inWord = true
            } else {
                inWord = false
            }
        }
        return count
    }

    @Test func fusedScalarsAndWordCountMatchDefinitions() {
        for s in Self.randomTexts(400, seed: 11) + ByteLevelHelpersTests.samples {
            let (scalars, words) = Normalizer.scalarArrayAndWordCount(s)
            #expect(scalars == Array(s.unicodeScalars))
            #expect(words == Self.referenceWordCount(s), "\(s.debugDescription)")
            #expect(Normalizer.wordCount(scalars) == words)
        }
    }

    @Test func scalarSliceStringMatchesScalarView() {
        for s in Self.randomTexts(200, seed: 12) {
            let scalars = Array(s.unicodeScalars)
            let a = scalars.count / 3, b = scalars.count - scalars.count / 4
            #expect(String(scalarSlice: scalars[a..<b]) == String(String.UnicodeScalarView(scalars[a..<b])))
            #expect(String(scalarSlice: scalars[...]) == s)
        }
    }

    @Test func substringSearchMatchesFoundation() {
        let needles = [" reports", "the", " ", "--", "\u{4E2D}", "caf\u{00E9}", "x", "Reuters ("]
        for s in Self.randomTexts(300, seed: 13) {
            for needle in needles {
                #expect(s.hasSubstring(needle) == (s.utf8.count >= needle.utf8.count && s.range(of: needle, options: .literal) != nil),
                        "\(s.debugDescription) / \(needle.debugDescription)")
            }
        }
        #expect("abc".hasSubstring(""))
        #expect(!"".hasSubstring("a"))
        #expect(" reports".hasSubstring(" reports"))
    }

    @Test func footerCueScanCountsDistinctCues() {
        let cues = WireConventions.footerCues
        var rng = SplitMix64(seed: 14)
        for _ in 0..<300 {
            var parts: [String] = []
            for _ in 0..<rng.below(6) { parts.append(["filler text", "more words", "c", "co", "cop", "subscriber"][rng.below(6)]) }
            for _ in 0..<rng.below(4) { parts.append(cues[rng.below(cues.count)]) }
            rng.shuffle(&parts)
            let text = parts.joined(separator: rng.below(2) == 0 ? " " : "")
            let expected = cues.filter { text.hasSubstring($0) }.count
            var copy = text
            let counted = copy.withUTF8 { WireConventions.footerCueCount($0, atLeast: 100) }
            #expect(counted == expected, "\(text)")
            #expect(WireConventions.isLegalOrSubscriptionFooter(text) == (expected >= 2))
        }
    }

    /// Paragraph spans as first written (every scalar looked at).
    static func referenceParagraphs(_ s: [Unicode.Scalar]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var i = 0
        let n = s.count
        while i < n {
            while i < n, Segmenter.isSpace(s[i]) || s[i] == "\n" { i += 1 }
            guard i < n else { break }
            let start = i
            var lastNonSpace = i
            while i < n {
                if s[i] == "\n" {
                    var j = i + 1
                    while j < n, Segmenter.isSpace(s[j]) { j += 1 }
                    if j >= n || s[j] == "\n" { break }
                } else if !Segmenter.isSpace(s[i]) {
                    lastNonSpace = i
                }
                i += 1
            }
            spans.append(TextSpan(start: start, end: lastNonSpace + 1))
        }
        return spans
    }

    /// Sentence spans as first written (no skipping to candidate scalars).
    static func referenceSentences(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, into out: inout [TextSpan]) {
        var sentenceStart = start
        var i = start
        func emit(_ endIndex: Int) {
            var a = sentenceStart, b = endIndex
            while a < b, Segmenter.isSpace(s[a]) || s[a] == "\n" { a += 1 }
            while b > a, Segmenter.isSpace(s[b - 1]) || s[b - 1] == "\n" { b -= 1 }
            if b > a { out.append(TextSpan(start: a, end: b)) }
            sentenceStart = endIndex
        }
        while i < end {
            let c = s[i]
            if c == "\n" {
                if Segmenter.lineBreakEndsSentence(s, i, start, end) { emit(i) }
                i += 1
                continue
            }
            if c.value >= 0x3002, Segmenter.cjkTerminals.contains(c.value) {
                var j = i + 1
                while j < end, Segmenter.isCloser(s[j].value) || Segmenter.cjkTerminals.contains(s[j].value) { j += 1 }
                emit(j); i = j
                continue
            }
            if c == "." || c == "!" || c == "?" || c.value == 0x2026 {
                var j = i + 1
                while j < end, s[j] == "." || s[j] == "!" || s[j] == "?" || s[j].value == 0x2026 { j += 1 }
                while j < end, Segmenter.isCloser(s[j].value) { j += 1 }
                if j >= end { emit(end); i = end; break }
                guard Segmenter.isSpace(s[j]) || s[j] == "\n" else { i = j; continue }
                var k = j
                while k < end, Segmenter.isSpace(s[k]) { k += 1 }
                if k >= end { emit(end); i = end; break }
                if s[k] == "\n" { emit(j); i = j; continue }
                if c == "." && j == i + 1 && !Segmenter.isBoundaryAfterPeriod(s, i, k, start, end) { i = j; continue }
                if Segmenter.isLower(s[k]) { i = j; continue }
                emit(j)
                i = j
                continue
            }
            i += 1
        }
        if sentenceStart < end { emit(end) }
    }

    @Test func paragraphAndSentenceSpansMatchScalarByScalarReading() {
        let extra = ["Mr. Smith went. He said \u{201C}no.\u{201D} Then\u{2026} more!  Yes?\nNext line\n\nNew para.",
                     "\u{4E2D}\u{6587}\u{3002}\u{4E2D}\u{FF01} \u{300D}x", " \u{00A0}\n a \n\n\u{00A0} b\u{00A0}\n"]
        for s in Self.randomTexts(400, seed: 15) + extra {
            let scalars = Array(s.unicodeScalars)
            let paragraphs = Segmenter.paragraphs(scalars)
            #expect(paragraphs == Self.referenceParagraphs(scalars), "\(s.debugDescription)")
            var sentences: [TextSpan] = [], expected: [TextSpan] = []
            for p in paragraphs {
                Segmenter.sentences(scalars, p.start, p.end, into: &sentences)
                Self.referenceSentences(scalars, p.start, p.end, into: &expected)
            }
            #expect(sentences == expected, "\(s.debugDescription)")
        }
    }

    @Test func byteParallelTestsMatchPerByteTests() {
        var rng = SplitMix64(seed: 16)
        for _ in 0..<20_000 {
            // Bytes below 0x80, biased towards the interesting ones.
            let special: [UInt8] = [0x20, 0x2D, 0x60, 0x41, 0x5A, 0x61, 0x7A, 0x7E, 0x7F, 0x1F, 0x27, 0x2C, 0x2E, 0x30, 0x39, 0x40, 0x5B, 0x00]
            let bytes = (0..<8).map { _ in rng.below(2) == 0 ? special[rng.below(special.count)] : UInt8(rng.below(128)) }
            let w = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
            func mask(_ test: (UInt8) -> Bool) -> UInt64 {
                bytes.enumerated().reduce(UInt64(0)) { test($1.element) ? $0 | UInt64(0x80) << UInt64(8 * $1.offset) : $0 }
            }
            #expect(ASCIIWord.inRange(w, 0x41, 0x5A) == mask { $0 >= 0x41 && $0 <= 0x5A })
            #expect(ASCIIWord.inRange(w, 0x20, 0x7E) == mask { $0 >= 0x20 && $0 <= 0x7E })
            #expect(ASCIIWord.equal(w, 0x2D) == mask { $0 == 0x2D })
            #expect(ASCIIWord.equal(w, 0x20) == mask { $0 == 0x20 })
            #expect(Normalizer.asciiWordMask(w) == mask { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) })
            #expect(Normalizer.asciiJoinerMask(w) == mask { $0 == 0x27 || $0 == 0x2C || $0 == 0x2D || $0 == 0x2E })
            let spaces = bytes.indices.filter { bytes[$0] == 0x20 }
            let run = bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } && bytes[7] != 0x20 && !spaces.contains { spaces.contains($0 + 1) }
            #expect(ASCIIWord.isSpacedPrintableRun(w) == run)
        }
    }

    /// ASCII texts of words, single and double spaces, hyphens, back-ticks, tabs and line breaks.
    static func asciiTexts(_ count: Int, seed: UInt64) -> [String] {
        let pieces = ["Word", "word", "WORDS", "x", " ", " ", "  ", "-", "--", "`", "\n", "\n\n", "\t", "1999", "e.g.", "a-b", "Q&A", "(ok)"]
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<(1 + rng.below(80))).map { _ in pieces[rng.below(pieces.count)] }.joined() }
    }

    @Test func foldOfASCIIMatchesByteByByteFold() {
        for s in Self.asciiTexts(500, seed: 17) {
            var out: [UInt8] = []
            var pending = false
            for b in s.utf8 {
                if b >= 65 && b <= 90 {
                    if pending { out.append(0x20); pending = false }
                    out.append(b | 0x20)
                } else if b > 0x20 && b < 0x7F {
                    if b == 0x2D && !pending && out.last == 0x2D { continue }
                    if pending { out.append(0x20); pending = false }
                    out.append(b == 0x60 ? 0x27 : b)
                } else {
                    pending = !out.isEmpty
                }
            }
            #expect(TextFolding.fold(s) == String(decoding: out, as: UTF8.self), "\(s.debugDescription)")
        }
    }

    @Test func cleanerOfASCIIMatchesLineByLineCleaning() {
        for s in Self.asciiTexts(500, seed: 18) {
            // Lines trimmed with inner runs of spaces and tabs as one space; blank lines separate paragraphs.
            var paragraphs: [String] = []
            var current: [String] = []
            for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.isEmpty {
                    if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
                } else {
                    current.append(words.joined(separator: " "))
                }
            }
            if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
            #expect(UnicodeCleaner.paragraphs(s) == paragraphs, "\(s.debugDescription)")
        }
    }
}
