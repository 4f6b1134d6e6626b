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

    /// The text path on valid (the entities stage as deployed): at least the gold-token figure.
    @Test func shippedModelTextPathOnValid() throws {
        let recognizer = try EntityRecognizer.bundled()
        let text = try TextPathEvaluation.evaluate(conll: SharedData.validConll, recognizer: recognizer)
        let tokens = try EntityEvaluation.evaluate(conll: SharedData.validConll, recognizer: recognizer)
        print(text)
        #expect(text.documents == 181)
        #expect(text.overall.gold == 5942)
        // Measured 0.9257 (0.9069 before the text-path work); see Sources/EntityExtraction/MODEL.md.
        #expect(text.f1 >= 0.92)
        #expect(text.f1 >= tokens.f1)
    }

    @Test func textPathDocumentsAndOffsets() throws {
        // one token a line, a blank line after each sentence; the second sentence of each document is its dateline
        let sentences = [
            ["SOCCER O", "- O", "LEEDS B-ORG", "WIN O", ". O"], ["LONDON B-LOC", "1996-08-30 O"], ["Jan B-PER", "Kowalski I-PER", "scored O", ". O"],
            ["RUGBY O", "- O", "SALE B-ORG", "LOSE O", ". O"], ["PARIS B-LOC", "1996-08-31 O"],
        ]
        let conll = sentences.map { $0.joined(separator: "\n") + "\n\n" }.joined()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpath-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try conll.write(to: url, atomically: true, encoding: .utf8)
        let docs = TextPathEvaluation.documents(try CoNLLReader.read(url))
        #expect(docs.count == 2)
        #expect(docs[0].text == "SOCCER - LEEDS WIN .\nLONDON 1996-08-30\nJan Kowalski scored .\n")
        #expect(docs[1].text == "RUGBY - SALE LOSE .\nPARIS 1996-08-31\n")
        // LEEDS at 9..<14 (ORG = type 2), LONDON at 21..<27 (LOC = type 1), Jan Kowalski at 39..<51 (PER = type 0)
        #expect(docs[0].gold.map { [$0.type, $0.start, $0.end] } == [[2, 9, 14], [1, 21, 27], [0, 39, 51]])
        // a recognizer that finds Jan Kowalski right and LONDON as an organization
        let report = TextPathEvaluation.evaluate(docs) { doc in
            doc.text.hasPrefix("SOCCER")
                ? [RecognizedEntity(text: "Jan Kowalski", type: .person, canonical: "Jan Kowalski", mentions: [EntityMention(start: 39, end: 51)]),
                   RecognizedEntity(text: "LONDON", type: .organization, canonical: "LONDON", mentions: [EntityMention(start: 21, end: 27)])]
                : []
        }
        #expect(report.overall.gold == 5)
        #expect(report.overall.predicted == 2)
        #expect(report.overall.correct == 1)
    }
}
