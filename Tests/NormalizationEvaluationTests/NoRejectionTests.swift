import Foundation
import Normalization
import NormalizationEvaluation
import Testing
import TopicTraining

/// No development page and no AG News item is rejected: a document with text always gets text out.
@Suite struct NoRejectionTests {
    /// `../shared/data` relative to the repository root (Tests/<target>/<file> → root).
    static let data: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test func everyDevelopmentPageGivesText() throws {
        let dir = Self.data.appendingPathComponent("extraction")
        let truth = try ExtractionEvaluation.loadTruth(dir.appendingPathComponent("truth.jsonl"))
        #expect(truth.count == 300, "the development set has 300 pages; found \(truth.count) in \(dir.path)")
        let normalizer = Normalizer()
        var rejected: [String] = []
        for page in truth {
            let html = try ExtractionEvaluation.loadPage(dir.appendingPathComponent("pages"), id: page.id)
            do {
                let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
                if n.text.isEmpty { rejected.append("\(page.id): empty text") }
            } catch {
                rejected.append("\(page.id): \(error)")
            }
        }
        #expect(rejected.isEmpty, "rejected pages: \(rejected)")
    }

    @Test func everyAGNewsItemGivesText() throws {
        let csv = Self.data.appendingPathComponent("ag_news/train.csv")
        let rows = try TopicDataset.load(csv)
        #expect(rows.count > 5_000, "expected the AG News pool at \(csv.path)")
        let normalizer = Normalizer()
        var rejected: [String] = []
        for (i, row) in rows.enumerated() {
            do {
                let n = try normalizer.normalize(RawText(title: row.title, body: row.text, isHTML: false))
                if n.text.isEmpty { rejected.append("row \(i + 1): empty text") }
            } catch {
                rejected.append("row \(i + 1) (\(row.title)): \(error)")
            }
        }
        #expect(rejected.isEmpty, "rejected items: \(rejected.prefix(20))")
    }
}
