import Foundation
import Testing
@testable import TopicClassification

@Suite struct BundledModelTests {
    @Test func bundledModelHasTheAGNewsLabels() throws {
        let classifier = try TopicClassifier.bundled()
        #expect(Set(classifier.labels) == ["World", "Sports", "Business", "Sci/Tech"])
    }

    @Test func scoresAreCalibratedProbabilitiesBestFirst() throws {
        let scores = try TopicClassifier.bundled().classify(
            title: "Striker scores twice as United beat Chelsea",
            text: "The forward netted two goals in the second half of the Premier League match on Saturday.")
        #expect(scores.count == 4)
        #expect(scores.first?.label == "Sports")
        #expect(abs(scores.reduce(0) { $0 + $1.score } - 1) < 1e-4)
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(scores.allSatisfy { $0.score >= 0 && $0.score <= 1 })
    }

    @Test(arguments: [
        ("Stocks fall as oil prices climb", "Shares slid on Wall Street after crude futures rose and the dollar weakened against the euro.", "Business"),
        ("New chip doubles battery life of laptops", "The processor, unveiled by the software and hardware maker, uses less power and supports wireless networking.", "Sci/Tech"),
        ("Rebels attack convoy near capital", "Gunmen killed six soldiers in an ambush, the defence ministry said, as peace talks with the government stalled.", "World"),
        ("Champion advances at Open", "The top seed won in straight sets to reach the semifinals of the tennis tournament.", "Sports"),
    ])
    func obviousArticlesGetTheirTopic(title: String, text: String, label: String) throws {
        #expect(try TopicClassifier.bundled().classify(title: title, text: text).first?.label == label)
    }

    @Test func emptyInputStillYieldsADistribution() throws {
        let scores = try TopicClassifier.bundled().classify(title: "", text: "")
        #expect(scores.count == 4)
        #expect(abs(scores.reduce(0) { $0 + $1.score } - 1) < 1e-4)
    }

    @Test func modelFileRoundTripsExactly() throws {
        let classifier = try TopicClassifier.bundled()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("topic-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.encode(classifier.parameters).write(to: url)
        let reloaded = try TopicClassifier(modelAt: url)
        let a = classifier.classify(title: "Oil hits record", text: "Crude prices rose to a record on supply fears.")
        let b = reloaded.classify(title: "Oil hits record", text: "Crude prices rose to a record on supply fears.")
        #expect(a == b)
    }

    @Test func corruptModelFilesAreRejected() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).wtc")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("WTCMgarbage".utf8).write(to: url)
        #expect(throws: TopicModelError.self) { try TopicClassifier(modelAt: url) }
        #expect(throws: TopicModelError.self) {
            try TopicClassifier(modelAt: URL(fileURLWithPath: "/nonexistent/model.wtc"))
        }
    }
}
