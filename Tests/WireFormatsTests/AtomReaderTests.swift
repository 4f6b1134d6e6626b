import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct AtomReaderTests {
    @Test func entriesWithHTMLTextAndXHTMLContent() throws {
        let feed = """
            \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
            <a:feed xmlns:a="http://www.w3.org/2005/Atom" xml:lang="de-DE"><a:title>Feed</a:title><a:author><a:name>Redaktion</a:name></a:author>
            <a:entry><a:id>urn:e1</a:id><a:title type="html">Caf&amp;eacute; &lt;b&gt;news&lt;/b&gt;</a:title><a:published>2016-02-01T16:22:00+01:00</a:published>
              <a:updated>2016-02-01T16:54:50+01:00</a:updated><a:link rel="alternate" href="https://example.com/e1"/><a:category term="tech" label="Technik"/>
              <a:summary>Summary</a:summary><a:content type="html">&lt;p&gt;Die nun verf&amp;uuml;gbare Version&lt;/p&gt;</a:content></a:entry>
            <a:entry><a:id>urn:e2</a:id><a:title>Plain</a:title><a:updated>2016-02-01T10:00:00Z</a:updated>
              <a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML <em>body</em></p></div></a:content></a:entry>
            <a:entry><a:id>urn:e3</a:id><a:title>Text</a:title><a:content type="text">1 &lt; 2</a:content></a:entry>
            </a:feed>
            """
        let result = try read(feed)
        #expect(result.format == .atom && result.method == .xml)  // a BOM is allowed by XML
        let e1 = result.records[0]
        #expect(e1.id == "urn:e1" && e1.title == "Café news" && e1.url == "https://example.com/e1")
        #expect(plainBody(e1) == "Die nun verfügbare Version")
        #expect(e1.publishedAt == "2016-02-01T15:22:00Z" && e1.updatedAt == "2016-02-01T15:54:50Z")
        #expect(e1.language == "de" && e1.byline == "Redaktion" && e1.subjects.first?.name == "Technik")
        let e2 = result.records[1]
        #expect(plainBody(e2) == "XHTML body" && e2.publishedAt == "2016-02-01T10:00:00Z")
        let e3 = result.records[2]
        #expect(e3.contentType == .plain && e3.body == "1 < 2")
    }
}
