import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining
import SeededRandom

@Suite struct TrainingTests {
    /// Small synthetic corpus: each topic has its own vocabulary plus shared filler words.
    static func corpus(seed: UInt64, perLabel: Int) -> [LabeledText] {
        let vocab = [
            "Alpha": ["goal", "match", "coach", "league", "season", "striker"],
            "Beta": ["shares", "profit", "market", "investor", "bank", "earnings"],
            "Gamma": ["software", "chip", "internet", "computer", "wireless", "data"],
        ]
        let filler = ["the", "said", "on", "new", "year", "week", "report"]
        var rng = SplitMix64(seed: seed)
        var rows: [LabeledText] = []
        for i in 0..<perLabel {
            for label in vocab.keys.sorted() {
                let words = vocab[label] ?? []
                var text: [String] = []
                for _ in 0..<8 { text.append(rng.below(3) == 0 ? filler[rng.below(filler.count)] : words[rng.below(words.count)]) }
                rows.append(LabeledText(label: label, title: "\(words[rng.below(words.count)]) \(i)", text: text.joined(separator: " ")))
            }
        }
        return rows
    }

    @Test func trainsWritesAndReloadsAModel() throws {
        let rows = Self.corpus(seed: 1, perLabel: 40)
        var options = TopicTrainingOptions()
        options.bucketBits = 14
        var lines: [String] = []
        let model = try TopicTraining.train(rows, seed: 3, options: options) { lines.append($0) }
        #expect(model.classifier.labels == ["Alpha", "Beta", "Gamma"])
        #expect(!lines.isEmpty)
        let test = Self.corpus(seed: 2, perLabel: 20)
        let report = TopicEvaluation.evaluate(test, classifier: model.classifier)
        #expect(report.accuracy > 0.95)
        #expect(report.confusion.flatMap { $0 }.reduce(0, +) == test.count)
        #expect(report.description.contains("confusion matrix"))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("m-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let reloaded = try TopicClassifier(modelAt: url)
        for row in test.prefix(10) {
            #expect(reloaded.classify(title: row.title, text: row.text) == model.classifier.classify(title: row.title, text: row.text))
        }
    }

    @Test func trainingIsDeterministicForASeed() throws {
        let rows = Self.corpus(seed: 5, perLabel: 20)
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        let a = try TopicTraining.train(rows, seed: 9, options: options) { _ in }
        let b = try TopicTraining.train(rows, seed: 9, options: options) { _ in }
        #expect(ModelFile.encode(a.classifier.parameters) == ModelFile.encode(b.classifier.parameters))
    }

    @Test func rejectsDegenerateData() {
        #expect(throws: TopicTrainingError.emptyDataset) { try TopicTraining.train([], seed: 1) { _ in } }
        #expect(throws: TopicTrainingError.tooFewLabels(1)) {
            try TopicTraining.train([LabeledText(label: "A", title: "x", text: "y")], seed: 1) { _ in }
        }
    }

    @Test func evaluationCountsUnknownLabelsAsErrors() throws {
        let rows = Self.corpus(seed: 1, perLabel: 20)
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        options.calibrationFolds = 0
        let model = try TopicTraining.train(rows, seed: 1, options: options) { _ in }
        let report = TopicEvaluation.evaluate([LabeledText(label: "Delta", title: "goal", text: "match")], classifier: model.classifier)
        #expect(report.labels.last == "Delta")
        #expect(report.accuracy == 0)
    }
}
