import Testing
@testable import Normalization

@Suite struct SegmenterTests {
    func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return Segmenter.sentences(in: text).map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
    }

    @Test func abbreviationsDecimalsInitials() {
        #expect(sentences("Mr. Smith paid $3.5 million to the U.S. Treasury on Jan. 5. He left.") == [
            "Mr. Smith paid $3.5 million to the U.S. Treasury on Jan. 5.", "He left.",
        ])
        #expect(sentences("J. R. R. Tolkien wrote it. John F. Kennedy read it.") == ["J. R. R. Tolkien wrote it.", "John F. Kennedy read it."])
        #expect(sentences("Prices rose 2.5 pct. Analysts expect more, e.g. in Oct. when data comes.") == [
            "Prices rose 2.5 pct.", "Analysts expect more, e.g. in Oct. when data comes.",
        ])
        #expect(sentences("It moved to the U.S. The company said so.") == ["It moved to the U.S.", "The company said so."])
        #expect(sentences("Shares of Acme Inc. rose. Acme Inc. Chief Executive John Doe said it.") == ["Shares of Acme Inc. rose.", "Acme Inc. Chief Executive John Doe said it."])
    }

    @Test func quotesAndPunctuation() {
        #expect(sentences("He said, \u{201C}We will win.\u{201D} Then he left!") == ["He said, \u{201C}We will win.\u{201D}", "Then he left!"])
        #expect(sentences("\"Is it over?\" she asked. \"Yes.\" Really?! Wow\u{2026} Next.") == ["\"Is it over?\" she asked.", "\"Yes.\"", "Really?!", "Wow\u{2026}", "Next."])
        #expect(sentences("Visit example.com today. Version 2.0.1 shipped.") == ["Visit example.com today.", "Version 2.0.1 shipped."])
    }

    @Test func paragraphsAndLines() {
        let text = "First para. Two.\n\nResults:\nLeeds 1 Wimbledon 0\nHalftime 0-0.\n\nWrapped line\ncontinues here."
        #expect(Segmenter.paragraphs(in: text) == [TextSpan(start: 0, end: 16), TextSpan(start: 18, end: 60), TextSpan(start: 62, end: 90)])
        #expect(sentences(text) == ["First para.", "Two.", "Results:", "Leeds 1 Wimbledon 0", "Halftime 0-0.", "Wrapped line\ncontinues here."])
    }

    @Test func cjkAndOffsetsAreCodePoints() {
        #expect(sentences("政府周二宣布。警方逮捕了三人！好吗？") == ["政府周二宣布。", "警方逮捕了三人！", "好吗？"])
        let text = "Caf\u{00E9} \u{1F600} ok. Next."
        #expect(Segmenter.sentences(in: text) == [TextSpan(start: 0, end: 10), TextSpan(start: 11, end: 16)])
    }

    @Test func emptyAndDegenerate() {
        #expect(Segmenter.sentences(in: "").isEmpty)
        #expect(Segmenter.paragraphs(in: "\n\n  \n").isEmpty)
        #expect(sentences("...") == ["..."])
        #expect(sentences("a.b.c. d") == ["a.b.c. d"])
    }
}
