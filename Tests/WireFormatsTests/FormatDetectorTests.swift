import Testing
@testable import WireFormats

@Suite struct FormatDetectorTests {
    func detect(_ s: String) -> WireFormat? { try? FormatDetector.detect(Array(s.utf8)).get() }

    @Test func xmlRootsAndNamespaces() {
        #expect(detect("<?xml version='1.0'?><!-- c --><newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'/>") == .newsMLG2)
        #expect(detect("<g2:foo xmlns:g2='http://iptc.org/std/nar/2006-10-01/'/>") == .newsMLG2)
        #expect(detect("<!DOCTYPE nitf SYSTEM 'nitf.dtd' [<!ENTITY x 'y'>]><nitf/>") == .nitf)
        #expect(detect("<NewsML Version='1.2'/>") == .newsML1)
        #expect(detect("  <rss version='2.0'/>") == .rss)
        #expect(detect("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'/>") == .rss)
        #expect(detect("<feed xmlns='http://www.w3.org/2005/Atom'/>") == .atom)
        #expect(detect("<!DOCTYPE html><html><body/></html>") == nil)
        #expect(detect("{\"id\":1}") == nil)
    }

    @Test func teletypeByControlCharacters() {
        #expect(detect("\u{16}\u{16}\u{01}W2870\u{1F}asian\nf l\u{13}\u{11} BC-LT") == .anpa1312)
        #expect(detect("\u{01}eca100 3 s 586 ccccb dpa 099\r\n\u{02}text\u{03}") == .iptc7901)
        #expect(detect("eca00075 3 i 510    dpa 1003\n\n/politics/\n") == .iptc7901)
        #expect(detect("Just some text.") == nil)
    }

    @Test func formatOverrideAndNamesInErrors() throws {
        #expect(throws: WireFormatError.self) { try read("hello", name: "notes.txt") }
        do {
            _ = try read("hello", name: "notes.txt")
        } catch {
            #expect(error.description.hasPrefix("notes.txt: not a wire format"))
        }
        #expect(throws: WireFormatError.empty(file: "blank.xml")) { try read("  \n", name: "blank.xml") }
        let rssAsAtom = "<rss><channel/></rss>"
        #expect(throws: WireFormatError.self) { try read(rssAsAtom, name: "f.xml", format: .atom) }
        #expect(WireFormat(name: "NewsML-G2") == .newsMLG2 && WireFormat(name: "7901") == .iptc7901 && WireFormat(name: "x") == nil)
    }
}
