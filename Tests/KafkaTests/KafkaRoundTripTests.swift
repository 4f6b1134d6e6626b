import Foundation
import Kafka
import LocalBroker
import Testing

@Suite(.serialized) struct KafkaRoundTripTests {
    /// The shared broker's configuration and a new topic on it.
    private func newTopic(_ prefix: String, partitions: Int) async throws -> (kafka: KafkaConfiguration, topic: String) {
        let kafka = testKafka(try await SharedBroker.instance.broker())
        let topic = SharedBroker.uniqueName(prefix)
        try await KafkaAdmin(configuration: kafka, logger: testLogger).createTopics([NewTopic(name: topic, partitions: partitions)])
        return (kafka, topic)
    }

    @Test func tenThousandRecordsWithKeysAndHeadersRoundTrip() async throws {
        let (kafka, topic) = try await newTopic("roundtrip", partitions: 3)

        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        let total = 10_000
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: total, by: 1000) {
                group.addTask {
                    for i in chunk..<(chunk + 1000) {
                        try await producer.send(KafkaProducerRecord(
                            topic: topic, key: "key-\(i)", value: Array("value-\(i)".utf8),
                            headers: [KafkaHeader(key: "n", string: "\(i)"), KafkaHeader(key: "empty", value: nil)]
                        ))
                    }
                }
            }
            try await group.waitForAll()
        }
        producer.close()

        var config = KafkaConsumerConfiguration(kafka: kafka, groupID: SharedBroker.uniqueName("g"))
        config.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try consumer.subscribe(topics: [topic])
        let messages = try await collect(consumer, count: total)
        consumer.close()

        #expect(messages.count == total)
        var seen = Set<Int>()
        for m in messages {
            let n = try #require(Int(m.headers.string("n") ?? ""))
            #expect(m.keyString == "key-\(n)")
            #expect(String(decoding: m.value, as: UTF8.self) == "value-\(n)")
            #expect(m.headers.contains { $0.key == "empty" && $0.value == nil })
            #expect(m.timestampMs != nil)
            seen.insert(n)
        }
        #expect(seen.count == total)
        // Per-key order: same key → same partition.
        let partitionsPerKey = Dictionary(grouping: messages, by: { $0.keyString ?? "" }).mapValues { Set($0.map(\.partition)).count }
        #expect(partitionsPerKey.values.allSatisfy { $0 == 1 })
    }

    @Test func committedOffsetsSurviveAConsumerRestart() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("commit")
        let group = SharedBroker.uniqueName("g")
        let admin = try KafkaAdmin(configuration: kafka, logger: testLogger)
        try await admin.createTopics([NewTopic(name: topic, partitions: 1)])
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        for i in 0..<20 { try await producer.send(KafkaProducerRecord(topic: topic, key: "k", value: Array("\(i)".utf8))) }
        producer.close()

        let first = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: group), logger: testLogger)
        try first.subscribe(topics: [topic])
        let firstBatch = try await collect(first, count: 20)
        #expect(firstBatch.count == 20)
        // Only the first 12 are done: store and commit position 12.
        try first.storeOffsets([firstBatch[11].nextPosition])
        try first.commit()
        first.close()

        let committed = try await admin.committedOffsets(group: group, partitions: [TopicPartition(topic: topic, partition: 0)])
        #expect(committed.first?.offset == 12)

        let second = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: group), logger: testLogger)
        try second.subscribe(topics: [topic])
        let rest = try await collect(second, count: 8)
        second.close()
        #expect(rest.map { String(decoding: $0.value, as: UTF8.self) } == (12..<20).map { "\($0)" })
        let lag = try await admin.lag(group: group, topics: [topic])
        #expect(lag.first?.high == 20)
    }

    @Test func bufferedBatchTakesOnlyWhatIsAlreadyFetched() async throws {
        let (kafka, topic) = try await newTopic("buffered", partitions: 1)
        var config = KafkaConsumerConfiguration(kafka: kafka, groupID: SharedBroker.uniqueName("g"))
        config.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: config, logger: testLogger)
        try consumer.subscribe(topics: [topic])
        // Nothing produced yet: returns at once, empty.
        #expect(try consumer.bufferedBatch(maxMessages: 10).isEmpty)

        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        _ = try await producer.sendBatch((0..<30).map { KafkaProducerRecord(topic: topic, key: "k", value: Array("\($0)".utf8)) })
        producer.close()
        // The first blocking read waits for the first message; then the rest arrive in the buffer.
        var values = try await consumer.nextBatch(maxMessages: 1).map { String(decoding: $0.value, as: UTF8.self) }
        let deadline = ContinuousClock.now + .seconds(20)
        while values.count < 30 && ContinuousClock.now < deadline {
            let more = try consumer.bufferedBatch(maxMessages: 7)
            #expect(more.count <= 7)
            if more.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            values += more.map { String(decoding: $0.value, as: UTF8.self) }
        }
        #expect(values == (0..<30).map { "\($0)" })
        #expect(try consumer.bufferedBatch(maxMessages: 10).isEmpty)
        // Once delivery stops, it stays empty.
        consumer.stopDelivery()
        #expect(try consumer.bufferedBatch(maxMessages: 10).isEmpty)
        consumer.close()
    }

    @Test func offsetsForTimesAndResetToTimestamp() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("times")
        let group = SharedBroker.uniqueName("g")
        let admin = try KafkaAdmin(configuration: kafka, logger: testLogger)
        try await admin.createTopics([NewTopic(name: topic, partitions: 1)])
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        let base: Int64 = 1_700_000_000_000
        for i in 0..<10 {
            var record = KafkaProducerRecord(topic: topic, key: "k", value: Array("\(i)".utf8))
            record.timestampMs = base + Int64(i) * 60_000
            try await producer.send(record)
        }
        producer.close()

        let found = try await admin.offsetsForTimes([TopicPartition(topic: topic, partition: 0, offset: base + 4 * 60_000 - 1)])
        #expect(found.first?.offset == 4)
        let pastEnd = try await admin.offsetsForTimes([TopicPartition(topic: topic, partition: 0, offset: base + 3_600_000)])
        #expect(pastEnd.first?.offset == 10)

        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: group), logger: testLogger)
        let viaConsumer = try consumer.offsetsForTimes([TopicPartition(topic: topic, partition: 0, offset: base + 7 * 60_000)])
        #expect(viaConsumer.first?.offset == 7)
        consumer.close()

        let positions = try await admin.resetGroupOffsets(group: group, topics: [topic], to: .timestamp(base + 6 * 60_000))
        #expect(positions.first?.offset == 6)
        let reader = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: group), logger: testLogger)
        try reader.subscribe(topics: [topic])
        let after = try await collect(reader, count: 4)
        reader.close()
        #expect(after.map { String(decoding: $0.value, as: UTF8.self) } == ["6", "7", "8", "9"])

        try await admin.resetGroupOffsets(group: group, topics: [topic], to: .earliest)
        let earliest = try await admin.committedOffsets(group: group, partitions: [TopicPartition(topic: topic, partition: 0)])
        #expect(earliest.first?.offset == 0)
    }

    @Test func creatingAnExistingTopicIsAClearError() async throws {
        let broker = try await SharedBroker.instance.broker()
        let admin = try KafkaAdmin(configuration: testKafka(broker), logger: testLogger)
        let topic = SharedBroker.uniqueName("dup")
        try await admin.createTopics([NewTopic(name: topic, partitions: 2)])
        let error = await #expect(throws: KafkaError.self) { try await admin.createTopics([NewTopic(name: topic, partitions: 2)]) }
        #expect(error?.isTopicAlreadyExists == true)
        #expect(error?.message.contains("already exists") == true)
        let described = try await admin.describeTopic(topic)
        #expect(described?.partitions == [0, 1])
    }

    @Test func unreachableBrokerIsAReadableError() async throws {
        let port = try TansuBroker.freePort()
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: "127.0.0.1:\(port)"), logger: testLogger, timeout: .seconds(2))
        let error = await #expect(throws: KafkaError.self) { try await admin.checkConnection() }
        #expect(error?.message.contains("cannot reach the Kafka broker at 127.0.0.1:\(port)") == true)
    }
}
