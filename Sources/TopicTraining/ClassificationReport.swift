import Foundation
import TopicClassification

/// Accuracy, per-label precision/recall/F1 and confusion matrix of a classifier on labelled rows.
public struct ClassificationReport: Sendable, CustomStringConvertible {
    /// Per-label figures.
    public struct LabelStats: Sendable, Equatable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Number of rows whose true label this is.
        public var support: Int
    }

    /// Fraction of rows whose best label is the true one.
    public var accuracy: Double
    /// Row labels of the confusion matrix: model labels first, then unknown true labels.
    public var labels: [String]
    /// `confusion[truth][predicted]` counts, indexed like `labels`.
    public var confusion: [[Int]]
    public var perLabel: [LabelStats]
    /// Unweighted mean F1 over labels with support.
    public var macroF1: Double
    /// Mean negative log-likelihood of the true label (calibration quality; lower is better).
    public var logLoss: Double
    public var count: Int

    public var description: String {
        var s = String(format: "rows %d  accuracy %.4f  macro-F1 %.4f  log-loss %.4f\n", count, accuracy, macroF1, logLoss)
        let width = max(10, (labels.map(\.count).max() ?? 0) + 2)
        func pad(_ x: String) -> String { x.count >= width ? x : x + String(repeating: " ", count: width - x.count) }
        func lpad(_ x: String, _ w: Int) -> String { x.count >= w ? x : String(repeating: " ", count: w - x.count) + x }
        s += pad("label") + "precision    recall        F1   support\n"
        for st in perLabel {
            s += pad(st.label) + lpad(String(format: "%.4f", st.precision), 9) + lpad(String(format: "%.4f", st.recall), 10)
                + lpad(String(format: "%.4f", st.f1), 10) + lpad("\(st.support)", 10) + "\n"
        }
        s += "confusion matrix (rows: true label, columns: predicted)\n"
        let cell = max(9, (labels.map(\.count).max() ?? 0) + 1)
        s += pad("") + labels.map { lpad($0, cell) }.joined() + "\n"
        for (i, row) in confusion.enumerated() {
            s += pad(labels[i]) + row.map { lpad("\($0)", cell) }.joined() + "\n"
        }
        return s
    }
}

/// Evaluates a classifier on labelled rows.
public enum TopicEvaluation {
    /// Classifies every row and compares its best label with the true one.
    public static func evaluate(_ rows: [LabeledText], classifier: TopicClassifier) -> ClassificationReport {
        var labels = classifier.labels
        for row in rows where !labels.contains(row.label) { labels.append(row.label) }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        let extractor = FeatureExtractor(config: classifier.parameters.config, wordVectors: classifier.wordVectors)
        var correct = 0, nll = 0.0
        for row in rows {
            let p = classifier.probabilities(classifier.rawScores(title: row.title, text: row.text, using: extractor))
            var best = 0
            for k in p.indices where p[k] > p[best] { best = k }
            let t = index[row.label] ?? 0
            confusion[t][best] += 1
            if t == best { correct += 1 }
            nll -= Foundation.log(max(1e-12, t < p.count ? Double(p[t]) : 0))
        }
        var stats: [ClassificationReport.LabelStats] = []
        var f1Sum = 0.0, f1Count = 0
        for (k, label) in labels.enumerated() {
            let tp = Double(confusion[k][k])
            let predicted = Double(confusion.reduce(0) { $0 + $1[k] })
            let actual = confusion[k].reduce(0, +)
            let precision = predicted > 0 ? tp / predicted : 0
            let recall = actual > 0 ? tp / Double(actual) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            stats.append(.init(label: label, precision: precision, recall: recall, f1: f1, support: actual))
            if actual > 0 { f1Sum += f1; f1Count += 1 }
        }
        let n = rows.count
        return ClassificationReport(accuracy: n > 0 ? Double(correct) / Double(n) : 0, labels: labels, confusion: confusion,
                                    perLabel: stats, macroF1: f1Count > 0 ? f1Sum / Double(f1Count) : 0,
                                    logLoss: n > 0 ? nll / Double(n) : 0, count: n)
    }
}
