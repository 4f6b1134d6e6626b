import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining

@Suite struct RepeatedHoldoutTests {
    @Test func oneReportPerSeedEqualToTheSingleSplitFigure() throws {
        let rows = TrainingTests.corpus(seed: 5, perLabel: 30)
        var lines: [String] = []
        let repeated = try TopicRecipe.repeatedHoldout(rows: rows, seeds: [3, 4, 5]) { lines.append($0) }
        #expect(repeated.splits.map(\.seed) == [3, 4, 5])
        #expect(lines.count == 3)
        #expect(lines.last?.hasPrefix("split 3/3 (seed 5): accuracy") == true)
        for split in repeated.splits {
            // Each split holds out a stratified tenth: 3 of 30 rows per label.
            #expect(split.report.count == 9)
            let single = try TopicRecipe.holdoutAccuracy(rows: rows, seed: split.seed)
            #expect(single.accuracy == split.report.accuracy)
            #expect(single.confusion == split.report.confusion)
        }
        let accuracies = repeated.splits.map(\.report.accuracy)
        #expect(abs(repeated.meanAccuracy - accuracies.reduce(0, +) / 3) < 1e-12)
        #expect(repeated.accuracyStandardDeviation >= 0)
        #expect(repeated.description.contains("splits 3  mean accuracy"))
    }

    @Test func splitsDifferBySeed() {
        let rows = TrainingTests.corpus(seed: 5, perLabel: 30)
        let a = TopicTraining.stratifiedSplit(rows, holdoutFraction: TopicRecipe.holdoutFraction, seed: 3).holdout
        let b = TopicTraining.stratifiedSplit(rows, holdoutFraction: TopicRecipe.holdoutFraction, seed: 4).holdout
        #expect(a.count == b.count)
        #expect(a.map(\.title) != b.map(\.title))
    }

    @Test func spreadOfKnownAccuracies() {
        func report(_ accuracy: Double) -> ClassificationReport {
            ClassificationReport(accuracy: accuracy, labels: [], confusion: [], perLabel: [], macroF1: accuracy, logLoss: 0.3, count: 10)
        }
        let repeated = RepeatedHoldoutReport(splits: [.init(seed: 1, report: report(0.8)), .init(seed: 2, report: report(0.9))])
        #expect(abs(repeated.meanAccuracy - 0.85) < 1e-12)
        #expect(abs(repeated.accuracyStandardDeviation - 0.0707107) < 1e-6)
        #expect(repeated.description.contains("min 0.8000 (seed 1)  max 0.9000 (seed 2)"))
        #expect(RepeatedHoldoutReport(splits: []).description == "no splits\n")
    }
}
