import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct NITFReaderTests {
    static let story = """
        <nitf baselang="nb-NO"><head><title>Head title</title>
        <tobject tobject.type="News"><tobject.subject tobject.subject.refnum="15000000" tobject.subject.type="Sport"/></tobject>
        <docdata><doc-id regsrc="NTB" id-string="ntb-123"/><date.issue norm="20170102T222800+0000"/><key-list><keyword key="football"/></key-list></docdata></head>
        <body><body.head><hedline><hl1>Striker signs</hl1><hl2>A subheadline</hl2></hedline><byline><person>Ola Nordmann</person><byttl>NTB</byttl></byline>
        <dateline><location>OSLO</location></dateline></body.head>
        <body.content><p>OSLO (NTB): The striker signed&nbsp;on Monday – caf&eacute; &#x263A;.</p><media media-type="image"><media-caption>Photo</media-caption></media><p>More.</p></body.content></body></nitf>
        """

    @Test func fields() throws {
        let result = try read(Self.story)
        #expect(result.format == .nitf)
        let r = try #require(result.records.first)
        #expect(r.id == "ntb-123")
        #expect(r.title == "Striker signs")
        #expect(r.source == "NTB")
        #expect(r.publishedAt == "2017-01-02T22:28:00Z")
        #expect(r.language == "nb")
        #expect(r.byline == "Ola Nordmann, NTB")
        #expect(r.dateline == "OSLO")
        #expect(r.contentType == .html)
        #expect(plainBody(r) == "OSLO (NTB): The striker signed\u{A0}on Monday – café ☺.\nMore.".replacingOccurrences(of: "\u{A0}", with: " ")
            || plainBody(r) == "OSLO (NTB): The striker signed on Monday – café ☺.\nMore.")
        #expect(r.subjects == [ArticleRecord.Subject(code: "subj:15000000", name: "Sport"), ArticleRecord.Subject(code: nil, name: "football")])
    }

    @Test func defaultNamespaceAndNoDeclaration() throws {
        let doc = "<nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><head><docdata><date.issue norm=\"2019-07-03T04:05:12Z\"/></docdata></head><body><body.head><hedline><hl1>Namespaced</hl1></hedline></body.head><body.content><p>Text</p></body.content></body></nitf>"
        let r = try #require(try read(doc).records.first)
        #expect(r.title == "Namespaced" && plainBody(r) == "Text" && r.publishedAt == "2019-07-03T04:05:12Z")
        #expect(r.id.hasPrefix("a"))  // no doc-id: derived, stable id
    }
}
