import ArgumentParser
import ArticleSchema
import Foundation
import StageKit
import StandardStages
import SeededRandom

/// `wirectl bench`: throughput of the record codec and of each stage in-process, on a generated corpus.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the record codec and each stage in-process on generated ~2 KB articles.",
        discussion: "Build with -c release for meaningful figures. Prints a table, or one JSON object with --json.")

    @Option(help: "Articles in the generated corpus.") var articles = 2000
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func run() async throws {
        let corpus = BenchCorpus.records(count: articles)
        var results = JSONObject()
        var rows: [[String]] = [["MEASURE", "PER SECOND", "NOTE"]]

        // Codec: ours against Foundation's JSONEncoder/JSONDecoder on the same records.
        let encoded = corpus.map(ArticleCodec.encode)
        let bytes = encoded.reduce(0) { $0 + $1.count }
        let encodeRate = Self.rate(count: corpus.count) { for r in corpus { _ = ArticleCodec.encode(r) } }
        let decodeRate = Self.rate(count: corpus.count) { for e in encoded { _ = try? ArticleCodec.decode(e) } }
        let mirrors = encoded.compactMap { try? JSONDecoder().decode(FoundationArticle.self, from: Data($0)) }
        let foundationEncoded = mirrors.compactMap { try? JSONEncoder().encode($0) }
        let fEncodeRate = Self.rate(count: mirrors.count) { let e = JSONEncoder(); for m in mirrors { _ = try? e.encode(m) } }
        let fDecodeRate = Self.rate(count: foundationEncoded.count) { let d = JSONDecoder(); for e in foundationEncoded { _ = try? d.decode(FoundationArticle.self, from: e) } }
        results["codec"] = .object(["encode_per_s": .number(encodeRate.rounded()), "decode_per_s": .number(decodeRate.rounded()), "bytes_per_record": .number(Double(bytes / max(1, corpus.count)))])
        results["foundation_json"] = .object(["encode_per_s": .number(fEncodeRate.rounded()), "decode_per_s": .number(fDecodeRate.rounded())])
        rows.append(["codec.encode", String(format: "%.0f", encodeRate), String(format: "%.1fx Foundation", encodeRate / max(fEncodeRate, 1))])
        rows.append(["codec.decode", String(format: "%.0f", decodeRate), String(format: "%.1fx Foundation", decodeRate / max(fDecodeRate, 1))])
        rows.append(["foundation_json.encode", String(format: "%.0f", fEncodeRate), ""])
        rows.append(["foundation_json.decode", String(format: "%.0f", fDecodeRate), ""])

        // Stages, one after the other, single-threaded, each on the previous stage's output.
        var stages = JSONObject()
        var current = corpus
        for kind in StandardStages.kinds {
            var params = StageParameters()
            if kind == "dedupe" { params.values["in_memory"] = true }
            let stage = try StandardStages.make(kind: kind, parameters: params, context: nil)
            var next: [ArticleRecord] = []
            next.reserveCapacity(current.count)
            let start = ContinuousClock.now
            for r in current { next.append((try? await stage.process(r)) ?? r) }
            let seconds = Self.seconds(ContinuousClock.now - start)
            let perS = Double(current.count) / seconds
            let mbS = Double(bytes) / seconds / 1e6
            var entry: JSONObject = ["articles_per_s": .number(perS.rounded()), "mb_per_s": .number((mbS * 10).rounded() / 10)]
            var note = String(format: "%.1f MB/s", mbS)
            if kind == "entities" {
                let tokens = next.reduce(0) { $0 + ($1.normalized?.wordCount ?? 0) }
                let tps = Double(tokens) / seconds
                entry["tokens_per_s"] = .number(tps.rounded())
                note += String(format: ", %.0f tokens/s", tps)
            }
            stages[kind] = .object(entry)
            rows.append(["stages.\(kind)", String(format: "%.0f", perS), note])
            try await stage.shutdown()
            current = next
        }
        results["stages"] = .object(stages)
        results["corpus"] = .object(["articles": .number(Double(corpus.count)), "avg_bytes": .number(Double(bytes / max(1, corpus.count)))])
        if json {
            print(JSONWriter.string(.object(results)))
        } else {
            print("corpus: \(corpus.count) articles, \(bytes / max(1, corpus.count)) bytes each on average (single core)")
            print(StatusTable.table(rows))
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func rate(count: Int, repeats: Int = 3, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            body()
            best = min(best, seconds(ContinuousClock.now - start))
        }
        return Double(count) / max(best, 1e-9)
    }
}

/// The same record shape through Foundation's Codable, as the reference the codec is measured against.
struct FoundationArticle: Codable {
    var schema_version: Int?
    var id: String
    var source: String?
    var url: String?
    var title: String?
    var body: String?
    var content_type: String?
    var published_at: String?
    var received_at: String?
}

/// A deterministic corpus of ~2 KB wire articles built from a fixed vocabulary.
enum BenchCorpus {
    static func records(count: Int) -> [ArticleRecord] {
        let people = ["Donald Trump", "Xi Jinping", "Angela Merkel", "Emmanuel Macron", "Keir Starmer", "Vladimir Putin", "Narendra Modi"]
        let places = ["Beijing", "Washington", "Berlin", "Paris", "London", "Moscow", "New Delhi", "Tokyo", "Brazil", "Kenya"]
        let orgs = ["Reuters", "the United Nations", "the European Union", "Microsoft", "the World Bank", "NATO", "Toyota"]
        let verbs = ["said", "told reporters", "announced", "warned", "confirmed", "denied"]
        let topics = ["trade talks", "interest rates", "the election", "oil prices", "a new vaccine", "the championship final", "chip exports"]
        var rng = SplitMix64(seed: 42)
        var out: [ArticleRecord] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            var body = "\(places[rng.below(places.count)].uppercased()), Feb \(1 + rng.below(27)) (Reuters) - "
            while body.utf8.count < 2000 {
                let p = people[rng.below(people.count)], o = orgs[rng.below(orgs.count)], t = topics[rng.below(topics.count)]
                body += "\(p) \(verbs[rng.below(verbs.count)]) on Wednesday that \(o) would discuss \(t) in \(places[rng.below(places.count)]), "
                body += "where prices rose \(1 + rng.below(9)).\(rng.below(10)) percent to $\(10 + rng.below(90)) million. "
                if rng.below(4) == 0 { body += "\n\n" }
            }
            out.append(ArticleRecord(
                source: "bench", url: "https://example.com/\(i)", title: "\(people[rng.below(people.count)]) on \(topics[rng.below(topics.count)])",
                body: body, receivedAt: "2026-02-05T07:37:00Z"))
        }
        return out
    }
}
