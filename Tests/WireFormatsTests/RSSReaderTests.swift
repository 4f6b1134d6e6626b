import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct RSSReaderTests {
    @Test func itemsWithEncodedContentDescriptionsAndDates() throws {
        let feed = """
               <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Example Feed</title><language>pt-BR</language>
            <item><title>First &amp;amp; best</title><link>https://example.com/1</link><guid isPermaLink="false">id-1</guid>
              <pubDate>Tue, 12 Jan 2016 12:35:40 EST</pubDate><dc:creator>Ana</dc:creator><category>Política</category>
              <description>Teaser only</description><content:encoded><![CDATA[<p>Full <b>story</b> text&nbsp;here.</p>]]></content:encoded></item>
            <item><title>Second</title><link>https://example.com/2</link><pubDate>Seg, 24 Set 2018 19:00:00 -0300</pubDate>
              <description>&lt;p&gt;Escaped &amp;eacute; HTML&lt;/p&gt;</description></item>
            <item><title>Headline only</title><link>https://example.com/3</link></item>
            </channel></rss>
            """
        let result = try read(feed)
        #expect(result.format == .rss)
        #expect(result.method == .xmlRecovered)  // whitespace before the XML declaration
        #expect(result.records.count == 3)
        let first = result.records[0]
        #expect(first.id == "id-1" && first.url == "https://example.com/1")
        #expect(first.title == "First & best")
        #expect(first.contentType == .html)
        #expect(plainBody(first) == "Full story text here.")
        #expect(first.publishedAt == "2016-01-12T17:35:40Z")
        #expect(first.byline == "Ana" && first.language == "pt" && first.source == "Example Feed")
        #expect(first.subjects == [ArticleRecord.Subject(code: nil, name: "Política")])
        let second = result.records[1]
        #expect(second.id == "https://example.com/2")
        #expect(plainBody(second) == "Escaped é HTML")
        #expect(second.publishedAt == "2018-09-24T22:00:00Z")
        #expect(result.records[2].body == "" && result.records[2].title == "Headline only")
    }

    @Test func rss1RDFWithDublinCore() throws {
        let feed = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://example.com/"><title>RDF</title><dc:language>en</dc:language></channel>
            <item rdf:about="https://example.com/a"><title>A</title><link>https://example.com/a</link><description>Text A</description><dc:date>2012-11-12T11:36:00-05:00</dc:date></item>
            </rdf:RDF>
            """
        let result = try read(feed)
        #expect(result.format == .rss)
        let r = try #require(result.records.first)
        #expect(r.id == "https://example.com/a" && r.body == "Text A" && r.contentType == .plain)
        #expect(r.publishedAt == "2012-11-12T16:36:00Z" && r.language == "en")
    }

    @Test func undeclaredLatin1IsReadAsWindows1252() throws {
        var bytes = Array("<rss><channel><item><title>Elei".utf8)
        bytes += [0xE7, 0xF5, 0x65, 0x73, 0x20, 0x93, 0x32, 0x30, 0x31, 0x38, 0x94]  // "ções “2018”" in Windows-1252
        bytes += Array("</title><description>x</description></item></channel></rss>".utf8)
        let result = try read(bytes: bytes)
        #expect(result.method == .xmlRecovered)
        #expect(result.records.first?.title == "Eleições “2018”")
    }
}
