import Digest
import Testing
@testable import Normalization

/// The byte-level helpers of the hot path agree with the Character/scalar-based operations they replace.
@Suite struct ByteLevelHelpersTests {
    static let samples: [String] = [
        "", "a", "Hello, world", "caf\u{00E9} na\u{0131}ve \u{1F44D}\u{1F3FD} \u{4E2D}\u{6587}", "e\u{0301}\u{0327} x",
        "line one\nline two\n\nthird", String(repeating: "abc \u{00E9}\u{2014} ", count: 300),
    ]

    @Test func foldedBytesMatchFold() {
        for s in Self.samples + ["--a -- b\u{2014}\u{2014}c", "\u{FB01}nance \u{FF21}\u{FF42}", "x\u{00AD}y \u{200B} \u{00A0}z"] {
            #expect(TextFolding.foldedBytes(s) == Array(TextFolding.fold(s).utf8))
            #expect(TextFolding.withFoldedBytes(s) { SHA256.hex($0) } == SHA256.hex(TextFolding.fold(s)))
        }
        for v in 0x80..<0x250 {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            #expect(TextFolding.latinFolds[v - 0x80] == TextFolding.foldScalar(scalar))
        }
    }

    @Test func scalarHelpersMatchUnicodeScalars() {
        for s in Self.samples {
            #expect(Normalizer.scalarArray(s) == Array(s.unicodeScalars))
            #expect(Normalizer.scalarArray(s, limit: 5) == Array(s.unicodeScalars.prefix(5)))
            for limit in [0, 3, 10, 200, 5000] {
                #expect(String(Normalizer.scalarPrefix(s, limit)) == String(String.UnicodeScalarView(s.unicodeScalars.prefix(limit))))
                let count = s.scalarCount(atMost: limit)
                #expect(count == min(s.unicodeScalars.count, limit + 1))
            }
            var values: [UInt32] = []
            s.forEachScalarValue { values.append($0); return true }
            #expect(values == s.unicodeScalars.map(\.value))
        }
    }

    @Test func byteSearchesMatchStringSearches() {
        let text = "By Jane Doe | Reuters \u{2014} London | more"
        #expect(text.byteRange(of: " | ").map { String(text[..<$0.lowerBound]) } == "By Jane Doe")
        #expect(text.byteRange(of: " | ", backwards: true).map { String(text[$0.upperBound...]) } == "more")
        #expect(text.byteRange(of: "\u{2014}").map { String(text[..<$0.lowerBound]) } == "By Jane Doe | Reuters ")
        #expect(text.byteRange(of: "absent") == nil)
        #expect(text.containsByte(UInt8(ascii: "|")) && !text.containsByte(10))
        #expect(text.lastByteIndex(of: UInt8(ascii: "|")).map { String(text[$0...]) } == "| more")
        let lowered = "ALL Rights Reserved"
        #expect(WireConventions.withLowercasedASCII(lowered) { WireConventions.bytesContain($0, WireConventions.allRightsReserved) })
    }

    @Test func languageDirectTablesAgreeWithHashedFeatures() {
        // Texts mixing ASCII letters (direct tables) with accented letters and digits (hashed path).
        let id = LanguageIdentifier.shared
        for (text, language) in [
            ("The government said on Tuesday that it would raise spending on schools.", "en"),
            ("Le gouvernement a annoncé mardi qu'il allait augmenter les dépenses.", "fr"),
            ("Die Regierung hat am Dienstag beschlossen, die Steuern zu senken.", "de"),
        ] {
            #expect(id.identify(text).language == language)
        }
    }
}
