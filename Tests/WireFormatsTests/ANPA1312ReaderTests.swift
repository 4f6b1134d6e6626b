import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct ANPA1312ReaderTests {
    static let story = "\u{16}\u{16}\u{01}W1234\u{1F}asian\nf l\u{13}\u{11} BC-XX--Example     11-13 0420\r\n\u{02}^BC-XX--Example Story,420<\r\n^Example headline for a story <\r\n^Eds: With AP Photos.<\r\n^By JOHN WRITER=\r\n^Associated Press=\r\n\t   CITY, State (AP) _ The first paragraph of the story.\r\n \r\n\t   The second paragraph.\r\n\r\n\t   \u{03}AP-WF-11-13-13 1509GMT<\r\n\u{7F}\u{7F}\u{04}"

    @Test func headlineBodyBylineAndTrailerTime() throws {
        let result = try read(Self.story, name: "story.tst")
        #expect(result.format == .anpa1312 && result.method == .textHeuristic)
        let r = try #require(result.records.first)
        #expect(r.title == "Example headline for a story")
        #expect(r.body == "CITY, State (AP) _ The first paragraph of the story.\n\nThe second paragraph.")
        #expect(r.byline == "JOHN WRITER")
        #expect(r.dateline == "CITY, State")
        #expect(r.publishedAt == "2013-11-13T15:09:00Z")
        #expect(r.source == "AP")
    }

    @Test func alertWithoutHeadline() throws {
        let alert = "\u{16}\u{16}\u{01}W1645\u{1F}asian\nb a\u{13}\u{11} BC-US--APNewsAlert     06-29 0358\r\n\u{02}^BC-US--APNewsAlert,17<\r\n\t   HONOLULU (AP) _ Something happened.\r\n\r\n\t   \u{03}AP-WF-06-29-17 2350GMT<\r\n\u{04}"
        let r = try #require(try read(alert).records.first)
        #expect(r.title == nil)
        #expect(r.body == "HONOLULU (AP) _ Something happened.")
        #expect(r.publishedAt == "2017-06-29T23:50:00Z")
    }
}
