/// Merges model probabilities with rule scores.
public enum TopicCombination {
    /// Union of labels, best first. A label in both lists gets the noisy-OR `1 - (1-m)(1-r)`
    /// (rules can only raise a model label); a label in one list keeps its score (clamped to [0, 1]).
    public static func combine(model: [TopicScore], rules: [TopicScore]) -> [TopicScore] {
        var merged: [String: Double] = [:]
        var order: [String] = []
        for s in model {
            let v = min(1, max(0, s.score))
            if let old = merged[s.label] { merged[s.label] = max(old, v) } else { merged[s.label] = v; order.append(s.label) }
        }
        var ruleBest: [String: Double] = [:]
        for s in rules { ruleBest[s.label] = max(ruleBest[s.label] ?? 0, min(1, max(0, s.score))) }
        for (label, r) in ruleBest {
            if let m = merged[label] { merged[label] = 1 - (1 - m) * (1 - r) } else { merged[label] = r; order.append(label) }
        }
        return order.map { TopicScore(label: $0, score: merged[$0] ?? 0) }.sortedBestFirst()
    }
}
