import Foundation
import Testing
@testable import EntityExtraction
@testable import EntityTraining

@Suite struct TrainingTests {
    private static let tinyCorpus = """
    Peter B-PER
    Blackburn I-PER
    visited O
    Brussels B-LOC
    . O

    The O
    European B-ORG
    Commission I-ORG
    met O
    in O
    Paris B-LOC
    on O
    Thursday O
    . O

    German B-MISC
    officials O
    said O
    Anna B-PER
    Schmidt I-PER
    left O
    Bonn B-LOC
    . O

    """

    /// Same data and seed give a byte-identical model; the model then tags its own training data.
    @Test func tinyTrainingIsDeterministic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ner-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("train.txt")
        try Self.tinyCorpus.write(to: data, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a.bin"), b = dir.appendingPathComponent("b.bin")
        var lines: [String] = []
        _ = try EntityTraining.train(train: data, dev: data, output: a, seed: 7, epochs: 6, log: { lines.append($0) })
        _ = try EntityTraining.train(train: data, dev: nil, output: b, seed: 7, epochs: 6, log: { _ in })
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(lines.contains { $0.hasPrefix("epoch 6") && $0.contains("dev F1") })
        let report = try EntityEvaluation.evaluate(conll: data, recognizer: EntityRecognizer(modelAt: a))
        #expect(report.f1 >= 0.9)
    }
}
