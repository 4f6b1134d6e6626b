import Foundation
import TopicClassification

/// The shipped recipe end to end, for reproducing the reported held-out figures.
public enum TopicRecipe {
    /// Fraction of each label held out from training (the development split).
    public static let holdoutFraction = 0.1
    /// Seed of the shipped model and of its development split.
    public static let seed: UInt64 = 6

    /// Loads `files` (concatenated), holds out a label-stratified `fraction` (`seed`), trains with `options` on
    /// the rest and evaluates on the held-out rows.
    public static func holdoutAccuracy(files: [URL], seed: UInt64, fraction: Double = holdoutFraction,
                                       options: TopicTrainingOptions = TopicTrainingOptions(),
                                       log: (String) -> Void = { _ in }) throws -> ClassificationReport {
        try holdoutAccuracy(rows: TopicDataset.load(files), seed: seed, fraction: fraction, options: options, log: log)
    }

    /// The same on `rows`: holds out a label-stratified `fraction` (`seed`), trains on the rest, evaluates.
    public static func holdoutAccuracy(rows: [LabeledText], seed: UInt64, fraction: Double = holdoutFraction,
                                       options: TopicTrainingOptions = TopicTrainingOptions(),
                                       log: (String) -> Void = { _ in }) throws -> ClassificationReport {
        let split = TopicTraining.stratifiedSplit(rows, holdoutFraction: fraction, seed: seed)
        log("train \(split.train.count) rows, held out \(split.holdout.count) rows")
        let model = try TopicTraining.train(split.train, seed: seed, options: options, log: log)
        return TopicEvaluation.evaluate(split.holdout, classifier: model.classifier)
    }

    /// `holdoutAccuracy` once per seed, each with its own stratified split (and training seed), on the rows of
    /// `files`; `log` gets a line per finished split.
    public static func repeatedHoldout(files: [URL], seeds: [UInt64], fraction: Double = holdoutFraction,
                                       options: TopicTrainingOptions = TopicTrainingOptions(),
                                       log: (String) -> Void = { _ in }) throws -> RepeatedHoldoutReport {
        try repeatedHoldout(rows: TopicDataset.load(files), seeds: seeds, fraction: fraction, options: options, log: log)
    }

    /// `repeatedHoldout` on rows already loaded.
    public static func repeatedHoldout(rows: [LabeledText], seeds: [UInt64], fraction: Double = holdoutFraction,
                                       options: TopicTrainingOptions = TopicTrainingOptions(),
                                       log: (String) -> Void = { _ in }) throws -> RepeatedHoldoutReport {
        var splits: [RepeatedHoldoutReport.Split] = []
        for (n, seed) in seeds.enumerated() {
            let report = try holdoutAccuracy(rows: rows, seed: seed, fraction: fraction, options: options)
            splits.append(.init(seed: seed, report: report))
            log(String(format: "split %d/%d (seed %llu): accuracy %.4f", n + 1, seeds.count, seed, report.accuracy))
        }
        return RepeatedHoldoutReport(splits: splits)
    }
}
