import Foundation
import Kafka
import LocalBroker
import Synchronization
import Testing

/// Clients used after (or while) they close, and readers that wait together.
@Suite("Client lifetimes", .serialized)
struct KafkaLifetimeTests {
    @Test("a consumer used after close (metrics reads, commits, batches) answers with errors or nothing, never touches a destroyed handle")
    func consumerUseAfterClose() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("closed")
        try await KafkaAdmin(configuration: kafka, logger: testLogger).createTopics([NewTopic(name: topic, partitions: 2)])
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: SharedBroker.uniqueName("g")), logger: testLogger)
        try consumer.assign([TopicPartition(topic: topic, partition: 0, offset: 0)])
        // A metrics thread keeps reading watermarks while the consumer closes and after.
        let reads = Atomic<Int>(0)
        let reader = Thread {
            for _ in 0..<2000 {
                _ = consumer.cachedHighWatermark(topic: topic, partition: 0)
                reads.add(1, ordering: .relaxed)
            }
        }
        reader.start()
        consumer.close()
        while reads.load(ordering: .relaxed) < 2000 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await consumer.nextBatch(maxMessages: 10).isEmpty)
        #expect(throws: (any Error).self) { try consumer.commit([TopicPartition(topic: topic, partition: 0, offset: 1)]) }
        #expect(throws: (any Error).self) { try consumer.assignment() }
        consumer.close()  // twice is fine
    }

    @Test("closing a producer with records that cannot be delivered resumes every pending send with an error", .timeLimit(.minutes(1)))
    func producerCloseResumesPendingSends() async throws {
        let broker = try await SharedBroker.instance.broker()
        var kafka = testKafka(broker)
        // No such topic and no auto-creation: the records wait in librdkafka's queue (up to message.timeout.ms).
        kafka.properties["allow.auto.create.topics"] = "false"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        let topic = SharedBroker.uniqueName("nowhere")
        let batch = Task { try await producer.sendBatch((0..<50).map { KafkaProducerRecord(topic: topic, key: "k\($0)", value: Array("v".utf8)) }) }
        let single = Task { try await producer.send(KafkaProducerRecord(topic: topic, key: "one", value: Array("v".utf8))) }
        try await Task.sleep(for: .milliseconds(500))
        await producer.shutdown(timeout: .milliseconds(200))
        let results = try await batch.value
        #expect(results.count == 50)
        #expect(results.allSatisfy { if case .failure = $0 { true } else { false } }, "\(results.prefix(3))")
        await #expect(throws: KafkaError.self) { try await single.value }
        await #expect(throws: KafkaError.self) { try await producer.send(KafkaProducerRecord(topic: topic, key: "late", value: [])) }
    }

    @Test("two readers waiting for a batch at once each get records; neither is lost", .timeLimit(.minutes(1)))
    func concurrentReaders() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("readers")
        try await KafkaAdmin(configuration: kafka, logger: testLogger).createTopics([NewTopic(name: topic, partitions: 1)])
        var config = KafkaConsumerConfiguration(kafka: kafka, groupID: SharedBroker.uniqueName("g"))
        config.kafka.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        defer { consumer.close() }
        try consumer.assign([TopicPartition(topic: topic, partition: 0, offset: 0)])
        let first = Task { try await consumer.nextBatch(maxMessages: 1) }
        let second = Task { try await consumer.nextBatch(maxMessages: 1) }
        try await Task.sleep(for: .milliseconds(300))  // both are waiting
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        _ = try await producer.sendBatch([KafkaProducerRecord(topic: topic, key: "a", value: [1]), KafkaProducerRecord(topic: topic, key: "b", value: [2])])
        await producer.shutdown()
        let got = try await first.value + second.value
        #expect(got.map(\.offset).sorted() == [0, 1])
    }
}
