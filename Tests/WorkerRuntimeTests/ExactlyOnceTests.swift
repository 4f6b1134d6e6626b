import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WirestreamTestSupport

/// `delivery: exactly_once` on the broker: each batch's outputs and input offsets go in one transaction.
/// Tansu commits transactions and their offsets atomically but does not hide aborted records from
/// `read_committed` readers, so this checks the transactional path end to end, not isolation.
@Suite("Exactly once", .serialized)
struct ExactlyOnceTests {
    @Test("a stage in exactly_once mode delivers every record and commits its offsets in the transaction")
    func transactional() async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try TestPipeline(broker: broker) { p in
            """
                - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).enriched, group: \(p).stats, delivery: exactly_once }
            """
        }
        try await pipeline.createTopics()
        let stack = try pipeline.startWorkers(broker: broker)
        var corpus = ArticleCorpus(seed: 31)
        let records = (0..<40).map { corpus.article(index: $0) }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        _ = try await producer.sendBatch(records.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        producer.close()
        let out = try await pipeline.read(finalCount: records.count, deadCount: 0, timeout: .seconds(90))
        let statuses = stack.stop()
        if out.final.count < records.count { print(pipeline.logTail()) }
        #expect(statuses.allSatisfy { $0.status == 0 }, "\(statuses)")
        #expect(Set(try out.final.map { try ArticleCodec.decode($0.value).id }) == Set(records.map(\.id)))
        let admin = try KafkaAdmin(configuration: pipeline.kafka, logger: pipeline.logger)
        let lag = try await admin.lag(group: "\(pipeline.prefix).stats", topics: [pipeline.raw])
        #expect(lag.reduce(0) { $0 + $1.lag } == 0, "\(lag)")
    }
}
