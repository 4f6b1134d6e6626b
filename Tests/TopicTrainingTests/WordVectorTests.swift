import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining

/// Builds a "WTWV" table (the format `scripts/topic-word-vectors` writes) from word -> vector.
func makeWordVectorTable(_ words: [String: [Float]]) throws -> WordVectors {
    let dims = words.values.first?.count ?? 1
    let entries = words.map { (WordVectors.hash($0.key.utf8), $0.value) }.sorted { $0.0 < $1.0 }
    var out = Array("WTWV".utf8)
    func put32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(s)) & 0xFF)) } }
    put32(1); put32(UInt32(dims)); put32(UInt32(entries.count))
    for (key, _) in entries { put32(UInt32(truncatingIfNeeded: key)); put32(UInt32(truncatingIfNeeded: key >> 32)) }
    var scales: [Float] = []
    for (_, v) in entries {
        let s = max(v.map(abs).max() ?? 0, 1e-6) / 127
        scales.append(s)
        put32(s.bitPattern)
    }
    for (i, (_, v)) in entries.enumerated() {
        for x in v { out.append(UInt8(bitPattern: Int8((x / scales[i]).rounded()))) }
    }
    return try WordVectors(data: Data(out))
}

@Suite struct WordVectorTests {
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dot / (na * nb)
    }

    @Test func bundledTableLoadsAndKnowsNewsWords() throws {
        let table = try WordVectors.bundled()
        #expect(table.dimensions == 128)
        #expect(table.count > 20_000)
        let football = try #require(table.vector(for: "football"))
        let soccer = try #require(table.vector(for: "soccer"))
        let inflation = try #require(table.vector(for: "inflation"))
        #expect(football.count == 128)
        #expect(table.vector(for: "2004") != nil)
        #expect(table.vector(for: "qzxwvk") == nil)
        #expect(table.vector(for: "Football") == nil)  // keys are lower-cased words
        // Pretrained vectors: related words are closer than unrelated ones.
        #expect(Self.cosine(football, soccer) > Self.cosine(football, inflation) + 0.1)
    }

    @Test func bundledModelIsTrainedWithTheShippedRecipeBlocks() throws {
        // The shipped recipe (trained on 69,480 rows) has no word-vector block: it did not help at that size
        // (MODEL.md). A model trained with one records the table's identity (`denseBlockIsTrainedStoredAndTiedToItsTable`).
        let classifier = try TopicClassifier.bundled()
        #expect(TopicTrainingOptions().wordVectorScale == 0)
        #expect(classifier.parameters.wordVectorTable == 0)
        #expect(classifier.parameters.denseDimensions == 0)
        #expect(classifier.parameters.config.bucketBits == TopicTrainingOptions().bucketBits)
        #expect(classifier.parameters.config.charLeadBytes == TopicTrainingOptions().charLeadBytes)
    }

    @Test func malformedTablesAreRejected() throws {
        #expect(throws: TopicModelError.self) { try WordVectors(data: Data("WTWVxx".utf8)) }
        #expect(throws: TopicModelError.self) { try WordVectors(data: Data("NOPE0000000000000000".utf8)) }
        let good = try makeWordVectorTable(["goal": [1, 0], "bank": [0, 1]])
        #expect(good.count == 2 && good.dimensions == 2)
        #expect(throws: TopicModelError.self) {
            try WordVectors(contentsOf: URL(fileURLWithPath: "/nonexistent/word-vectors.wtv"))
        }
    }

    @Test func extractorLooksUpRawLowerCasedWordsOfTitleAndLead() throws {
        let table = try makeWordVectorTable(["goal": [1, 0, 0], "2004": [0, 1, 0], "caf": [0, 0, 1]])
        var config = FeatureConfig()
        config.bucketBits = 12
        let e = FeatureExtractor(config: config, wordVectors: table)
        // "2004" is looked up before digit folding, "Goals" is not stemmed to "goal", "café" is not "caf".
        e.extract(title: "GOAL in 2004", text: "Goals at the café; goal!")
        #expect(e.denseWords == 3)
        #expect(abs(e.dense[0] - 2) < 0.02 && abs(e.dense[1] - 1) < 0.02 && e.dense[2] == 0)
        config.wordVectorLeadBytes = 5
        let lead = FeatureExtractor(config: config, wordVectors: table)
        lead.extract(title: "goal", text: "goal and then goal")
        #expect(lead.denseWords == 2)  // the title and the text's words starting in its first 5 bytes
    }

    @Test func integerSumsOverScaleClassesMatchTheVectors() throws {
        // Rows whose scales differ by 10,000x fall in different scale classes.
        let table = try makeWordVectorTable(["big": [100, -50], "small": [0.01, 0.02], "mid": [1, 1]])
        let big = try #require(table.vector(for: "big"))
        let small = try #require(table.vector(for: "small"))
        #expect(abs(big[0] - 100) < 1 && abs(big[1] + 50) < 1)
        #expect(abs(small[0] - 0.01) < 0.0005 && abs(small[1] - 0.02) < 0.0005)
        var config = FeatureConfig()
        config.bucketBits = 12
        let e = FeatureExtractor(config: config, wordVectors: table)
        // 900 words: more than the 256 rows summed between flushes of the 16-bit sums.
        e.extract(title: "", text: Array(repeating: "big small mid", count: 300).joined(separator: " "))
        #expect(e.denseWords == 900)
        let mid = try #require(table.vector(for: "mid"))
        for d in 0..<2 {
            let expected = 300 * (big[d] + small[d] + mid[d])
            #expect(abs(e.dense[d] - expected) < 0.01 * abs(expected))
        }
    }

    static let sportsBusinessTable: [String: [Float]] = [
        "goal": [1, 0.2, 0], "match": [0.9, 0, 0.1], "coach": [1, 0.1, 0.1], "league": [0.8, 0.2, 0], "season": [0.9, 0, 0],
        "shares": [0, 1, 0.1], "profit": [0.1, 0.9, 0], "market": [0, 1, 0], "bank": [0.2, 0.8, 0], "earnings": [0, 1, 0.2],
        "software": [0, 0, 1], "chip": [0.1, 0, 0.9], "internet": [0, 0.2, 1], "computer": [0, 0, 1], "data": [0, 0.1, 0.8],
    ]

    /// Training options for the small synthetic corpora: 2^12 buckets, no calibration folds.
    static func smallOptions(wordVectorScale: Float) -> TopicTrainingOptions {
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        options.calibrationFolds = 0
        options.wordVectorScale = wordVectorScale
        return options
    }

    @Test func denseBlockIsTrainedStoredAndTiedToItsTable() throws {
        let table = try makeWordVectorTable(Self.sportsBusinessTable)
        var options = Self.smallOptions(wordVectorScale: 1)
        options.wordVectorLeadBytes = 0
        let rows = TrainingTests.corpus(seed: 5, perLabel: 30)
        let model = try TopicTraining.train(rows, seed: 2, options: options, wordVectors: table) { _ in }
        let p = model.classifier.parameters
        #expect(p.wordVectorTable == table.identity)
        #expect(p.denseDimensions == 3)
        #expect(p.denseWeights.contains { $0 != 0 })
        let test = TrainingTests.corpus(seed: 6, perLabel: 20)
        #expect(TopicEvaluation.evaluate(test, classifier: model.classifier).accuracy > 0.95)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wv-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let reloaded = try TopicClassifier(modelAt: url, wordVectors: table)
        #expect(reloaded.classify(title: "goal", text: "coach match") == model.classifier.classify(title: "goal", text: "coach match"))

        // Same words, other vectors: another table identity, so loading fails with a clear error.
        var other = Self.sportsBusinessTable
        other["goal"] = [0, 0, 1]
        let otherTable = try makeWordVectorTable(other)
        #expect(throws: TopicModelError.self) { try TopicClassifier(modelAt: url, wordVectors: otherTable) }
        do {
            _ = try TopicClassifier(modelAt: url, wordVectors: otherTable)
        } catch {
            #expect("\(error)".contains("word-vector table"))
            #expect("\(error)".contains(String(format: "%016llx", table.identity)))
        }
        // The bundled table is not the one this model was trained with either.
        #expect(throws: TopicModelError.self) { try TopicClassifier(modelAt: url) }
    }

    @Test func withoutTheBlockNothingChanges() throws {
        let table = try makeWordVectorTable(Self.sportsBusinessTable)
        let options = Self.smallOptions(wordVectorScale: 0)
        let rows = TrainingTests.corpus(seed: 5, perLabel: 30)
        let plain = try TopicTraining.train(rows, seed: 2, options: options) { _ in }
        let ignored = try TopicTraining.train(rows, seed: 2, options: options, wordVectors: table) { _ in }
        #expect(plain.classifier.parameters.wordVectorTable == 0)
        #expect(ignored.classifier.parameters.wordVectorTable == 0)
        #expect(plain.classifier.parameters.weights == ignored.classifier.parameters.weights)
    }

    @Test func version2ModelFilesStillLoadAndClassifyAsBefore() throws {
        let options = Self.smallOptions(wordVectorScale: 0)  // v2 files have no dense block
        let model = try TopicTraining.train(TrainingTests.corpus(seed: 8, perLabel: 20), seed: 2, options: options) { _ in }
        let v3 = [UInt8](ModelFile.encode(model.classifier.parameters))
        #expect(Array(v3[4..<8]) == [3, 0, 0, 0])
        // v2: no wordVectorLeadBytes header field (bytes 32..<36 of v3) and no trailing dense block
        // (table identity, width 0, scale: 16 bytes).
        let v2 = Array(v3[0..<4]) + [2, 0, 0, 0] + Array(v3[8..<32]) + Array(v3[36..<(v3.count - 16)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("v2-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(v2).write(to: url)
        let old = try TopicClassifier(modelAt: url)
        #expect(old.parameters.weights == model.classifier.parameters.weights)
        #expect(old.parameters.wordVectorTable == 0)
        for (title, text) in [("goal", "coach match league"), ("shares", "profit at the bank"), ("", "")] {
            #expect(old.classify(title: title, text: text) == model.classifier.classify(title: title, text: text))
        }
    }
}
