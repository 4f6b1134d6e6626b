/// Pairwise-decision figures of a dedupe run on a labelled stream, computed like `score_dedup.py`.
public struct DedupeReport: Sendable, CustomStringConvertible {
    public var articles = 0
    /// Articles with an earlier article of their cluster.
    public var copies = 0
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    /// Links into a cluster listed as ambiguous (not counted).
    public var ambiguousLinks = 0
    public var precision = 1.0
    public var recall = 1.0
    public var f1 = 0.0
    /// False positives whose pair shares a hard-negative class (boilerplate, template, subject).
    public var hardNegativeFalsePositives = 0
    /// False positives by class (`shared_boilerplate`, `sports_table`, ..., `unrelated`).
    public var falsePositivesByClass: [String: Int] = [:]
    /// Articles exposed to each hard-negative class (an earlier article of another cluster in it).
    public var exposedByClass: [String: Int] = [:]
    /// Recall per edit kind / depth / Jaccard bucket: (hits, total).
    public var recallBy: [String: (hit: Int, total: Int)] = [:]
    /// A few false positives: (id, linked id, class).
    public var falsePositiveExamples: [(id: String, linked: String, kind: String)] = []
    /// Wall time of the dedupe calls alone, and articles per second over them.
    public var dedupeSeconds = 0.0
    public var articlesPerSecond = 0.0

    public init() {}

    public var description: String {
        var lines: [String] = []
        lines.append("articles \(articles)  copies \(copies)")
        lines.append("decisions: tp \(truePositives)  fp \(falsePositives)  fn \(falseNegatives)  ambiguous (not counted) \(ambiguousLinks)")
        lines.append("recall by edit kind / depth / Jaccard-5 bucket:")
        let keys = recallBy.keys.sorted { a, b in
            let ka = (a.hasPrefix("J "), a.hasPrefix("depth")), kb = (b.hasPrefix("J "), b.hasPrefix("depth"))
            return ka != kb ? (!ka.0 && kb.0) || (ka.0 == kb.0 && !ka.1 && kb.1) : a < b
        }
        for k in keys {
            guard let v = recallBy[k] else { continue }
            lines.append("  \(k.padding(toLength: 28, withPad: " ", startingAt: 0)) \(fmt(Double(v.hit) / Double(max(v.total, 1))))  (\(v.hit)/\(v.total))")
        }
        lines.append("false positives by class:")
        for k in Set(falsePositivesByClass.keys).union(exposedByClass.keys).sorted() {
            lines.append("  \(k.padding(toLength: 28, withPad: " ", startingAt: 0)) fp \(falsePositivesByClass[k, default: 0])   exposed \(exposedByClass[k].map(String.init) ?? "-")")
        }
        for e in falsePositiveExamples.prefix(5) { lines.append("  e.g. \(e.id) -> \(e.linked) [\(e.kind)]") }
        lines.append("speed: \(Int(articlesPerSecond)) articles/s (\(fmt(dedupeSeconds)) s)")
        lines.append("F1 \(fmt(f1)) precision \(fmt(precision)) recall \(fmt(recall)) hardneg_fp \(hardNegativeFalsePositives) missing 0")
        return lines.joined(separator: "\n")
    }

    private func fmt(_ x: Double) -> String {
        let scaled = (x * 10000).rounded() / 10000
        var s = String(scaled)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 4 { s += String(repeating: "0", count: 4 - decimals) }
        }
        return s
    }
}
