import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Logging
import PipelineConfig
import Testing
import WireCtlCommands
import WirestreamTestSupport
import WorkerRuntime

/// The four worker executables as separate processes against the real broker.
@Suite("End to end", .serialized)
struct EndToEndTests {
    @Test("200 articles with duplicates and malformed records through four worker processes")
    func twoHundredArticles() async throws {
        let broker = try await SharedBroker.instance.broker()
        let run = try TestPipeline(broker: broker)
        try await run.createTopics()
        let stack = try run.startWorkers(broker: broker)

        // 170 distinct articles, 12 exact copies, 8 near copies, 10 malformed records.
        var corpus = ArticleCorpus(seed: 7)
        var valid: [ArticleRecord] = (0..<170).map { corpus.article(index: $0) }
        var exactCopies: [(copy: String, of: String)] = []
        var nearCopies: [(copy: String, of: String)] = []
        for i in 0..<12 {
            let original = valid[i * 3]
            let copy = ArticleRecord(id: "copy-\(i)", source: "partner-wire", url: nil, title: original.title,
                                     body: original.body!.replacingOccurrences(of: "\n\n", with: "\r\n\r\n"), receivedAt: original.receivedAt)
            exactCopies.append((copy.id, original.id))
            valid.append(copy)
        }
        for i in 0..<8 {
            let original = valid[100 + i]
            let copy = ArticleRecord(id: "update-\(i)", source: original.source, title: "UPDATE 1-" + (original.title ?? ""),
                                     body: original.body! + "\n\n" + corpus.paragraph(), receivedAt: original.receivedAt)
            nearCopies.append((copy.id, original.id))
            valid.append(copy)
        }
        let malformed: [(value: String, reason: String)] = [
            ("{not json", "not a JSON record"),
            ("", "not a JSON record"),
            ("[1,2,3]", "expected a JSON object, got array"),
            (#"{"id":"m1","title":"no body"}"#, "missing required field 'body'"),
            (#"{"id":"m2","body":17}"#, "field 'body': expected a string, got number"),
            (#"{"id":"m3","body":"x","content_type":"application/pdf"}"#, "field 'content_type'"),
            (#"{"id":"m4","schema_version":9,"body":"from the future"}"#, "schema version 9 is newer"),
            (#"{"id":"m5","body":"x","entities":"nope"}"#, "field 'entities': expected an array"),
            (#"{"id":"m6","body":"   \n  "}"#, "normalization failed"),
            (#"{"id":"m7","body":"x","published_at":12}"#, "field 'published_at': expected a string"),
        ]
        var records: [KafkaProducerRecord] = valid.map {
            KafkaProducerRecord(topic: run.raw, key: $0.id, value: ArticleCodec.encode($0),
                                headers: ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) })
        }
        for (i, m) in malformed.enumerated() {
            records.insert(KafkaProducerRecord(topic: run.raw, key: "bad-\(i)", value: Array(m.value.utf8)), at: 20 + i * 15)
        }
        #expect(records.count == 200)

        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: run.kafka), logger: run.logger)
        let started = ContinuousClock.now
        let results = try await producer.sendBatch(records)
        producer.close()
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })

        let arrived = try await run.read(finalCount: valid.count, deadCount: malformed.count, timeout: .seconds(150))
        let elapsed = ContinuousClock.now - started
        print("end to end: \(arrived.final.count) enriched + \(arrived.dead.count) dead-lettered of \(records.count) in \(elapsed)")

        let statuses = stack.stop()
        #expect(statuses.allSatisfy { $0.status == 0 }, "workers exited with \(statuses)")
        if arrived.final.count < valid.count || arrived.dead.count < malformed.count {
            print(run.logTail())
        }

        // Every valid article arrives enriched by all four stages.
        var byID: [String: ArticleRecord] = [:]
        for m in arrived.final {
            let r = try ArticleCodec.decode(m.value)
            byID[r.id] = r
        }
        #expect(Set(byID.keys) == Set(valid.map(\.id)))
        for r in byID.values {
            #expect(r.normalized?.text.isEmpty == false)
            #expect(r.entities != nil)
            #expect(r.topics?.isEmpty == false)
            #expect(r.dedupe != nil)
            #expect(r.lineage.map(\.stage) == ["normalize", "entities", "classify", "dedupe"])
        }
        // Each malformed record is in the dead-letter topic with its reason.
        let reasons = arrived.dead.map { ($0.headers.string(DeadLetter.errorHeader) ?? "", $0.headers.string(DeadLetter.stageHeader) ?? "", $0.value) }
        for m in malformed {
            #expect(reasons.contains { $0.0.contains(m.reason) && $0.2 == Array(m.value.utf8) }, "no dead letter for \(m.value) with '\(m.reason)'; got \(reasons.map(\.0))")
        }
        #expect(reasons.allSatisfy { $0.1 == "normalize" })
        // Duplicates are flagged: of each pair exactly one points at the other.
        for (pairs, status) in [(exactCopies, "duplicate"), (nearCopies, "near_duplicate")] {
            for (copy, original) in pairs {
                let a = byID[copy]?.dedupe, b = byID[original]?.dedupe
                let flagged = (a?.duplicateOf == original && a?.status == status) || (b?.duplicateOf == copy && b?.status == status)
                #expect(flagged, "\(copy) / \(original): \(String(describing: a)) / \(String(describing: b))")
            }
        }
        let flagged = byID.values.filter { $0.dedupe?.status != "unique" }.count
        #expect(flagged == exactCopies.count + nearCopies.count)
    }
}


@Suite("Oversized records", .serialized)
struct OversizedRecordTests {
    @Test("a record that outgrows the message size limit after enrichment goes to the dead-letter topic; the stream goes on")
    func outgrowsLimit() async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try TestPipeline(broker: broker) { p in
            """
                - { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).enriched, group: \(p).normalize }
            """
        }
        try await pipeline.createTopics()
        let stack = try pipeline.startWorkers(broker: broker)
        var corpus = ArticleCorpus(seed: 3)
        var big = ""
        while big.utf8.count < 600_000 { big += corpus.paragraph() + "\n\n" }
        let records = [corpus.article(index: 0), ArticleRecord(id: "big", source: "test", title: "Big", body: big), corpus.article(index: 2)]
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        for r in records { _ = try await producer.send(KafkaProducerRecord(topic: pipeline.raw, key: r.id, value: ArticleCodec.encode(r))) }
        producer.close()
        let out = try await pipeline.read(finalCount: 2, deadCount: 1, timeout: .seconds(60))
        #expect(stack.stop().allSatisfy { $0.status == 0 })
        #expect(Set(try out.final.map { try ArticleCodec.decode($0.value).id }) == ["art-0", "art-2"])
        #expect(out.dead.count == 1)
        #expect(out.dead.first?.keyString == "big")
        #expect(out.dead.first?.headers.string(DeadLetter.errorHeader)?.contains("larger than the message size limit") == true)
    }
}
