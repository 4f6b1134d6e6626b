import Testing
@testable import WireFormats

@Suite struct XMLDocumentTests {
    @Test func namespacesReferencesAndCDATA() throws {
        let doc = try XMLDocument.parse(Array("""
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r xmlns="urn:a" xmlns:b="urn:b"><b:c b:k="1 &amp; 2">T&#233;xt &lt;&nbsp;<![CDATA[<raw> & ]]></b:c><d xmlns="">x</d></r>
            """.utf8))
        let root = doc.root
        #expect(root.name == "r" && root.namespaceURI == "urn:a" && !doc.repaired)
        let c = try #require(root.child("c"))
        #expect(c.namespaceURI == "urn:b")
        #expect(c.attribute("k") == "1 & 2")
        #expect(c.text == "Téxt <\u{A0}<raw> & ")
        #expect(root.child("d")?.namespaceURI == nil)
    }

    @Test func repairsBrokenMarkup() throws {
        let doc = try XMLDocument.parse(Array("<a><b>one<c>two</b><d x=1>three</e></d>four".utf8))
        #expect(doc.repaired)
        #expect(doc.root.text == "onetwothreefour")
        #expect(throws: XMLSyntaxError.self) { try XMLDocument.parse(Array("no markup".utf8)) }
    }

    @Test func descendantsStayInsideTheSubtree() throws {
        let doc = try XMLDocument.parse(Array("<r><x><p>1</p></x><p>2</p></r>".utf8))
        let x = try #require(doc.root.child("x"))
        #expect(x.descendants("p").map(\.text) == ["1"])
        #expect(doc.root.descendants("p").map(\.text) == ["1", "2"])
    }
}
