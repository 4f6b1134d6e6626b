import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WorkerRuntime
import WirestreamTestSupport

/// Stages added by deploying new workers, on the broker: the Swift `wire-stats` worker and a Python
/// script run by `wire-exec`.
@Suite("Added stages", .serialized)
struct AddedStagesTests {
    @Test("wire-stats and a Python stage through wire-exec, end to end")
    func statsAndExec() async throws {
        let broker = try await SharedBroker.instance.broker()
        let script = Tool.root.appendingPathComponent("scripts/stages/headline_case.py").path
        let pipeline = try TestPipeline(broker: broker) { p in
            """
                - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).normalized, group: \(p).stats }
                - name: headline
                  worker: wire-exec
                  input: \(p).normalized
                  output: \(p).enriched
                  group: \(p).headline
                  parameters: { command: [python3, "\(script)"], timeout_seconds: 10 }
            """
        }
        try await pipeline.createTopics()
        let stack = try pipeline.startWorkers(broker: broker)
        var corpus = ArticleCorpus(seed: 5)
        var records = (0..<30).map { corpus.article(index: $0) }
        records.append(ArticleRecord(id: "untitled", body: "A body without any title."))
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        _ = try await producer.sendBatch(records.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        producer.close()
        let out = try await pipeline.read(finalCount: 30, deadCount: 1, timeout: .seconds(90))
        let statuses = stack.stop()
        #expect(statuses.allSatisfy { $0.status == 0 }, "\(statuses)")
        #expect(out.final.count == 30)
        for m in out.final {
            let r = try ArticleCodec.decode(m.value)
            #expect(r.extra["reading"]?.objectValue?["words"]?.intValue ?? 0 > 50)
            #expect(r.extra["headline"]?.objectValue?["words"]?.intValue == 3)
            #expect(r.lineage.map(\.stage) == ["stats", "exec"])
        }
        #expect(out.dead.count == 1)
        #expect(out.dead.first?.headers.string(DeadLetter.errorHeader) == "no title to analyse")
    }
}
