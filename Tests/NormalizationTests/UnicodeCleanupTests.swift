import Foundation
import Testing
@testable import Normalization

@Suite struct UnicodeCleanupTests {
    let normalizer = Normalizer()

    func text(_ body: String) throws -> String {
        try normalizer.normalize(RawText(title: "T", body: body, isHTML: false)).text
    }

    @Test func lineEndingsAndParagraphs() throws {
        #expect(try text("One.\r\n\r\nTwo.\rThree.\n\n\n\nFour.") == "One.\n\nTwo.\nThree.\n\nFour.")
    }

    @Test func spacesAndInvisibleCharacters() throws {
        #expect(try text("A\u{00A0}B\u{2009}C\u{3000}D  \t E") == "A B C D E")
        #expect(try text("in\u{00AD}ter\u{200B}na\u{2060}tional\u{FEFF}") == "international")
        #expect(try text("bell\u{0007} and\u{0000} nul\u{200E}\u{202E}") == "bell and nul")
        #expect(try text("   leading and trailing   \n  lines  ") == "leading and trailing\nlines")
    }

    @Test func nfcAndTypographyKept() throws {
        let decomposed = "Cafe\u{0301} \u{201C}quoted\u{201D} \u{2014} it\u{2019}s \u{2026}"
        let t = try text(decomposed)
        #expect(t == "Caf\u{00E9} \u{201C}quoted\u{201D} \u{2014} it\u{2019}s \u{2026}")
        #expect(t.unicodeScalars.count == 22)
    }

    @Test func invalidUTF8IsReplacedNotDropped() throws {
        let bytes: [UInt8] = Array("Bad ".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" bytes".utf8)
        let t = try text(String(decoding: bytes, as: UTF8.self))
        #expect(t.contains("\u{FFFD}"))
        #expect(t.hasPrefix("Bad "))
        #expect(t.hasSuffix(" bytes"))
        #expect(!t.contains("\u{FFFD}\u{FFFD}"))
    }

    @Test func joinersKeptInsideScripts() throws {
        #expect(try text("می\u{200C}خواهم") == "می\u{200C}خواهم")
        #expect(try text("ab\u{200D}cd") == "abcd")
    }

    @Test func foldingForHashing() {
        #expect(TextFolding.fold("\u{201C}Caf\u{00E9}\u{201D} \u{2014} IT\u{2019}S") == "\"cafe\" - it's")
        #expect(TextFolding.fold("in\u{00AD}ter\u{200B}national  news\n") == "international news")
        #expect(TextFolding.fold("Cafe\u{0301}") == TextFolding.fold("Caf\u{00E9}"))
        #expect(TextFolding.fold("people -- mostly civilians --- died") == TextFolding.fold("people \u{2014} mostly civilians \u{2013} died"))
        #expect(TextFolding.fold("\u{FF21}\u{FF22}\u{FB01}") == "abfi")
    }

    @Test func typographyVariantsShareContentHash() throws {
        let a = try normalizer.normalize(RawText(title: "T", body: "He said \"it's over\" - 5 tonnes...", isHTML: false))
        let b = try normalizer.normalize(RawText(title: "T", body: "He said \u{201C}it\u{2019}s over\u{201D} \u{2013} 5\u{00A0}tonnes\u{2026}\r\n", isHTML: false))
        #expect(a.contentHash == b.contentHash)
        #expect(a.text != b.text)
    }
}
