import Deduplication
import Foundation

/// Runs the dedupe stage over a labelled JSONL stream (fields `id`, `published_at`, `title`, `body`,
/// `truth.*` as in `../shared/data/dedup/dev.jsonl`) in arrival order and scores it like `score_dedup.py`.
public enum DedupeEvaluation {
    /// One article of a labelled stream.
    struct LabelledArticle {
        var id: String
        var timestamp: Date
        var title: String
        var body: String
        var cluster: String
        var edits: [String]
        var depth: Int
        var jaccard5: Double
        var boilerplate: String?
        var hnGroups: [String]
        var hnClusters: [String]
        var ambiguous: Set<String>
    }

    /// Scores an in-memory dedupe run over `stream`. `prepare(title, body)` yields the text the
    /// normalize stage would hand to dedupe; `log` receives progress lines.
    public static func evaluate(stream: URL, options: DedupeOptions, prepare: (_ title: String, _ body: String) -> String,
                                log: (String) -> Void) throws -> DedupeReport
    {
        try evaluateWithVerdicts(stream: stream, options: options, prepare: prepare, log: log).report
    }

    /// As ``evaluate(stream:options:prepare:log:)``, also returning every verdict in arrival order
    /// (to write a predictions file for `score_dedup.py`).
    public static func evaluateWithVerdicts(stream: URL, options: DedupeOptions,
                                            prepare: (_ title: String, _ body: String) -> String,
                                            log: (String) -> Void) throws -> (report: DedupeReport, verdicts: [(id: String, verdict: DedupeVerdict)])
    {
        let articles = try load(stream)
        log("dedupe eval: \(articles.count) articles from \(stream.lastPathComponent)")
        let texts = articles.map { prepare($0.title, $0.body) }
        let dedup = try Deduplicator(options: options, stateDirectory: nil)
        var verdicts: [(id: String, verdict: DedupeVerdict)] = []
        verdicts.reserveCapacity(articles.count)
        let start = DispatchTime.now().uptimeNanoseconds
        for (a, text) in zip(articles, texts) {
            let v = try dedup.check(DedupeDocument(id: a.id, title: a.title, text: text, timestamp: a.timestamp))
            verdicts.append((a.id, v))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var report = score(articles, verdicts.map { $0.verdict.status == .unique ? nil : $0.verdict.duplicateOf })
        report.dedupeSeconds = seconds
        report.articlesPerSecond = seconds > 0 ? Double(articles.count) / seconds : 0
        return (report, verdicts)
    }

    static func load(_ url: URL) throws -> [LabelledArticle] {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else { throw DedupeError.badStream("\(url.path) is not UTF-8") }
        let iso = ISO8601DateFormatter()
        var out: [LabelledArticle] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = obj["id"] as? String, let truth = obj["truth"] as? [String: Any],
                  let cluster = truth["cluster"] as? String
            else { throw DedupeError.badStream("\(url.path):\(n + 1): missing id or truth.cluster") }
            let stamp = (obj["published_at"] as? String) ?? (obj["received_at"] as? String) ?? ""
            out.append(LabelledArticle(
                id: id, timestamp: iso.date(from: stamp) ?? Date(timeIntervalSince1970: 0),
                title: obj["title"] as? String ?? "", body: obj["body"] as? String ?? "",
                cluster: cluster, edits: truth["edits"] as? [String] ?? [], depth: truth["depth"] as? Int ?? 0,
                jaccard5: (truth["jaccard5"] as? NSNumber)?.doubleValue ?? 0,
                boilerplate: truth["boilerplate"] as? String,
                hnGroups: truth["hn_groups"] as? [String] ?? [], hnClusters: truth["hn_clusters"] as? [String] ?? [],
                ambiguous: Set(truth["ambiguous_clusters"] as? [String] ?? [])))
        }
        return out
    }

    /// Decision scoring of `score_dedup.py` (predicted `duplicate_of` per article, `nil` = unique).
    static func score(_ stream: [LabelledArticle], _ predicted: [String?]) -> DedupeReport {
        var r = DedupeReport()
        var pos: [String: Int] = [:]
        for (n, a) in stream.enumerated() { pos[a.id] = n }
        var seenClusters = Set<String>()
        var groupClusters: [String: Set<String>] = [:], boilerClusters: [String: Set<String>] = [:]
        var flagged = 0, flaggedCopy = 0
        for (n, a) in stream.enumerated() {
            let isCopy = seenClusters.contains(a.cluster)
            var classes = Set<String>()
            for g in a.hnGroups where !(groupClusters[g, default: []].subtracting([a.cluster])).isEmpty {
                classes.insert(String(g.split(separator: ":").first ?? Substring(g)))
            }
            if a.hnClusters.contains(where: seenClusters.contains) { classes.insert("subject_or_overlap") }
            if let bp = a.boilerplate, !(boilerClusters[bp, default: []].subtracting([a.cluster])).isEmpty {
                classes.insert("shared_boilerplate")
            }
            for k in classes { r.exposedByClass[k, default: 0] += 1 }
            var labels: [String] = []
            if isCopy {
                labels = [a.edits.count == 1 ? a.edits[0] : "multi-edit",
                          "depth \(min(a.depth, 3))\(a.depth >= 3 ? "+" : "")", "J " + bucket(a.jaccard5)]
                for k in labels { r.recallBy[k, default: (0, 0)].total += 1 }
            }
            if n < predicted.count, let p = predicted[n] {
                if let m = pos[p], m < n {
                    let o = stream[m]
                    if o.cluster == a.cluster {
                        r.truePositives += 1
                        for k in labels { r.recallBy[k, default: (0, 0)].hit += 1 }
                    } else if a.ambiguous.contains(o.cluster) {
                        r.ambiguousLinks += 1
                    } else {
                        r.falsePositives += 1
                        let kind = hardNegativeClass(a, o) ?? "unrelated"
                        r.falsePositivesByClass[kind, default: 0] += 1
                        if kind != "unrelated" { r.hardNegativeFalsePositives += 1 }
                        if r.falsePositiveExamples.count < 10 { r.falsePositiveExamples.append((a.id, p, kind)) }
                        if isCopy { r.falseNegatives += 1 }
                    }
                } else {
                    r.falsePositives += 1
                    if isCopy { r.falseNegatives += 1 }
                }
                flagged += 1
                if isCopy { flaggedCopy += 1 }
            } else if isCopy {
                r.falseNegatives += 1
            }
            if isCopy { r.copies += 1 }
            seenClusters.insert(a.cluster)
            for g in a.hnGroups { groupClusters[g, default: []].insert(a.cluster) }
            if let bp = a.boilerplate { boilerClusters[bp, default: []].insert(a.cluster) }
        }
        r.articles = stream.count
        let tp = Double(r.truePositives), fp = Double(r.falsePositives), fn = Double(r.falseNegatives)
        r.precision = tp + fp > 0 ? tp / (tp + fp) : 1
        r.recall = tp + fn > 0 ? tp / (tp + fn) : 1
        r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0
        return r
    }

    private static func bucket(_ j: Double) -> String {
        for (lo, name) in [(1.0, "=1.0"), (0.9, "0.9-1.0"), (0.8, "0.8-0.9"), (0.7, "0.7-0.8"), (0.6, "0.6-0.7"), (0.5, "0.5-0.6")]
        where j >= lo { return name }
        return "<0.5"
    }

    private static func hardNegativeClass(_ a: LabelledArticle, _ o: LabelledArticle) -> String? {
        if let bp = a.boilerplate, bp == o.boilerplate { return "shared_boilerplate" }
        if let common = Set(a.hnGroups).intersection(o.hnGroups).sorted().first {
            return String(common.split(separator: ":").first ?? Substring(common))
        }
        if a.hnClusters.contains(o.cluster) { return "subject_or_overlap" }
        return nil
    }
}
