import Foundation
import Testing
@testable import EntityExtraction

@Suite struct ModelTests {
    @Test func bundledModelLoadsFastAndIsCached() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try EntityRecognizer.bundled() }
        #expect(elapsed < .seconds(2))  // debug build; release loads in well under 0.1 s
        let again = try clock.measure { _ = try EntityRecognizer.bundled() }
        #expect(again < .milliseconds(10))
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
        let lex: [(UInt64, Lexicon.Entry)] = [(42, Lexicon.Entry(cluster: 5, lowerBucket: 2, gazetteer: 1))]
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
