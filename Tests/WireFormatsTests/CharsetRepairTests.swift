import Testing
@testable import WireFormats

@Suite struct CharsetRepairTests {
    @Test func latin1DeclaredOverUTF8BytesIsReadAsUTF8() throws {
        let doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.head><hedline><hl1>En 41-årig mand</hl1></hedline></body.head></body></nitf>"
        let result = try read(doc)
        #expect(result.method == .xmlRecovered)
        #expect(result.records.first?.title == "En 41-årig mand")
    }

    @Test func declaredLatin1IsTranscoded() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.head><hedline><hl1>Cost: ".utf8)
        bytes += [0xA3, 0x36, 0x36, 0x62, 0x6E]  // £66bn
        bytes += Array("</hl1></hedline></body.head></body></nitf>".utf8)
        let result = try read(bytes: bytes)
        #expect(result.method == .xml)
        #expect(result.records.first?.title == "Cost: £66bn")
        var euro = Array("<?xml version='1.0' encoding='iso-8859-15'?><nitf><body><body.head><hedline><hl1>".utf8)
        euro += [0xA4, 0x35] + Array("</hl1></hedline></body.head></body></nitf>".utf8)
        #expect(try read(bytes: euro).records.first?.title == "€5")
    }

    @Test func utf16WithBOMAndUnknownCharsets() throws {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Ünïcode</title></item></channel></rss>"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in doc.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try read(bytes: utf16).records.first?.title == "Ünïcode")
        var odd = Array("<?xml version=\"1.0\" encoding=\"x-mystery\"?><rss><channel><item><title>".utf8)
        odd += [0xE9] + Array("</title></item></channel></rss>".utf8)
        #expect(throws: WireFormatError.unsupportedEncoding(file: "odd.xml", encoding: "x-mystery")) { try read(bytes: odd, name: "odd.xml") }
    }
}

@Suite struct MixedCharsetTests {
    @Test func utf8AndLatin1MixedInOneFileAreEachReadAsWhatTheyAre() throws {
        var bytes = Array("<rss><channel><item><title>Müller ".utf8)  // UTF-8 ü
        bytes += [0x66, 0xFC, 0x72]  // Latin-1 "für"
        bytes += Array("</title></item></channel></rss>".utf8)
        let result = try read(bytes: bytes)
        #expect(result.method == .xmlRecovered)
        #expect(result.records.first?.title == "Müller für")
    }
}
