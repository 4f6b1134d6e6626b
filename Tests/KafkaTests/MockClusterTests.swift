import CRDKafka
import Foundation
import Kafka
import LocalBroker
import Testing

/// librdkafka's in-process mock cluster (LocalBroker's `MockKafkaCluster`): stages faults a real broker
/// cannot be told to produce — injected request errors, brokers going down and up, added round-trip time.
typealias MockCluster = MockKafkaCluster

extension MockKafkaCluster {
    /// Request kinds (Kafka API keys) used below.
    enum API: Int16 { case produce = 0, fetch = 1, offsetCommit = 8, endTxn = 26 }

    /// The next `errors.count` requests of this kind fail with these errors, in order.
    func pushErrors(_ api: API, _ errors: [rd_kafka_resp_err_t]) { pushErrors(apiKey: api.rawValue, errors) }
}

struct MockError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Mock cluster faults", .serialized)
struct MockClusterTests {
    func kafka(_ mock: MockCluster) -> KafkaConfiguration {
        KafkaConfiguration(
            bootstrapServers: mock.bootstrap,
            properties: KafkaConsumerConfiguration.fastGroupJoin.merging(["topic.metadata.refresh.interval.ms": "1000", "retry.backoff.ms": "50"]) { $1 })
    }

    func records(_ topic: String, _ range: Range<Int>) -> [KafkaProducerRecord] {
        range.map { KafkaProducerRecord(topic: topic, key: "k\($0 % 7)", value: Array("m\($0)".utf8)) }
    }

    func readAll(_ mock: MockCluster, topic: String, partitions: Int32, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaConsumerMessage] {
        var cc = KafkaConsumerConfiguration(kafka: kafka(mock), groupID: "reader-\(UUID().uuidString.prefix(6))")
        cc.kafka.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { consumer.close() }
        try consumer.assign((0..<partitions).map { TopicPartition(topic: topic, partition: $0, offset: 0) })
        var got = try await collect(consumer, count: count, timeout: timeout)
        got += try await consumer.nextBatch(maxMessages: 1000, timeout: .milliseconds(500))  // anything beyond `count`
        return got
    }

    @Test("retriable produce errors, then success: every record delivered once, in order (idempotent producer)")
    func produceErrorsRetried() async throws {
        let mock = try MockCluster()
        try mock.createTopic("t", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka(mock)), logger: testLogger)
        _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "warm", value: Array("warm-up".utf8)))
        mock.pushErrors(.produce, [
            RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND,
        ])
        let results = try await producer.sendBatch(records("t", 0..<200))
        producer.close()
        let failures = results.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let got = try await readAll(mock, topic: "t", partitions: 1, count: 201)
        let values = got.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(values == ["warm-up"] + (0..<200).map { "m\($0)" }, "\(values.count) records; duplicates or gaps")
    }

    @Test("a non-retriable produce error fails those deliveries with a readable KafkaError; later sends succeed")
    func produceErrorSurfaces() async throws {
        let mock = try MockCluster()
        try mock.createTopic("t", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka(mock)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "warm", value: Array("warm-up".utf8)))
        mock.pushErrors(.produce, [RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED])
        do {
            _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "x", value: Array("refused".utf8)))
            Issue.record("the send succeeded although the broker refused it")
        } catch let error as KafkaError {
            #expect(error.name == "TOPIC_AUTHORIZATION_FAILED", "\(error)")
            #expect(!error.isRetriable && !error.isFatal, "\(error)")
            #expect(error.message.contains("Topic authorization failed"), "\(error)")
        }
        // librdkafka keeps the topic's error until its next metadata refresh (1 s here); then sends work again.
        let deadline = ContinuousClock.now + .seconds(15)
        var delivered = false
        while !delivered && ContinuousClock.now < deadline {
            do {
                _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "y", value: Array("accepted".utf8)))
                delivered = true
            } catch {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        #expect(delivered, "the producer did not recover after the refused send")
    }

    @Test("the only broker down for 3 s while producing and consuming: nothing lost")
    func brokerDownThenUp() async throws {
        let mock = try MockCluster()
        try mock.createTopic("t", partitions: 2)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka(mock)), logger: testLogger)
        defer { producer.close() }
        var cc = KafkaConsumerConfiguration(kafka: kafka(mock), groupID: "g-down")
        cc.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { consumer.close() }
        try consumer.subscribe(topics: ["t"])
        _ = try await producer.sendBatch(records("t", 0..<100))
        var got = try await collect(consumer, count: 100, timeout: .seconds(30))
        mock.setDown()
        let sending = Task { try await producer.sendBatch(records("t", 100..<200)) }
        try await Task.sleep(for: .seconds(3))
        mock.setUp()
        let results = try await sending.value
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        // Read until every value was seen. A consumer may see some records twice when the outage outlasts its
        // session and the group rebalances before auto-commit (at-least-once); the producer never writes twice.
        let expected = Set((0..<200).map { "m\($0)" })
        let deadline = ContinuousClock.now + .seconds(90)
        while Set(got.map { String(decoding: $0.value, as: UTF8.self) }) != expected && ContinuousClock.now < deadline {
            got += try await consumer.nextBatch(maxMessages: 1000, timeout: .milliseconds(500))
        }
        let values = got.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(Set(values) == expected, "missing: \(expected.subtracting(values).sorted().prefix(10))")
        print("mock cluster: broker down 3 s: \(Set(values).count) of 200 read, \(values.count - Set(values).count) read twice")
    }

    @Test("a failed offset commit surfaces as a retriable KafkaError; the retry commits")
    func commitFailure() async throws {
        let mock = try MockCluster()
        try mock.createTopic("t", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka(mock)), logger: testLogger)
        _ = try await producer.sendBatch(records("t", 0..<10))
        producer.close()
        var cc = KafkaConsumerConfiguration(kafka: kafka(mock), groupID: "g-commit")
        cc.kafka.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { consumer.close() }
        try consumer.subscribe(topics: ["t"])
        let got = try await collect(consumer, count: 10)
        #expect(got.count == 10)
        let position = [TopicPartition(topic: "t", partition: 0, offset: 10)]
        try consumer.storeOffsets(position)
        // librdkafka retries some commit errors itself (REQUEST_TIMED_OUT, coordinator moves); a rebalance
        // in progress it hands back to the application.
        mock.pushErrors(.offsetCommit, [RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS])
        do {
            try consumer.commit()
            Issue.record("the commit succeeded although the broker answered REBALANCE_IN_PROGRESS")
        } catch let error as KafkaError {
            #expect(error.isRetriable, "\(error)")
            #expect(error.name == "REBALANCE_IN_PROGRESS", "\(error)")
            print("mock cluster: failed commit → \(error)")
        }
        // Retrying (as a caller of a retriable error does) commits once the group has settled.
        let deadline = ContinuousClock.now + .seconds(20)
        var committed = false
        while !committed && ContinuousClock.now < deadline {
            do {
                try consumer.commit(position)
                committed = true
            } catch let error as KafkaError where error.isRetriable {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        #expect(committed)
        #expect(try consumer.committed([TopicPartition(topic: "t", partition: 0)]).first?.offset == 10)
    }

    @Test("500 ms added round-trip time: sends and reads still complete, and take at least the RTT")
    func addedRTT() async throws {
        let mock = try MockCluster()
        try mock.createTopic("t", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka(mock)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "warm", value: Array("warm-up".utf8)))
        mock.setRTT(500)
        let started = ContinuousClock.now
        let results = try await producer.sendBatch(records("t", 0..<50))
        let elapsed = ContinuousClock.now - started
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        #expect(elapsed >= .milliseconds(450), "\(elapsed)")
        let got = try await readAll(mock, topic: "t", partitions: 1, count: 51)
        #expect(got.count == 51)
        print("mock cluster: 50 sends with 500 ms RTT took \(elapsed)")
    }
}
