import Testing
@testable import TopicClassification

@Suite struct TextCleanerTests {
    private func clean(_ s: String) -> String { String(decoding: TextCleaner.clean(s), as: UTF8.self) }

    @Test func decodesEntitiesAndDamagedEntities() {
        #expect(clean("AT&amp;T &lt;b&gt;") == "AT&T  ")
        #expect(clean("you #39;re at \\$5") == "you're at $5")
        #expect(clean("Microsoft #39;s deal") == "Microsoft's deal")
        #expect(clean("caf&#233; &#x41;") == "café A")
        #expect(clean("a\\b") == "a b")
    }

    @Test func stripsMarkupButKeepsComparisons() {
        #expect(clean("&lt;A HREF=\"http://x\"&gt;Reuters&lt;/A&gt; said") == " Reuters  said")
        #expect(clean("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2")
    }

    @Test func unknownEntitiesStayVerbatim() {
        #expect(clean("R&D &bogus; #x") == "R&D &bogus; #x")
    }
}
