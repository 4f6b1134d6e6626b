import Foundation
import Testing
@testable import EntityExtraction
@testable import EntityTraining

@Suite struct ModelTests {
    /// The bundled model loads and every later call gets the same tagger (load time is `wirectl bench`'s business).
    @Test func bundledModelLoadsAndRepeatedLoadsAgree() throws {
        let text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday, the European Union said."
        let first = try EntityRecognizer.bundled().recognize(text)
        #expect(first.contains { $0.type == .person })
        #expect(try EntityRecognizer.bundled().recognize(text) == first)
    }

    @Test func modelFileRoundTrips() throws {
        let keys: [UInt32] = [7, 3, 99]
        let c = TagScheme.count
        var rows = [Float](repeating: 0, count: keys.count * c)
        rows[0 * c + 1] = 2.5; rows[1 * c + 0] = -1.25; rows[2 * c + 16] = 0.5
        let trans = (0..<((c + 1) * c)).map { Float($0 % 7) - 3 }
        let end = (0..<c).map { Float($0) / 4 }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-roundtrip-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let lex: [(UInt64, Lexicon.Entry)] = [(42, Lexicon.Entry(cluster: 5, lowerBucket: 2, gazetteer: 1, vectorFine: 300, vectorCoarse: 7))]
        let written = try TaggerModel.write(tagCount: c, transitions: trans, endScores: end, keys: keys, rows: rows, lexicon: lex, to: url)
        #expect(written.features == 3)
        let model = try TaggerModel(contentsOf: url)
        #expect(model.transitions == trans)
        #expect(model.endScores == end)
        let r7 = model.row(7), r3 = model.row(3), r99 = model.row(99)
        #expect(model.row(8) == -1)
        #expect(abs(model.weight(row: r7, tag: 1) - 2.5) < 1e-3)
        #expect(abs(model.weight(row: r3, tag: 0) + 1.25) < 1e-3)
        #expect(abs(model.weight(row: r99, tag: 16) - 0.5) < 1e-3)
        #expect(model.lexicon?.lookup(42)?.cluster == 5)
        #expect(model.lexicon?.lookup(42)?.vectorFine == 300)
        #expect(model.lexicon?.lookup(42)?.vectorCoarse == 7)

        // The same model in the first format (4-byte lexicon entries, no pretrained clusters) still loads.
        let v1 = try Self.firstFormat(Data(contentsOf: url), lexiconCount: lex.count)
        let old = try TaggerModel(data: v1)
        #expect(old.transitions == trans)
        #expect(abs(old.weight(row: old.row(7), tag: 1) - 2.5) < 1e-3)
        #expect(old.lexicon?.lookup(42)?.cluster == 5)
        #expect(old.lexicon?.lookup(42)?.gazetteer == 1)
        #expect(old.lexicon?.lookup(42)?.vectorFine == 0)
    }

    /// Rewrites a "WSNER002" file as "WSNER001": the magic, and each lexicon entry without its last 3 bytes.
    static func firstFormat(_ data: Data, lexiconCount: Int) throws -> Data {
        var bytes = [UInt8](data)
        #expect(Array(bytes[0..<8]) == TaggerModel.magic)
        bytes.replaceSubrange(0..<8, with: TaggerModel.magicV1)
        let c = TagScheme.count
        var pos = 8 + 16 + 4 * ((c + 1) * c + c)
        for _ in 0..<lexiconCount {
            bytes.removeSubrange((pos + 12)..<(pos + 15))
            pos += 12
        }
        return Data(bytes)
    }

    @Test func rejectsGarbage() throws {
        #expect(throws: EntityModelError.self) { try TaggerModel(data: Data("not a model".utf8)) }
        var truncated = Data(TaggerModel.magic)
        truncated.append(contentsOf: [17, 0, 0, 0, 5])
        #expect(throws: EntityModelError.self) { try TaggerModel(data: truncated) }
    }

    @Test func bilouConversionRoundTrips() {
        let labels = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG", "O", "B-MISC"]
        let spans = TagScheme.spans(conll: labels)
        #expect(spans.map { [$0.0, $0.1, $0.2] } == [[0, 0, 2], [1, 3, 4], [1, 4, 5], [2, 5, 7], [3, 8, 9]])
        let tags = TagScheme.tags(spans: spans, count: labels.count)
        #expect(TagScheme.spans(tags: tags).map { [$0.0, $0.1, $0.2] } == spans.map { [$0.0, $0.1, $0.2] })
    }
}

@Suite struct PretrainedWordClusterTests {
    @Test func parsesLinesAndSkipsOthers() {
        let entries = PretrainedWordClusters.entries("12\t3\tlondon\nbad line\n255\t64\tparis\nx\t1\tno\n")
        #expect(entries.count == 2)
        #expect(entries["london"]?.fine == 12 && entries["london"]?.coarse == 3)
        #expect(entries["paris"]?.fine == 255 && entries["paris"]?.coarse == 64)
    }

    @Test func bundledTableCoversTheVocabulary() throws {
        let entries = try PretrainedWordClusters.bundledEntries()
        #expect(entries.count == 22_716)
        #expect(entries.values.allSatisfy { (1...255).contains($0.fine) && (1...64).contains($0.coarse) })
        #expect(Set(entries.values.map(\.fine)).count == 255)
        #expect(Set(entries.values.map(\.coarse)).count == 64)
    }
}
