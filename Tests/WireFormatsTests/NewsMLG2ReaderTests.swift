import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct NewsMLG2ReaderTests {
    static func item(guid: String, version: Int = 1, itemClass: String = "ninat:text", extraMeta: String = "", body: String) -> String {
        """
        <newsItem guid="\(guid)" version="\(version)" standard="NewsML-G2" xml:lang="fi-FI">
          <itemMeta>
            <itemClass qcode="\(itemClass)"/>
            <provider qcode="nprov:XYZ"><name>XYZ News</name></provider>
            <versionCreated>2024-03-01T10:05:00+01:00</versionCreated>
            <firstCreated>2024-03-01T09:00:00+01:00</firstCreated>\(extraMeta)
          </itemMeta>
          <contentMeta>
            <headline role="hld:subHeadline">A subheadline</headline>
            <headline>Council approves the budget</headline>
            <by>Jane Doe</by>
            <dateline>HELSINKI</dateline>
            <subject type="cpnat:abstract" qcode="medtop:11000000"><name xml:lang="en">politics</name></subject>
          </contentMeta>
          <contentSet>\(body)</contentSet>
        </newsItem>
        """
    }

    static let xhtml = """
        <inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Council approves the budget</title></head>
        <body><header><h1>Council approves the budget</h1></header><h2>Subhead</h2>
        <p>Council approves the budget</p><p>HELSINKI (XYZ) - The council approved the budget &amp; more on Monday.</p><h2>Later</h2><p>Second paragraph.</p></body></html></inlineXML>
        """

    @Test func textItemWithXHTMLBody() throws {
        let doc = "<?xml version=\"1.0\"?>\n<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><sender>xyz.example</sender></header><itemSet>"
            + Self.item(guid: "urn:newsml:xyz:1", version: 3, body: Self.xhtml) + "</itemSet></newsMessage>"
        let result = try read(doc)
        #expect(result.format == .newsMLG2)
        #expect(result.method == .xml)
        let r = try #require(result.records.first)
        #expect(r.id == "urn:newsml:xyz:1")
        #expect(r.version == "3")
        #expect(r.title == "Council approves the budget")
        #expect(r.contentType == .html)
        #expect(plainBody(r) == "HELSINKI (XYZ) - The council approved the budget & more on Monday.\nLater\nSecond paragraph.")
        #expect(r.publishedAt == "2024-03-01T08:00:00Z")
        #expect(r.updatedAt == "2024-03-01T09:05:00Z")
        #expect(r.language == "fi")
        #expect(r.byline == "Jane Doe")
        #expect(r.dateline == "HELSINKI")
        #expect(r.source == "XYZ News")
        #expect(r.subjects == [ArticleRecord.Subject(code: "medtop:11000000", name: "politics")])
        #expect(r.wireOrigin?.format == "newsml-g2")
    }

    @Test func oddPrefixesAreMatchedByNamespace() throws {
        let doc = """
            <ns0:newsItem xmlns:ns0="http://iptc.org/std/nar/2006-10-01/" guid="g1" version="2"><ns0:itemMeta><ns0:itemClass qcode="icls:text"/>
            <ns0:firstCreated>2016-01-12T12:35:40</ns0:firstCreated></ns0:itemMeta><ns0:contentMeta><ns0:headline>Prefixed</ns0:headline></ns0:contentMeta>
            <ns0:contentSet><ns0:inlineXML><x:html xmlns:x="http://www.w3.org/1999/xhtml"><x:body><x:p>Body text.</x:p></x:body></x:html></ns0:inlineXML></ns0:contentSet></ns0:newsItem>
            """
        let r = try #require(try read(doc).records.first)
        #expect(r.title == "Prefixed")
        #expect(plainBody(r) == "Body text.")
        #expect(r.publishedAt == "2016-01-12T12:35:40")  // no zone: stays naive
    }

    @Test func mediaItemsGiveNoStoryAndPackagesOnlyReferencingGiveAMessage() throws {
        let inline = "<inlineData contenttype=\"text/plain\">Plain text story.</inlineData>"
        let doc = """
            <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
            <packageItem guid="pkg"><groupSet><group><itemRef residref="t1"/><itemRef residref="p1"/></group></groupSet></packageItem>
            \(Self.item(guid: "t1", body: inline))
            \(Self.item(guid: "p1", itemClass: "ninat:picture", body: "<remoteContent href=\"x.jpg\"/>"))
            \(Self.item(guid: "v1", itemClass: "ninat:video", body: "<remoteContent href=\"x.mp4\"/>"))
            </itemSet></newsMessage>
            """
        let result = try read(doc)
        #expect(result.records.map(\.id) == ["t1"])
        #expect(result.records.first?.body == "Plain text story.")
        #expect(result.records.first?.contentType == .plain)
        #expect(result.messages.isEmpty)

        let onlyRefs = "<packageItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"pkg2\"><groupSet><group><itemRef residref=\"a\"/><itemRef residref=\"b\"/></group></groupSet></packageItem>"
        let empty = try read(onlyRefs, name: "refs.xml")
        #expect(empty.records.isEmpty)
        #expect(empty.messages == ["refs.xml: package pkg2 only references 2 items, none of them in this file: no story"])
    }

    @Test func deletedItemBecomesATombstone() throws {
        let doc = Self.item(guid: "urn:x:9", version: 5, extraMeta: "<pubStatus qcode=\"stat:canceled\"/>", body: "")
            .replacingOccurrences(of: "<newsItem ", with: "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" ")
        let r = try #require(try read(doc).records.first)
        #expect(r.isDeleted)
        #expect(r.id == "urn:x:9")
        #expect(r.version == "5")
        #expect(r.body == "")
        #expect(r.json.objectValue?["deleted"] == .bool(true))

        let reuters = """
            <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" xmlns:rtr="http://www.reuters.com/ns/2003/08/content" guid="r1" version="7">
            <itemMeta><itemClass qcode="icls:text" rtr:msgType="D"/></itemMeta><contentMeta><headline>Killed</headline></contentMeta></newsItem>
            """
        let kill = try #require(try read(reuters).records.first)
        #expect(kill.isDeleted && kill.title == "Killed")
    }

    @Test func inlineNITFAndAgencyVocabularies() throws {
        let nitf = "<inlineXML contenttype=\"application/nitf+xml\"><nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><body><body.head><hedline><hl1>Inline headline</hl1></hedline></body.head><body.content><p>From NITF.</p></body.content></body></nitf></inlineXML>"
        let r = try #require(try read("<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet>" + Self.item(guid: "n", body: nitf) + "</itemSet></newsMessage>").records.first)
        #expect(plainBody(r) == "From NITF.")

        let vocabulary = "<inlineXML contenttype=\"application/x-agency+xml\"><BODY xmlns=\"\"><TEXT><RUBRIK>Council approves the budget</RUBRIK><INGRESS><P>Lead.</P></INGRESS><BRODTEXT><P>Text.</P></BRODTEXT></TEXT></BODY></inlineXML>"
        let t = try #require(try read("<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"v\"><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta><headline>Council approves the budget</headline></contentMeta><contentSet>\(vocabulary)</contentSet></newsItem>").records.first)
        #expect(plainBody(t) == "Lead.\nText.")
    }
}
