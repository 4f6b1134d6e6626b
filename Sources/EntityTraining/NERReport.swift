import EntityExtraction
import Foundation

/// Exact-match span scores for one entity type (or overall), conlleval convention.
public struct NERScore: Sendable, Equatable {
    /// `PER`, `LOC`, `ORG`, `MISC` or `overall`.
    public var label: String
    public var gold: Int
    public var predicted: Int
    public var correct: Int

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}

/// Result of `EntityEvaluation.evaluate` or `TextPathEvaluation.evaluate`: per-type and overall precision/recall/F1; `description` is a conlleval-style table.
public struct NERReport: Sendable, CustomStringConvertible {
    public var sentences: Int
    /// Number of documents (text path only).
    public var documents: Int?
    public var tokens: Int
    /// Scores for PER, LOC, ORG, MISC in that order.
    public var perType: [NERScore]
    public var overall: NERScore
    /// Token-level accuracy of the tag sequence (BIO level); nil on the text path (the tokens are the text's own).
    public var tokenAccuracy: Double?

    public var precision: Double { overall.precision }
    public var recall: Double { overall.recall }
    public var f1: Double { overall.f1 }

    public var description: String {
        func pct(_ v: Double) -> String { String(format: "%6.2f", v * 100) }
        var lines: [String] = []
        let documentCount = documents.map { " in \($0) documents" } ?? ""
        lines.append("processed \(tokens) tokens in \(sentences) sentences\(documentCount) with \(overall.gold) phrases; found: \(overall.predicted) phrases; correct: \(overall.correct).")
        let accuracy = tokenAccuracy.map { "accuracy: \(pct($0))%; " } ?? ""
        lines.append("\(accuracy)precision: \(pct(overall.precision))%; recall: \(pct(overall.recall))%; FB1: \(pct(overall.f1))")
        for s in perType {
            let name = s.label.padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("\(name)  precision: \(pct(s.precision))%; recall: \(pct(s.recall))%; FB1: \(pct(s.f1))  \(s.predicted) (gold \(s.gold))")
        }
        return lines.joined(separator: "\n")
    }
}
