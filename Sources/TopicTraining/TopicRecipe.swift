import Foundation
import TopicClassification

/// The shipped recipe end to end, for reproducing the reported held-out figure.
public enum TopicRecipe {
    /// Fraction of each label held out from training.
    public static let holdoutFraction = 0.2
    /// Seed of the shipped model and of its held-out split.
    public static let seed: UInt64 = 6

    /// Loads `csv`, holds out a label-stratified fifth (`seed`), trains the shipped recipe on the other
    /// four fifths and evaluates on the held-out fifth.
    public static func holdoutAccuracy(csv: URL, seed: UInt64, log: (String) -> Void = { _ in }) throws -> ClassificationReport {
        try holdoutAccuracy(rows: TopicDataset.load(csv), seed: seed, log: log)
    }

    /// The same on `rows`: holds out a label-stratified fifth (`seed`), trains on the rest, evaluates.
    public static func holdoutAccuracy(rows: [LabeledText], seed: UInt64, log: (String) -> Void = { _ in }) throws -> ClassificationReport {
        let split = TopicTraining.stratifiedSplit(rows, holdoutFraction: holdoutFraction, seed: seed)
        log("train \(split.train.count) rows, held out \(split.holdout.count) rows")
        let model = try TopicTraining.train(split.train, seed: seed, log: log)
        return TopicEvaluation.evaluate(split.holdout, classifier: model.classifier)
    }

    /// `holdoutAccuracy` once per seed, each with its own stratified split (and training seed), on the rows of
    /// `csv`; `log` gets a line per finished split.
    public static func repeatedHoldout(csv: URL, seeds: [UInt64], log: (String) -> Void = { _ in }) throws -> RepeatedHoldoutReport {
        try repeatedHoldout(rows: TopicDataset.load(csv), seeds: seeds, log: log)
    }

    /// `repeatedHoldout` on rows already loaded.
    public static func repeatedHoldout(rows: [LabeledText], seeds: [UInt64], log: (String) -> Void = { _ in }) throws -> RepeatedHoldoutReport {
        var splits: [RepeatedHoldoutReport.Split] = []
        for (n, seed) in seeds.enumerated() {
            let report = try holdoutAccuracy(rows: rows, seed: seed)
            splits.append(.init(seed: seed, report: report))
            log(String(format: "split %d/%d (seed %llu): accuracy %.4f", n + 1, seeds.count, seed, report.accuracy))
        }
        return RepeatedHoldoutReport(splits: splits)
    }
}
