import Foundation
import TopicClassification
import SeededRandom

/// Errors raised by training.
public enum TopicTrainingError: Error, CustomStringConvertible, Sendable, Equatable {
    case tooFewLabels(Int)
    case emptyDataset

    public var description: String {
        switch self {
        case .tooFewLabels(let n): return "training needs at least two distinct labels, found \(n)"
        case .emptyDataset: return "training data set is empty"
        }
    }
}

/// Training and data splitting for `TopicClassifier`.
public enum TopicTraining {
    /// Splits rows per label: about `holdoutFraction` of each label goes to `holdout` (seeded shuffle);
    /// both parts keep the input order.
    public static func stratifiedSplit(_ rows: [LabeledText], holdoutFraction: Double, seed: UInt64)
        -> (train: [LabeledText], holdout: [LabeledText]) {
        let inHoldout = holdoutMask(labels: rows.map(\.label), fraction: holdoutFraction, seed: seed)
        var train: [LabeledText] = [], holdout: [LabeledText] = []
        for (i, row) in rows.enumerated() {
            if inHoldout[i] { holdout.append(row) } else { train.append(row) }
        }
        return (train, holdout)
    }

    static func holdoutMask(labels: [String], fraction: Double, seed: UInt64) -> [Bool] {
        var groups: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { groups[label, default: []].append(i) }
        var rng = SplitMix64(seed: seed)
        var mask = [Bool](repeating: false, count: labels.count)
        let f = min(1, max(0, fraction))
        for label in groups.keys.sorted() {
            guard var idx = groups[label] else { continue }
            rng.shuffle(&idx)
            let take = Int((Double(idx.count) * f).rounded())
            for i in idx.prefix(take) { mask[i] = true }
        }
        return mask
    }

    /// Trains the shipped recipe (see `TopicTrainingOptions()`) on `rows`; deterministic for a seed.
    public static func train(_ rows: [LabeledText], seed: UInt64, log: (String) -> Void) throws -> TopicModel {
        try train(rows, seed: seed, options: TopicTrainingOptions(), log: log)
    }

    /// Trains with explicit hyper-parameters. A dense word-vector block (`options.wordVectorScale` > 0) uses the
    /// bundled table.
    public static func train(_ rows: [LabeledText], seed: UInt64, options: TopicTrainingOptions,
                             log: (String) -> Void) throws -> TopicModel {
        let table = options.wordVectorScale > 0 ? try WordVectors.bundled() : nil
        return try train(rows, seed: seed, options: options, wordVectors: table, log: log)
    }

    /// Trains with explicit hyper-parameters and word-vector table (used when `options.wordVectorScale` > 0; the
    /// model records the table's identity and loads only with that table).
    public static func train(_ rows: [LabeledText], seed: UInt64, options: TopicTrainingOptions, wordVectors: WordVectors?,
                             log: (String) -> Void) throws -> TopicModel {
        let wordVectors = options.wordVectorScale > 0 ? wordVectors : nil
        guard !rows.isEmpty else { throw TopicTrainingError.emptyDataset }
        let labels = Array(Set(rows.map(\.label))).sorted()
        guard labels.count >= 2 else { throw TopicTrainingError.tooFewLabels(labels.count) }
        let start = Date()
        let corpus = CountCorpus(rows: rows, labels: labels, config: options.features, wordVectors: wordVectors)
        log(String(format: "featurised %d rows (%d labels) in %.2f s, %.0f features/row",
                   rows.count, labels.count, Date().timeIntervalSince(start), Double(corpus.keys.count) / Double(rows.count)))
        let trainer = Trainer(corpus: corpus, options: options, seed: seed)
        var temperature: Float = 1
        if options.calibrationFolds >= 2 {
            let t0 = Date()
            let (scores, truth) = trainer.outOfFoldScores(folds: options.calibrationFolds)
            temperature = Calibration.fitTemperature(scores, truth)
            let correct = zip(scores, truth).filter { s, y in s.indices.max { s[$0] < s[$1] } == y }.count
            log(String(format: "calibration: 1/%d held-out accuracy %.4f, temperature %.4f (%.2f s)",
                       options.calibrationFolds, Double(correct) / Double(truth.count), temperature, Date().timeIntervalSince(t0)))
        }
        let t1 = Date()
        var params = trainer.fit(docs: Array(0..<rows.count))
        params.temperature = temperature
        log(String(format: "trained final model on %d rows in %.2f s (total %.2f s)",
                   rows.count, Date().timeIntervalSince(t1), Date().timeIntervalSince(start)))
        return try TopicModel(parameters: params, wordVectors: wordVectors)
    }
}
