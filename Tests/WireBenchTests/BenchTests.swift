import Foundation
import Testing
import WirestreamTestSupport

@Suite("Benchmark, short mode")
struct BenchTests {
    @Test("wirectl bench --json prints codec, reference and per-stage figures")
    func benchJSON() throws {
        // Short mode: a small corpus, and a small end-to-end run through the local broker and the four workers.
        let r = try Tool.run("wirectl", ["bench", "--articles", "200", "--repeats", "1", "--json", "--end-to-end-articles", "200", "--rate", "20",
                                         "--latency-seconds", "2", "--dedupe-retention-minutes", "60", "--concurrency", "2"])
        print(r.stdout)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let codec = try #require(object["codec"] as? [String: Any])
        let reference = try #require(object["foundation_json"] as? [String: Any])
        let stages = try #require(object["stages"] as? [String: Any])
        for key in ["encode_per_s", "decode_per_s"] {
            #expect((codec[key] as? Double ?? 0) > 0)
            #expect((reference[key] as? Double ?? 0) > 0)
        }
        for stage in ["normalize", "entities", "classify", "dedupe"] {
            #expect(((stages[stage] as? [String: Any])?["articles_per_s"] as? Double ?? 0) > 0, "\(stage)")
        }
        #expect(((stages["entities"] as? [String: Any])?["tokens_per_s"] as? Double ?? 0) > 0)
        let enriched = try #require(object["codec_enriched"] as? [String: Any])
        #expect((enriched["decode_per_s"] as? Double ?? 0) > 0)
        // Foundation's mirror of the whole record reads every enriched record (so the comparison is like for like).
        #expect(((object["foundation_json_enriched"] as? [String: Any])?["records"] as? Double) == 200)
        let e2e = try #require(object["end_to_end"] as? [String: Any])
        for key in ["articles_per_s", "p50_ms", "p99_ms"] { #expect((e2e[key] as? Double ?? 0) > 0, "\(key)") }
        #expect((e2e["p99_ms"] as? Double ?? 0) >= (e2e["p50_ms"] as? Double ?? 0))
        let memory = try #require(e2e["worker_rss_mb"] as? [String: Any])
        #expect(Set(memory.keys) == ["normalize", "entities", "classify", "dedupe"])
    }

    @Test("wirectl bench --corpus measures on a JSONL file of records; a bad line is reported with its number")
    func benchCorpusFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = (0..<30).map { i in
            #"{"id": "c\#(i)", "title": "Story \#(i)", "body": "LONDON (Reuters) - Story number \#(i) about the markets and the weather, said officials on Tuesday."}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try Tool.run("wirectl", ["bench", "--corpus", file.path, "--no-end-to-end", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(((object["corpus"] as? [String: Any])?["articles"] as? Double) == 30)
        #expect((((object["stages"] as? [String: Any])?["dedupe"] as? [String: Any])?["articles_per_s"] as? Double ?? 0) > 0)

        try (lines[0] + "\n{not json\n").write(to: file, atomically: true, encoding: .utf8)
        let bad = try Tool.run("wirectl", ["bench", "--corpus", file.path, "--no-end-to-end"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(file.path):2: not an article record"), "\(bad.stderr)")
    }
}
