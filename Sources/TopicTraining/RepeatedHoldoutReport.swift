import Foundation
import TopicClassification

/// The shipped recipe's held-out figures over several label-stratified fifths, one split per seed.
///
/// One fifth of a small pool is a noisy estimate (on 1,140 rows one standard error is about a point of
/// accuracy); repeating the split shows how much of a single figure is the split.
public struct RepeatedHoldoutReport: Sendable, CustomStringConvertible {
    /// One split: its seed and the report on its held-out fifth.
    public struct Split: Sendable {
        public var seed: UInt64
        public var report: ClassificationReport
    }

    public var splits: [Split]

    public init(splits: [Split]) { self.splits = splits }

    /// Mean held-out accuracy over the splits.
    public var meanAccuracy: Double {
        splits.isEmpty ? 0 : splits.map(\.report.accuracy).reduce(0, +) / Double(splits.count)
    }

    /// Sample standard deviation of the splits' accuracies (0 for fewer than two splits).
    public var accuracyStandardDeviation: Double {
        guard splits.count > 1 else { return 0 }
        let mean = meanAccuracy
        let squares = splits.map { ($0.report.accuracy - mean) * ($0.report.accuracy - mean) }.reduce(0, +)
        return (squares / Double(splits.count - 1)).squareRoot()
    }

    /// Mean held-out log-loss over the splits.
    public var meanLogLoss: Double {
        splits.isEmpty ? 0 : splits.map(\.report.logLoss).reduce(0, +) / Double(splits.count)
    }

    public var description: String {
        var s = ""
        for split in splits {
            s += String(format: "seed %-4llu accuracy %.4f  macro-F1 %.4f  log-loss %.4f\n",
                        split.seed, split.report.accuracy, split.report.macroF1, split.report.logLoss)
        }
        guard let worst = splits.min(by: { $0.report.accuracy < $1.report.accuracy }),
              let best = splits.max(by: { $0.report.accuracy < $1.report.accuracy }) else { return s + "no splits\n" }
        // The splits overlap, so this interval is only a guide to how far the mean is from one split's figure.
        let halfWidth = 1.96 * accuracyStandardDeviation / Double(splits.count).squareRoot()
        s += String(format: "splits %d  mean accuracy %.4f (± %.4f)  sd %.4f  min %.4f (seed %llu)  max %.4f (seed %llu)  mean log-loss %.4f\n",
                    splits.count, meanAccuracy, halfWidth, accuracyStandardDeviation,
                    worst.report.accuracy, worst.seed, best.report.accuracy, best.seed, meanLogLoss)
        return s
    }
}
