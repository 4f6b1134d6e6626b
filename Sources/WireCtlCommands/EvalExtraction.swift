import ArgumentParser
import Foundation
import Normalization
import NormalizationEvaluation

/// `wirectl eval extraction`: article-extraction figures on real pages with hand-cut article text.
struct EvalExtraction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Bag-of-words P/R/F1 of normalized.text against hand-cut article text (pages DIR/<id>.html, truth JSONL).",
        discussion: """
            Pages are normalized as HTML records without a title, as `wirectl process --stages normalize` does on \
            to_records.py's output; the figures match the development set's score_extraction.py. Rejected pages score 0.
            """)
    @Option(help: "Directory of <id>.html pages (e.g. ../shared/data/extraction/pages).") var pages: String
    @Option(help: "Truth JSONL: id, text, kind (e.g. ../shared/data/extraction/truth.jsonl); not needed with --explain.") var truth: String?
    @Option(help: "Also list this many lowest-scoring pages.") var worst = 0
    @Option(help: "Write one JSON line per page (id, kind, precision, recall, f1, …) to this file.") var perPage: String?
    @Option(help: "Explain the extraction of one page instead (its id): best candidates, their markup, the chosen blocks.") var explain: String?

    func run() async throws {
        if let explain {
            let file = URL(fileURLWithPath: pages).appendingPathComponent("\(explain).html")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw CommandFailure("cannot read \(file.path): is --pages the pages directory and \(explain) a page id?", code: 2)
            }
            print(ExtractionExplanation.explain(String(decoding: data, as: UTF8.self)))
            return
        }
        guard let truth else { throw CommandFailure("--truth FILE is required (the hand-cut article texts), unless --explain ID is given", code: 2) }
        let report: ExtractionEvaluation.Report
        do {
            report = try ExtractionEvaluation.evaluate(pages: URL(fileURLWithPath: pages), truth: URL(fileURLWithPath: truth))
        } catch {
            throw CommandFailure("\(error)", code: 2)
        }
        print(report)
        if worst > 0 { print(report.worst(worst)) }
        if let perPage {
            do { try report.perPageJSONL().write(toFile: perPage, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(perPage): \(error.localizedDescription)")
            }
        }
    }
}
