import Foundation
import Testing
@testable import EntityExtraction
@testable import EntityTraining

@Suite struct EvaluationTests {
    /// The shipped model's score on the CoNLL-2003 development set (exact-match spans).
    @Test func shippedModelF1OnValid() throws {
        let report = try EntityEvaluation.evaluate(conll: SharedData.validConll, recognizer: EntityRecognizer.bundled())
        print(report)
        #expect(report.overall.gold == 5942)
        // Measured 0.9201 (0.9116 before the pretrained word clusters); see Sources/EntityExtraction/MODEL.md.
        #expect(report.f1 >= 0.919)
        for score in report.perType { #expect(score.f1 >= 0.87, "\(score.label) F1 \(score.f1)") }
    }

    @Test func scoresExactSpans() throws {
        let conll = """
        John B-PER
        Smith I-PER
        visited O
        New B-LOC
        York I-LOC
        . O

        """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try conll.write(to: url, atomically: true, encoding: .utf8)
        let sentences = try CoNLLReader.read(url)
        // a tagger that finds only "Smith" as PER and "New York" as LOC
        let report = EntityEvaluation.evaluate(sentences) { _ in [0, TagScheme.tag(type: 0, part: 3), 0, TagScheme.tag(type: 1, part: 0), TagScheme.tag(type: 1, part: 2), 0] }
        #expect(report.overall.gold == 2)
        #expect(report.overall.predicted == 2)
        #expect(report.overall.correct == 1)
        #expect(abs(report.f1 - 0.5) < 1e-9)
        #expect(report.description.contains("FB1"))
    }
}
