import ArticleSchema
import Testing
@testable import WireFormats

@Suite struct NewsML1ReaderTests {
    static func newsML(status: String = "Usable", components: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <NewsML><NewsEnvelope><DateAndTime>20240101T000000Z</DateAndTime></NewsEnvelope>
        <NewsItem><Identification><NewsIdentifier><ProviderId>agency.example</ProviderId><DateId>20240101</DateId><NewsItemId>ABC1</NewsItemId>
        <RevisionId PreviousRevision="0" Update="N">2</RevisionId><PublicIdentifier>urn:newsml:agency.example:20240101:ABC1:2</PublicIdentifier></NewsIdentifier></Identification>
        <NewsManagement><NewsItemType FormalName="News"/><FirstCreated>20240101T101500+0100</FirstCreated><ThisRevisionCreated>20240101T120000Z</ThisRevisionCreated><Status FormalName="\(status)"/></NewsManagement>
        <NewsComponent><NewsLines><HeadLine>Quake hits coast</HeadLine><ByLine>By A. Writer</ByLine></NewsLines>
        <DescriptiveMetadata><Language FormalName="ar"/><SubjectCode><Subject FormalName="16000000"/></SubjectCode></DescriptiveMetadata>
        \(components)
        </NewsComponent></NewsItem></NewsML>
        """
    }

    @Test func roleBasedComponentsAndRightToLeftText() throws {
        let components = """
            <NewsComponent><Role FormalName="Title"/><ContentItem><DataContent>Quake hits coast</DataContent></ContentItem></NewsComponent>
            <NewsComponent><Role FormalName="Caption"/><ContentItem><MediaType FormalName="Text"/><DataContent>A photo caption</DataContent></ContentItem></NewsComponent>
            <NewsComponent><Role FormalName="Body"/><ContentItem><MediaType FormalName="Text"/><Format FormalName="NITF3.1"/>
            <DataContent><nitf><body><body.content><p>زلزال يضرب الساحل (أ ف ب) - ضرب زلزال</p></body.content></body></nitf></DataContent></ContentItem></NewsComponent>
            <NewsComponent><Role FormalName="Main"/><ContentItem><MediaType FormalName="Photo"/><DataContent/></ContentItem></NewsComponent>
            """
        let result = try read(Self.newsML(components: components))
        #expect(result.format == .newsML1)
        let r = try #require(result.records.first)
        #expect(r.id == "urn:newsml:agency.example:20240101:ABC1")  // stable across revisions
        #expect(r.version == "2")
        #expect(r.title == "Quake hits coast")
        #expect(plainBody(r) == "زلزال يضرب الساحل (أ ف ب) - ضرب زلزال")
        #expect(r.publishedAt == "2024-01-01T09:15:00Z")
        #expect(r.updatedAt == "2024-01-01T12:00:00Z")
        #expect(r.language == "ar")
        #expect(r.byline == "By A. Writer")
        #expect(r.subjects.first?.code == "subj:16000000")
    }

    @Test func escapedHTMLBodyAndCaptionOnlyPhoto() throws {
        let escaped = "<NewsComponent><Role FormalName=\"Body\"/><ContentItem><DataContent>Steven &lt;b&gt;Van Geel&lt;/b&gt; gaf &amp;eacute; zich</DataContent></ContentItem></NewsComponent>"
        let r = try #require(try read(Self.newsML(components: escaped)).records.first)
        #expect(r.contentType == .html)
        #expect(plainBody(r) == "Steven Van Geel gaf é zich")

        let photo = """
            <NewsComponent><Role FormalName="Caption"/><ContentItem><MediaType FormalName="Text"/><DataContent>Caption only</DataContent></ContentItem></NewsComponent>
            <NewsComponent><Role FormalName="Main"/><ContentItem><MediaType FormalName="Photo"/></ContentItem></NewsComponent>
            """
        #expect(try read(Self.newsML(components: photo)).records.isEmpty)
    }

    @Test func cancelledItemBecomesATombstone() throws {
        let r = try #require(try read(Self.newsML(status: "Canceled", components: "")).records.first)
        #expect(r.isDeleted)
        #expect(r.id == "urn:newsml:agency.example:20240101:ABC1")
    }
}
