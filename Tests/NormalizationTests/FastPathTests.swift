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
}
