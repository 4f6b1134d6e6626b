import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct IPTC7901ReaderTests {
    @Test func headingBlockBodyAndTrailerWithDELPadding() throws {
        var bytes = Array("\u{01}eca100 3 s 586 ccccb   dpa 099\r\n\r\nGermany-football/Munich/\r\n\u{02}1ST LEAD\r\nFootball legend M".utf8)
        bytes += [0xFC]  // Latin-1 ü in otherwise ASCII text
        bytes += Array("ller honoured\r\nBy Manuel Writer, dpa =\r\n\r\nMunich (dpa) - German football generations past and\r\npresent on Wednesday expressed sadness.\r\n\r\nSecond paragraph.\r\n\r\ndpa bwh bag\r\n\u{03}071341 GMT Okt 15 \r\n\u{7F}\r\n\u{7F}\u{04}".utf8)
        let result = try read(bytes: bytes, name: "dpa.txt")
        #expect(result.format == .iptc7901 && result.method == .textHeuristic)
        let r = try #require(result.records.first)
        #expect(r.title == "Football legend Müller honoured")
        #expect(r.byline == "Manuel Writer, dpa")
        #expect(r.body?.hasPrefix("Munich (dpa) - German football generations past and present on Wednesday expressed sadness.\n\nSecond paragraph.") == true)
        #expect(r.dateline == "Munich")
        #expect(r.publishedAt == "2015-10-07T13:41:00Z")
        #expect(r.source == "dpa")
    }

    @Test func headlineIsTheLastNonStatusLine() {
        #expect(IPTC7901Reader.heading(["REFILE", "1ST LEAD", "Switzerland joins list", "By dpa correspondents ="]).0 == "Switzerland joins list")
        #expect(IPTC7901Reader.heading(["(Achtung)", "Impressum ="]).0 == "Impressum")
        #expect(IPTC7901Reader.trailerTime("211259 Nov 18") == "2018-11-21T12:59:00")  // no zone: naive
    }
}
