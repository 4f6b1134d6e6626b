import Foundation
import Testing
@testable import DedupeEvaluation
import Deduplication

@Suite struct EvaluationScoring {
    @Test func evaluationScoresLikeTheReferenceScorer() throws {
        let story = (1...6).map { "Harbour officials in Tallinn said on Monday that shipment \($0) of grain left the port after a week of delays caused by storms." }
            .joined(separator: "\n\n")
        let other = (1...6).map { "The museum in Porto opened gallery \($0) to visitors on Sunday, showing tiles and paintings restored over three years." }
            .joined(separator: "\n\n")
        func line(_ id: String, _ body: String, _ cluster: String, _ minute: Int) throws -> String {
            let obj: [String: Any] = [
                "id": id, "published_at": String(format: "1996-08-21T05:%02d:00Z", minute), "title": "x", "body": body,
                "truth": ["cluster": cluster, "edits": [], "depth": 1, "jaccard5": 1.0, "hn_groups": [], "hn_clusters": [],
                          "ambiguous_clusters": []] as [String: Any],
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dedupe-eval-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try [try line("a", story, "c1", 0), try line("b", other, "c2", 1), try line("c", story, "c1", 2)].joined(separator: "\n")
            .write(to: url, atomically: true, encoding: .utf8)
        let report = try DedupeEvaluation.evaluate(stream: url, options: DedupeOptions(), prepare: { _, body in body }, log: { _ in })
        #expect(report.articles == 3)
        #expect(report.copies == 1)
        #expect(report.truePositives == 1)
        #expect(report.falsePositives == 0)
        #expect(report.f1 == 1)
    }
}

@Suite struct DevelopmentStream {
    /// `../shared/data/dedup/dev.jsonl` relative to the repository root.
    static let devStream = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/dedup/dev.jsonl")

    /// Raw bodies (dateline and bylines left in) are the harder case; the normalize stage strips them.
    @Test func devStreamFigures() throws {
        #expect(FileManager.default.fileExists(atPath: Self.devStream.path), "missing \(Self.devStream.path)")
        let report = try DedupeEvaluation.evaluate(stream: Self.devStream, options: DedupeOptions(),
                                                   prepare: { _, body in body }, log: { _ in })
        #expect(report.articles == 3331)
        // Regression floors with a margin below the figures measured at the last change (F1 0.9956, precision
        // 1.000, on this same stream the defaults were tuned on): they catch a broken stage, not a small retune.
        #expect(report.f1 >= 0.99, "\(report)")
        #expect(report.precision >= 0.998, "\(report)")
        #expect(report.hardNegativeFalsePositives == 0, "\(report)")
    }
}
