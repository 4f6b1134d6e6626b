import Foundation
import Testing
import SampleTexts
@testable import EntityExtraction
@testable import EntityTraining

/// Pins the shipped model's exact output so speed work cannot change a single prediction:
/// hashes of the tags on CoNLL valid (gold tokens), and of the entities `recognize` returns for
/// CoNLL valid sentences as raw text and for generated wire articles.
@Suite struct OutputRegressionPins {
    /// FNV-1a over UTF-8 bytes.
    struct Digest64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        mutating func add(_ s: String) {
            for b in s.utf8 { h ^= UInt64(b); h &*= 0x0000_0100_0000_01B3 }
            h ^= 0xFF; h &*= 0x0000_0100_0000_01B3
        }
        mutating func add(_ v: Int) { add(String(v)) }
        mutating func add(_ entities: [RecognizedEntity]) {
            add(entities.count)
            for e in entities {
                add(e.type.rawValue); add(e.text); add(e.canonical); add(e.mentions.count)
                for m in e.mentions { add(m.start); add(m.end) }
            }
        }
    }

    @Test func tagsOnValidAreUnchanged() throws {
        let sentences = try CoNLLReader.read(TestData.validConll)
        let model = try EntityRecognizer.bundled().model
        var d = Digest64()
        var tagged = 0
        for s in sentences {
            let tags = model.tag(s.words)
            tagged += tags.count
            for t in tags { d.add(t) }
        }
        #expect(tagged == 51362)
        #expect(d.h == Self.validTagsHash, "tags hash \(d.h)")
    }

    @Test func entitiesOnValidSentencesAreUnchanged() throws {
        let sentences = try CoNLLReader.read(TestData.validConll)
        let recognizer = try EntityRecognizer.bundled()
        var d = Digest64()
        var count = 0
        for s in sentences.prefix(1500) {
            let entities = recognizer.recognize(s.words.joined(separator: " "))
            count += entities.count
            d.add(entities)
        }
        #expect(d.h == Self.validEntitiesHash, "entities hash \(d.h), \(count) entities")
    }

    @Test func entitiesOnWireArticlesAreUnchanged() throws {
        let recognizer = try EntityRecognizer.bundled()
        var d = Digest64()
        var count = 0
        for text in Self.wireArticles(count: 100) {
            let entities = recognizer.recognize(text)
            count += entities.count
            d.add(entities)
        }
        #expect(d.h == Self.wireEntitiesHash, "entities hash \(d.h), \(count) entities")
    }

    @Test func entitiesOnUnicodeTextsAreUnchanged() throws {
        let recognizer = try EntityRecognizer.bundled()
        var d = Digest64()
        var count = 0
        for text in [try TestData.seedBody()] + Self.unicodeTexts {
            let entities = recognizer.recognize(text)
            count += entities.count
            d.add(entities)
        }
        #expect(d.h == Self.unicodeEntitiesHash, "entities hash \(d.h), \(count) entities")
    }

    static let unicodeTexts = [
        "“We will win,” said Angela Merkel, Germany’s chancellor, in Berlin on Friday.",
        "Café owners 👍 met Emmanuel Macron in Paris. Ärzte in München und Zürich streikten am Montag.",
        "İstanbul’s mayor Ekrem İmamoğlu met ÉDOUARD PHILIPPE — the former French prime minister — in Ankara.",
        "The U.S. firm's Feb. 5 deal—worth $11bn—closed (finally)... Shares of Société Générale rose 3.5% to €12.40 in Paris; ¥500 million, £3 billion.",
        "東京 (Reuters) - Toyota Motor Corp said on Tuesday it would invest 1.2 trillion yen in Aichi. Naïve coöperation, résumé of José Núñez.",
        "MOSCOW , Feb 3 ( Reuters ) - Russian President Vladimir Putin said ... “Nothing” ‘changes’ «here» ‹now› „ever“ – Dmitry Peskov’",
        "Militants In Iraq Kill UK Hostage, Video Shows\n\nBAGHDAD (Reuters) - Militants in Iraq killed a British hostage.\u{2029}Next para by J. R. R. Tolkien's estate, mid-March 2025, on 2025-03-14.",
        "ΑΘΗΝΑ: Ο Αλέξης Τσίπρας συναντήθηκε με τον Kyriakos Mitsotakis. Москва и Санкт-Петербург. ǅemal Bijedić and ﬁnance ﬂows.",
        "e\u{301}cole Zoe\u{308} — co-operation between Hewlett-Packard and Rolls-Royce in Stratford-upon-Avon; 12 million tonnes, 5 pct, 2 per cent, 3 percentage points.",
    ]

    // Changed on purpose by the text-path work (issue 20): title-case lines are no longer read as capitals, a surface
    // form keeps the tagger's type (no majority vote), spaced clitics (`'s`) and line-initial list numbers (`3.`) are
    // one token each. The tags on gold tokens are unchanged.
    // Changed on purpose again by the better tagger (issue 20): the model was retrained (person-name gazetteer bits,
    // document features, three sentence orders averaged), so every pin was re-recorded from this test's own output
    // with the new model (they pin outputs, they do not specify them); cutting person names at lowercase words
    // changed none of them.
    static let unicodeEntitiesHash: UInt64 = 6883688383116547325
    static let validTagsHash: UInt64 = 3489286350275901058
    static let validEntitiesHash: UInt64 = 7183834398669465869
    static let wireEntitiesHash: UInt64 = 4212239955627364162

    /// Wire stories as "title, blank line, body".
    static func wireArticles(count: Int) -> [String] {
        WireSampleTexts.articles(count: count).map { $0.title + "\n\n" + $0.body }
    }
}
