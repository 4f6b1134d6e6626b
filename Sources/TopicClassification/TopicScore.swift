/// A topic label with its score in [0, 1] (a calibrated probability for model labels).
public struct TopicScore: Sendable, Equatable, Codable {
    /// Topic label, e.g. `"Sports"`.
    public var label: String
    /// Score in [0, 1]; higher is more likely.
    public var score: Double

    public init(label: String, score: Double) {
        self.label = label
        self.score = score
    }
}

extension Array where Element == TopicScore {
    /// Sorts best first; ties by label so the order is deterministic.
    func sortedBestFirst() -> [TopicScore] {
        sorted { $0.score != $1.score ? $0.score > $1.score : $0.label < $1.label }
    }
}
