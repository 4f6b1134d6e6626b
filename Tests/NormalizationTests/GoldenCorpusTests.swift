import Digest
import Foundation
import Testing
@testable import Normalization

/// The golden corpus: articles written for the project (`Golden/*.txt|html`, inputs' title and feed date in
/// `Golden/manifest.json`) with the expected normalized output in `Golden/<file>.expected.json`.
@Suite struct GoldenCorpusTests {
    struct Expected: Codable {
        var title: String
        var text: String
        var language: String
        var minLanguageConfidence: Double
        var publishedAt: String?
        var byline: String?
        var dateline: String?
        var credit: String?
        var wordCount: Int
        var paragraphs: Int
        var sentences: Int
    }

    static func goldenDirectory() -> URL? {
        Bundle.module.url(forResource: "Golden", withExtension: nil)
    }

    static func manifest() -> [String: [String: String]] {
        guard let dir = goldenDirectory(),
              let data = try? Data(contentsOf: dir.appendingPathComponent("manifest.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [:] }
        return object.mapValues { entry in entry.compactMapValues { $0 as? String } }
    }

    static let names: [String] = manifest().keys.sorted()

    @Test func corpusIsComplete() throws {
        #expect(Self.names.count >= 30)
        let dir = try #require(Self.goldenDirectory())
        for name in Self.names {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "missing \(name)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name + ".expected.json").path), "missing expected for \(name)")
        }
        #expect(Self.names.filter { $0.hasSuffix(".html") }.count >= 10)
        let languages = Set(try Self.names.map { try expected($0).language })
        #expect(languages.isSuperset(of: ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh", "tr"]))
    }

    func expected(_ name: String) throws -> Expected {
        let dir = try #require(Self.goldenDirectory())
        let data = try Data(contentsOf: dir.appendingPathComponent(name + ".expected.json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    @Test(arguments: names)
    func golden(_ name: String) throws {
        let dir = try #require(Self.goldenDirectory())
        let entry = Self.manifest()[name] ?? [:]
        let bytes = try Data(contentsOf: dir.appendingPathComponent(name))
        let raw = RawText(title: entry["title"], body: TextDecoding.decode(bytes), isHTML: name.hasSuffix(".html"), publishedAt: entry["publishedAt"])
        let n = try Normalizer().normalize(raw)
        let e = try expected(name)
        #expect(n.title == e.title)
        #expect(n.text == e.text)
        #expect(n.language == e.language)
        #expect(n.languageConfidence >= e.minLanguageConfidence)
        #expect(n.publishedAtISO8601 == e.publishedAt)
        #expect(n.byline == e.byline)
        #expect(n.dateline == e.dateline)
        #expect(n.credit == e.credit)
        #expect(n.wordCount == e.wordCount)
        #expect(n.paragraphs.count == e.paragraphs)
        #expect(n.sentences.count == e.sentences)
        // Offsets are consistent with the text.
        let scalars = Array(n.text.unicodeScalars)
        for p in n.paragraphs {
            #expect(p.end <= scalars.count && !scalars[p.start].properties.isWhitespace && !scalars[p.end - 1].properties.isWhitespace)
        }
        #expect(n.contentHash == SHA256.hex(TextFolding.fold(n.text)))
    }

    @Test func decodingLegacyAndBOM() {
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Hi".utf8)) == "Hi")
        #expect(TextDecoding.decode([0x93, 0x43, 0x61, 0x66, 0xE9, 0x94]) == "\u{201C}Caf\u{00E9}\u{201D}")
        #expect(TextDecoding.decode(Array("Caf\u{00E9} ".utf8) + [0xFF]) == "Caf\u{00E9} \u{FFFD}")
    }
}
