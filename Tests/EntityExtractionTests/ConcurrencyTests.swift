import Foundation
import Testing
@testable import EntityExtraction

/// The shared recognizer hands each thread its own word cache: concurrent calls give the sequential results.
@Suite struct ConcurrencyTests {
    @Test func concurrentRecognizeMatchesSequential() async throws {
        let recognizer = try EntityRecognizer.bundled()
        let texts = OutputRegressionPins.wireArticles(count: 24) + OutputRegressionPins.unicodeTexts
        let expected = texts.map { recognizer.recognize($0) }
        let results = await withTaskGroup(of: (Int, [RecognizedEntity]).self) { group in
            for round in 0..<4 {
                for (i, text) in texts.enumerated() {
                    group.addTask { ((round * texts.count) + i, recognizer.recognize(text)) }
                }
            }
            var out: [(Int, [RecognizedEntity])] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == texts.count * 4)
        for (k, entities) in results { #expect(entities == expected[k % texts.count]) }
    }
}
