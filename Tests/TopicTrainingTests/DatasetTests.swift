import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining

@Suite struct DatasetTests {
    @Test func csvHandlesQuotesCommasNewlinesAndCRLF() throws {
        let csv = "label,title,description\r\nWorld,\"Talks, again\",\"He said \"\"no\"\"\nthen left\"\r\nSports,Win,Easy win\r\n"
        let rows = try TopicDataset.parseCSV(csv)
        #expect(rows == [
            LabeledText(label: "World", title: "Talks, again", text: "He said \"no\"\nthen left"),
            LabeledText(label: "Sports", title: "Win", text: "Easy win"),
        ])
    }

    @Test func csvColumnsAreFoundByHeaderName() throws {
        let rows = try TopicDataset.parseCSV("title,text,label\nA,B,Business\n")
        #expect(rows == [LabeledText(label: "Business", title: "A", text: "B")])
    }

    @Test func csvErrorsCarryLineNumbers() {
        #expect(throws: TopicDatasetError.fieldCount(line: 3, expected: 3, found: 2)) {
            try TopicDataset.parseCSV("label,title,description\nWorld,a,b\nWorld,a\n")
        }
        #expect(throws: TopicDatasetError.unterminatedQuote(line: 2)) {
            try TopicDataset.parseCSV("label,title,description\nWorld,\"a,b\nc\n")
        }
        #expect(throws: TopicDatasetError.emptyLabel(line: 2)) {
            try TopicDataset.parseCSV("label,title,description\n,a,b\n")
        }
        #expect(throws: TopicDatasetError.missingColumns(found: ["a", "b"])) {
            try TopicDataset.parseCSV("a,b\n1,2\n")
        }
    }

    @Test func jsonlLoadsAndReportsBadLines() throws {
        let rows = try TopicDataset.parseJSONL("{\"label\":\"World\",\"title\":\"T\",\"text\":\"X\"}\n\n{\"label\":\"Sports\",\"text\":\"Y\"}\n")
        #expect(rows == [LabeledText(label: "World", title: "T", text: "X"), LabeledText(label: "Sports", title: "", text: "Y")])
        #expect(throws: TopicDatasetError.badJSON(line: 2, reason: "invalid JSON")) {
            try TopicDataset.parseJSONL("{\"label\":\"World\",\"text\":\"X\"}\n{oops\n")
        }
        #expect(throws: TopicDatasetError.badJSON(line: 1, reason: "missing string field \"label\"")) {
            try TopicDataset.parseJSONL("{\"text\":\"X\"}\n")
        }
    }

    @Test func loadPicksFormatFromContent() throws {
        let dir = FileManager.default.temporaryDirectory
        let jsonl = dir.appendingPathComponent("ds-\(UUID().uuidString).jsonl")
        let csv = dir.appendingPathComponent("ds-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: jsonl); try? FileManager.default.removeItem(at: csv) }
        try Data("{\"label\":\"World\",\"title\":\"T\",\"text\":\"X\"}\n".utf8).write(to: jsonl)
        try Data("label,title,description\nWorld,T,X\n".utf8).write(to: csv)
        #expect(try TopicDataset.load(jsonl) == TopicDataset.load(csv))
        #expect(throws: TopicDatasetError.self) { try TopicDataset.load(dir.appendingPathComponent("missing.csv")) }
    }

    @Test func severalFilesLoadInOrderAndErrorsNameTheFile() throws {
        let dir = FileManager.default.temporaryDirectory
        let a = dir.appendingPathComponent("ds-\(UUID().uuidString).csv")
        let b = dir.appendingPathComponent("ds-\(UUID().uuidString).jsonl")
        let bad = dir.appendingPathComponent("ds-\(UUID().uuidString).csv")
        defer { for f in [a, b, bad] { try? FileManager.default.removeItem(at: f) } }
        try Data("label,title,description\nWorld,T1,X1\nSports,T2,X2\n".utf8).write(to: a)
        try Data("{\"label\":\"Business\",\"title\":\"T3\",\"text\":\"X3\"}\n".utf8).write(to: b)
        try Data("label,title,description\nWorld,a\n".utf8).write(to: bad)
        #expect(try TopicDataset.load([a, b]).map(\.title) == ["T1", "T2", "T3"])
        #expect(throws: TopicDatasetError.inFile(path: bad.path, reason: "line 2: expected 3 fields, found 2")) {
            try TopicDataset.load([a, bad])
        }
        #expect(throws: TopicDatasetError.empty) { try TopicDataset.load([URL]()) }
    }

    @Test func hyperParametersAreSetByName() throws {
        var options = TopicTrainingOptions()
        try options.set("cost=0.5")
        try options.set("blockScale=1, 0.3, 1")
        try options.set("titleBlock=false")
        #expect(options.cost == 0.5)
        #expect(options.blockScale == [1, 0.3, 1])
        #expect(!options.titleBlock)
        #expect(throws: TopicOptionError.self) { try options.set("costt=0.5") }
        #expect(throws: TopicOptionError.self) { try options.set("cost") }
        #expect(throws: TopicOptionError.self) { try options.set("bucketBits=40") }
        #expect(throws: TopicOptionError.self) { try options.set("blockScale=1,2") }
    }

    @Test func stratifiedSplitIsDeterministicAndBalanced() {
        var rows: [LabeledText] = []
        for i in 0..<100 { rows.append(LabeledText(label: i % 4 == 0 ? "A" : "B", title: "\(i)", text: "")) }
        let a = TopicTraining.stratifiedSplit(rows, holdoutFraction: 0.2, seed: 7)
        let b = TopicTraining.stratifiedSplit(rows, holdoutFraction: 0.2, seed: 7)
        let c = TopicTraining.stratifiedSplit(rows, holdoutFraction: 0.2, seed: 8)
        #expect(a.holdout == b.holdout)
        #expect(a.holdout != c.holdout)
        #expect(a.holdout.filter { $0.label == "A" }.count == 5)
        #expect(a.holdout.filter { $0.label == "B" }.count == 15)
        #expect(a.train.count + a.holdout.count == rows.count)
        #expect(Set(a.train.map(\.title)).isDisjoint(with: a.holdout.map(\.title)))
    }
}
