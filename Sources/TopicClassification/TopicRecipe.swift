import Foundation

/// The shipped recipe end to end, for reproducing the reported held-out figure.
public enum TopicRecipe {
    /// Fraction of each label held out from training.
    public static let holdoutFraction = 0.2
    /// Seed of the shipped model and of its held-out split.
    public static let seed: UInt64 = 6

    /// Loads `csv`, holds out a label-stratified fifth (`seed`), trains the shipped recipe on the other
    /// four fifths and evaluates on the held-out fifth.
    public static func holdoutAccuracy(csv: URL, seed: UInt64, log: (String) -> Void = { _ in }) throws -> ClassificationReport {
        let rows = try TopicDataset.load(csv)
        let split = TopicTraining.stratifiedSplit(rows, holdoutFraction: holdoutFraction, seed: seed)
        log("train \(split.train.count) rows, held out \(split.holdout.count) rows")
        let model = try TopicTraining.train(split.train, seed: seed, log: log)
        return TopicEvaluation.evaluate(split.holdout, classifier: model.classifier)
    }
}
