import Foundation
import Testing
import WirestreamTestSupport

@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("validate: a bad file exits 2 with file, key path and suggestion; the repository's file passes")
    func validate() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try """
            kafka: { bootstrap: "localhost:9092" }
            topics: { articles.raw: {}, articles.normalized: {} }
            pipelines:
              wire:
                stages:
                  - { name: normalize, worker: wire-normalize, input: articles.raw, output: articles.normalised, instances: many }
            """.write(to: bad, atomically: true, encoding: .utf8)
        let r = try Tool.run("wirectl", ["validate", "--config", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(bad.path):6: pipelines.wire.stages[0].output: topic 'articles.normalised' is not declared under topics (did you mean 'articles.normalized'?)"))
        #expect(r.stderr.contains("pipelines.wire.stages[0].instances: expected an integer ≥ 1, got a string"))
        let good = try Tool.run("wirectl", ["validate"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("pipeline wire: articles.raw → articles.enriched"))
        let usage = try Tool.run("wirectl", ["tail", "--count", "lots"])
        #expect(usage.status == 2)
    }

    @Test("a worker with a bad configuration exits 2; with no broker it says so and exits 1")
    func workerErrors() throws {
        let missing = try Tool.run("wire-normalize", ["--config", "/nonexistent/pipelines.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("file not found"))
        let noBroker = try Tool.run("wirectl", ["topics", "create", "--bootstrap", "127.0.0.1:1"])
        #expect(noBroker.status == 1)
        #expect(noBroker.stderr.contains("cannot reach the Kafka broker at 127.0.0.1:1"))
    }

    @Test("process runs all four stages in-process over the sample feed")
    func process() throws {
        let r = try Tool.run("wirectl", ["process", "--input", "samples/feed/wire.jsonl"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 19)
        #expect(r.stderr.contains("samples/feed/wire.jsonl:20: missing required field 'body'"))
        let records = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        func dedupe(_ id: String) -> [String: Any]? { records.first { $0["id"] as? String == id }?["dedupe"] as? [String: Any] }
        #expect(dedupe("s07")?["status"] as? String == "duplicate")
        #expect(dedupe("s07")?["duplicate_of"] as? String == "s01")
        #expect(dedupe("s08")?["status"] as? String == "near_duplicate")
        #expect(dedupe("s08")?["duplicate_of"] as? String == "s03")
        #expect(dedupe("s16")?["duplicate_of"] as? String == "s06")
        #expect(dedupe("s10")?["status"] as? String == "unique")
        let french = records.first { $0["id"] as? String == "s13" }?["normalized"] as? [String: Any]
        #expect(french?["language"] as? String == "fr")

        // Stages can start from records that already carry earlier sections.
        let normalized = try Tool.run("wirectl", ["process", "--stages", "normalize", "--input", "samples/feed/wire.jsonl"])
        let entities = try Tool.run("wirectl", ["process", "--stages", "entities"], stdin: normalized.stdout)
        #expect(entities.status == 0)
        #expect(entities.stdout.split(separator: "\n").count == 19)
        #expect(entities.stdout.contains(#""canonical":"Christine Lagarde""#))
    }

    @Test("the seed article's final record has its people, places, date, a topic and a verdict")
    func seedArticle() throws {
        let seed = try String(contentsOf: Tool.shared.appendingPathComponent("samples/seed-article.txt"), encoding: .utf8)
        let line = String(decoding: try JSONSerialization.data(withJSONObject: ["source": "azernews", "body": seed]), as: UTF8.self)
        let r = try Tool.run("wirectl", ["process"], stdin: line + "\n")
        #expect(r.status == 0)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let normalized = try #require(record["normalized"] as? [String: Any])
        #expect(normalized["published_at"] as? String == "2026-02-05T07:37:00Z")
        #expect(normalized["byline"] as? String == "Nazrin Abdul")
        let entities = try #require(record["entities"] as? [[String: Any]])
        let names = Set(entities.map { "\($0["type"] ?? "")|\($0["canonical"] ?? "")" })
        for person in ["Xi Jinping", "Donald Trump", "Vladimir Putin", "Keir Starmer"] { #expect(names.contains("PERSON|\(person)"), "\(person)") }
        for place in ["China", "Taiwan", "Russia", "Ukraine", "Iran"] { #expect(names.contains("LOCATION|\(place)"), "\(place)") }
        #expect(names.contains("LOCATION|US") || names.contains("LOCATION|United States"))
        #expect((record["topics"] as? [[String: Any]])?.first?["label"] as? String == "World")
        #expect((record["dedupe"] as? [String: Any])?["status"] as? String == "unique")
    }

    @Test("eval entities prints F1 ≥ 0.90 on CoNLL-2003 valid.txt")
    func evalEntities() throws {
        let valid = Tool.shared.appendingPathComponent("data/conll2003/valid.txt").path
        let r = try Tool.run("wirectl", ["eval", "entities", "--conll", valid])
        print(r.stdout)
        #expect(r.status == 0, "\(r.stderr)")
        // summary lines "precision: …; recall: …; FB1: 92.57": the text path first, then the gold tokens ("accuracy: …; ")
        let summaries = r.stdout.split(separator: "\n").filter { $0.hasPrefix("precision:") || $0.hasPrefix("accuracy:") }
        #expect(summaries.count == 2 && summaries.last?.hasPrefix("accuracy:") == true, "\(r.stdout)")
        for summary in summaries {
            let f1 = try #require(summary.components(separatedBy: "FB1:").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) })
            #expect(f1 >= 90, "\(summary)")
        }
    }
}
