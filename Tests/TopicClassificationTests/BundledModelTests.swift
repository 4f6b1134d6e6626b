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

    @Test func concurrentClassificationMatchesSequential() async throws {
        let classifier = try TopicClassifier.bundled()
        let inputs = (0..<64).map { i in
            ("Item \(i): shares rise", String(repeating: "Quarterly profit beat forecasts and the stock climbed. ", count: 1 + i % 7))
        }
        let expected = inputs.map { classifier.classify(title: $0.0, text: $0.1) }
        let results = await withTaskGroup(of: (Int, [TopicScore]).self) { group in
            for (i, input) in inputs.enumerated() {
                group.addTask { (i, classifier.classify(title: input.0, text: input.1)) }
            }
            var out = [[TopicScore]](repeating: [], count: inputs.count)
            for await (i, r) in group { out[i] = r }
            return out
        }
        #expect(results == expected)
    }

    @Test func wireMarkupAndEntitiesDoNotChangeTheTopic() throws {
        let c = try TopicClassifier.bundled()
        let plain = c.classify(title: "Microsoft's new server software", text: "Microsoft's database software now runs on Linux servers.")
        let damaged = c.classify(title: "Microsoft #39;s new server software",
                                 text: "&lt;b&gt;Microsoft #39;s&lt;/b&gt; database software now runs on Linux\\servers.")
        #expect(plain.first?.label == damaged.first?.label)
        #expect(abs((plain.first?.score ?? 0) - (damaged.first?.score ?? 1)) < 0.05)
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
