import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WirestreamTestSupport
import WorkerRuntime

/// Hostile or broken records through a running `wire-normalize` worker. Each case is sent between two valid
/// articles under one key (one partition, in order): the bad record must end in the dead-letter topic with a
/// `wirestream-error` reason (or be processed when it is readable), the valid record after it must arrive,
/// and the worker must keep running. (EndToEndTests covers plain invalid JSON, a JSON array, missing and
/// mistyped fields, `schema_version` 9 in the body and a whitespace body; OversizedRecordTests covers a
/// record that outgrows the limit after enrichment.)
@Suite("Bad input", .serialized)
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var value: @Sendable () -> [UInt8]
        var headers: [KafkaHeader] = []
        /// nil: the record must be processed (arrive enriched); otherwise the dead-letter reason must contain it.
        var reason: String?
        /// For a processed record: what its output must satisfy.
        var output: (@Sendable (ArticleRecord) -> Bool)? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Repaired, not refused: the reader replaces invalid bytes in strings with U+FFFD.
        Case(name: "invalid UTF-8 inside a JSON string", value: {
            Array(#"{"id":"u1","title":"bad "#.utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(#"","body":"text"}"#.utf8)
        }, reason: nil, output: { $0.title?.contains("\u{FFFD}") == true }),
        Case(name: "invalid UTF-8 as the whole value", value: { [0xFF, 0xFE, 0xFD, 0x80, 0x81] }, reason: "not a JSON record"),
        Case(name: "empty body string", value: { Array(#"{"id":"e1","title":"Empty","body":""}"#.utf8) }, reason: "normalization failed"),
        Case(name: "an empty object", value: { Array("{}".utf8) }, reason: "missing required field 'body'"),
        Case(name: "body null", value: { Array(#"{"id":"n1","body":null}"#.utf8) }, reason: "field 'body'"),
        Case(name: "schema version 99 in the header", value: { Array(#"{"id":"v99","body":"Some text here."}"#.utf8) },
             headers: [KafkaHeader(key: ArticleCodec.schemaVersionHeader, string: "99")], reason: "schema version 99 is newer"),
        Case(name: "100,000 nested '[' (deep JSON)", value: {
            Array(#"{"id":"deep","body":"x","extra":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        }, reason: "nesting deeper than"),
        Case(name: "100,000 nested <div> (deep HTML)", value: {
            let html = String(repeating: "<div>", count: 100_000) + "<p>Deep text at the bottom of the page.</p>"
            return ArticleCodec.encode(ArticleRecord(id: "deep-html", source: "t", title: "Deep", body: html, contentType: .html))
        }, reason: nil),
        Case(name: "malformed HTML (unclosed tags, stray closers, broken entities and comments)", value: {
            let html = "<html><head><title>Broken</title><body><div><p>LONDON (Test Wire) - The council <b>approved <i>the plan</p></b> on Tuesday &amp &#xZZ; &#99999999;"
                + "</td></tr></table><!-- never closed <script>alert(1)</script <p>Second paragraph with more words about the plan.</div></span>"
            return ArticleCodec.encode(ArticleRecord(id: "bad-html", source: "t", title: "Broken", body: html, contentType: .html))
        }, reason: nil),
        Case(name: "a 10 MB body", value: {
            var corpus = ArticleCorpus(seed: 5)
            var body = ""
            while body.utf8.count < 10_000_000 { body += corpus.word() + (corpus.next(12) == 0 ? ".\n\n" : " ") }
            return ArticleCodec.encode(ArticleRecord(id: "ten-mb", source: "t", title: "Huge", body: body))
        }, reason: "larger than the message size limit"),
    ]

    @Test("the bad record is dead-lettered with its reason (or processed), and the next valid record arrives", arguments: cases)
    func badRecord(_ bad: Case) async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try TestPipeline(broker: broker) { p in
            """
                - { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).enriched, group: \(p).normalize }
            """
        }
        try await pipeline.createTopics()
        let stack = try pipeline.startWorkers(broker: broker)
        defer { stack.stop() }
        var corpus = ArticleCorpus(seed: 9)
        let before = corpus.shortArticle(index: 1), after = corpus.shortArticle(index: 2)
        var producerKafka = pipeline.kafka
        producerKafka.properties["message.max.bytes"] = "20000000"  // let the test's producer send the 10 MB record
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: producerKafka), logger: pipeline.logger)
        let key = "same-key"  // one partition, in order: the valid record after the bad one proves the stream goes on
        _ = try await producer.send(KafkaProducerRecord(topic: pipeline.raw, key: key, value: ArticleCodec.encode(before)))
        _ = try await producer.send(KafkaProducerRecord(topic: pipeline.raw, key: key, value: bad.value(), headers: bad.headers))
        _ = try await producer.send(KafkaProducerRecord(topic: pipeline.raw, key: key, value: ArticleCodec.encode(after)))
        producer.close()

        let out = try await pipeline.read(finalCount: bad.reason == nil ? 3 : 2, deadCount: bad.reason == nil ? 0 : 1, timeout: .seconds(90))
        #expect(stack.exited.isEmpty, "the worker stopped: \(stack.exited)\n\(pipeline.logTail())")
        let ids = try out.final.map { try ArticleCodec.decode($0.value).id }
        #expect(ids.contains(after.id), "the valid record after the bad one did not arrive; got \(ids)\n\(pipeline.logTail())")
        #expect(ids.contains(before.id))
        if let reason = bad.reason {
            #expect(out.dead.count == 1)
            let header = out.dead.first?.headers.string(DeadLetter.errorHeader) ?? "(none)"
            #expect(header.contains(reason), "reason header: \(header)")
            #expect(out.dead.first?.headers.string(DeadLetter.stageHeader) == "normalize")
            if let size = out.dead.first?.headers.string(DeadLetter.truncatedHeader) {
                // Too large for the dead-letter topic as well: the first bytes, the original size, the source position.
                #expect(Int(size) == bad.value().count)
                #expect((out.dead.first?.value.count ?? .max) < 1_000_000)
                #expect(out.dead.first?.headers.string(DeadLetter.sourceOffsetHeader) != nil)
            }
            #expect(bad.name != "a 10 MB body" || out.dead.first?.headers.string(DeadLetter.truncatedHeader) != nil)
            print("bad input: \(bad.name) → dead letter: \(header.prefix(200))")
        } else {
            #expect(out.dead.isEmpty, "dead letters: \(out.dead.map { $0.headers.string(DeadLetter.errorHeader) ?? "" })")
            #expect(ids.count == 3)
            if let check = bad.output {
                let processed = try out.final.map { try ArticleCodec.decode($0.value) }.filter { $0.id != before.id && $0.id != after.id }
                #expect(processed.count == 1 && processed.allSatisfy(check), "output not as expected: \(processed.map { ArticleCodec.encodeString($0).prefix(300) })")
            }
            print("bad input: \(bad.name) → processed")
        }
        #expect(stack.stop().allSatisfy { $0.status == 0 })
    }
}
