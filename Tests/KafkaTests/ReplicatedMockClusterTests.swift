import CRDKafka
import Foundation
import Kafka
import LocalBroker
import Testing

private func mockKafka(_ mock: MockCluster) -> KafkaConfiguration {
    KafkaConfiguration(
        bootstrapServers: mock.bootstrap,
        properties: KafkaConsumerConfiguration.fastGroupJoin.merging(["topic.metadata.refresh.interval.ms": "1000", "retry.backoff.ms": "50"]) { $1 })
}

/// Records 0..<n: key `k(i % 7)`, value `m<i>`.
private func keyed(_ topic: String, _ range: Range<Int>) -> [KafkaProducerRecord] {
    range.map { KafkaProducerRecord(topic: topic, key: "k\($0 % 7)", value: Array("m\($0)".utf8)) }
}

private func index(_ message: KafkaConsumerMessage) -> Int { Int(String(decoding: message.value.dropFirst(), as: UTF8.self)) ?? -1 }

/// Faults of a replicated cluster (librdkafka's mock cluster with 3 brokers): leaders moving, a fatal
/// producer error, transactional fencing (injected on the mock; by a second producer on Tansu).
@Suite("Replicated mock cluster faults and fencing", .serialized)
struct ReplicatedMockClusterTests {
    @Test("3 brokers, replication factor 3, every partition leader moved twice while a producer and a consumer run: 0 lost, in order per key")
    func leaderMoved() async throws {
        let mock = try MockCluster(brokers: 3)
        try mock.createTopic("t", partitions: 3, replication: 3)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: mockKafka(mock)), logger: testLogger)
        defer { producer.close() }
        var cc = KafkaConsumerConfiguration(kafka: mockKafka(mock), groupID: "g-leader")
        cc.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { consumer.close() }
        try consumer.subscribe(topics: ["t"])

        let total = 3000
        let sending = Task {
            var results: [Result<KafkaDeliveryReport, KafkaError>] = []
            for start in stride(from: 0, to: total, by: 250) {
                results += try await producer.sendBatch(keyed("t", start..<(start + 250)))
                try await Task.sleep(for: .milliseconds(100))
            }
            return results
        }
        var got: [KafkaConsumerMessage] = []
        var moves = 0
        let deadline = ContinuousClock.now + .seconds(120)
        while Set(got.map(index)).count < total && ContinuousClock.now < deadline {
            got += try await consumer.nextBatch(maxMessages: 1000, timeout: .milliseconds(300))
            // Mid-run, while records flow both ways: every leader moves to the next broker, twice.
            if (moves == 0 && got.count >= 600) || (moves == 1 && got.count >= 1800) {
                moves += 1
                for p in Int32(0)..<3 { mock.setLeader(topic: "t", partition: p, broker: (p + Int32(moves)) % 3 + 1) }
            }
        }
        let results = try await sending.value
        let failures = results.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        #expect(failures.isEmpty, "\(failures.count) sends failed, e.g. \(failures.prefix(3))")
        #expect(moves == 2, "the leaders moved \(moves) times")

        let seen = got.map(index)
        let lost = Set(0..<total).subtracting(seen)
        #expect(lost.isEmpty, "\(lost.count) records lost, e.g. \(lost.sorted().prefix(10))")
        // In order per key: each key's records arrive in the order they were sent (the first time each is read).
        var last: [Int: Int] = [:], firstSeen = Set<Int>(), outOfOrder = 0
        for i in seen where !firstSeen.contains(i) {
            firstSeen.insert(i)
            if let previous = last[i % 7], previous > i { outOfOrder += 1 }
            last[i % 7] = i
        }
        #expect(outOfOrder == 0, "\(outOfOrder) records arrived before an earlier record of their key")
        print("mock cluster: leaders moved twice during 3000 sends: lost=\(lost.count) read_twice=\(seen.count - Set(seen).count) out_of_order=\(outOfOrder)")
    }

    @Test("a fatal idempotent-producer error: reported as fatal with librdkafka's reason, later sends refused, every acknowledged record in the topic")
    func fatalProducerError() async throws {
        let mock = try MockCluster(brokers: 3)
        try mock.createTopic("t", partitions: 1, replication: 3)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: mockKafka(mock)), logger: testLogger)
        let first = try await producer.sendBatch(keyed("t", 0..<100))
        #expect(first.allSatisfy { if case .success = $0 { true } else { false } })
        // OUT_OF_ORDER_SEQUENCE_NUMBER on the head-of-line request: producer and broker disagree about the
        // sequence, which librdkafka raises as a fatal idempotence error.
        mock.pushErrors(.produce, [RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER])
        let second = try await producer.sendBatch(keyed("t", 100..<200))
        let failed = second.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        #expect(!failed.isEmpty, "the injected error failed no delivery")
        var refusal: KafkaError?
        do {
            _ = try await producer.send(KafkaProducerRecord(topic: "t", key: "after", value: Array("after".utf8)))
        } catch let error as KafkaError {
            refusal = error
        }
        #expect(refusal?.isFatal == true, "a send after the fatal error was not refused as fatal: \(String(describing: refusal))")
        #expect(producer.fatal?.message.lowercased().contains("sequence") == true, "the fatal error does not say why: \(String(describing: producer.fatal))")
        print("mock cluster: fatal producer error → \(producer.fatal.map { "\($0)" } ?? "none"); later send → \(refusal.map { "\($0)" } ?? "none"); deliveries failed: \(failed.count), e.g. \(failed.first.map { "\($0)" } ?? "-")")
        producer.close()

        let acknowledged = zip(100..<200, second).compactMap { i, r in if case .success = r { i } else { nil } } + Array(0..<100)
        var cc = KafkaConsumerConfiguration(kafka: mockKafka(mock), groupID: "reader-fatal")
        cc.kafka.properties["enable.auto.commit"] = "false"
        let reader = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { reader.close() }
        try reader.assign([TopicPartition(topic: "t", partition: 0, offset: 0)])
        let read = Set(try await collect(reader, count: acknowledged.count, timeout: .seconds(30)).map(index))
        #expect(read.isSuperset(of: acknowledged), "acknowledged records missing: \(Set(acknowledged).subtracting(read).sorted().prefix(10))")
    }

    @Test("the broker answers the old producer's commit with PRODUCER_FENCED (as after a newer instance's init): the commit is refused as fenced and fatal")
    func fencedCommitRefused() async throws {
        let mock = try MockCluster(brokers: 3)
        try mock.createTopic("t", partitions: 1, replication: 3)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: mockKafka(mock), transactionalID: "tx-fenced"), logger: testLogger)
        defer { producer.close() }
        try await producer.initTransactions()
        try producer.beginTransaction()
        _ = try await producer.sendBatch(keyed("t", 0..<10))
        // librdkafka's mock cluster gives every new producer a new producer id instead of bumping the epoch of
        // the transactional.id's id, so a second instance does not fence the first there: the broker's answer
        // to the fenced producer is injected instead.
        mock.pushErrors(.endTxn, [RD_KAFKA_RESP_ERR_PRODUCER_FENCED])
        var fenced: KafkaError?
        do {
            try await producer.commitTransaction()
        } catch let error as KafkaError {
            fenced = error
        }
        #expect(fenced?.isFenced == true, "the commit was not refused as fenced: \(String(describing: fenced))")
        #expect(fenced?.isFatal == true, "\(String(describing: fenced))")
        #expect(producer.fatal?.isFenced == true, "\(String(describing: producer.fatal))")
        print("mock cluster: fenced commit → \(fenced.map { "\($0)" } ?? "none")")
    }

    @Test("on Tansu, a second producer with the same transactional.id fences the first: its next transaction is refused as fenced (fatal); the new one commits")
    func transactionalFencingOnTansu() async throws {
        // On Tansu: a real broker maps the transactional.id to its producer id and bumps the epoch.
        let broker = try await SharedBroker.instance.broker()
        let topic = SharedBroker.uniqueName("fence")
        let admin = try KafkaAdmin(configuration: testKafka(broker), logger: testLogger)
        try await admin.createTopics([NewTopic(name: topic, partitions: 1)])
        let configuration = KafkaProducerConfiguration(kafka: testKafka(broker), transactionalID: SharedBroker.uniqueName("tx"))
        let old = try KafkaProducer(configuration: configuration, logger: testLogger)
        try await old.initTransactions()
        try old.beginTransaction()
        _ = try await old.sendBatch(keyed(topic, 0..<10))
        try await old.commitTransaction()

        let new = try KafkaProducer(configuration: configuration, logger: testLogger)
        defer { new.close() }
        try await new.initTransactions()
        // The old instance's next transaction: the broker refuses it, librdkafka raises the fencing as fatal.
        try old.beginTransaction()
        let refused = try await old.sendBatch(keyed(topic, 100..<110))
        #expect(refused.allSatisfy { if case .failure = $0 { true } else { false } }, "a fenced producer delivered records")
        var fenced: KafkaError?
        do {
            try await old.commitTransaction()
        } catch let error as KafkaError {
            fenced = error
        }
        #expect(fenced != nil, "the fenced producer's commit succeeded")
        #expect(old.fatal?.isFenced == true, "the old producer was not fenced: \(String(describing: old.fatal)); commit: \(String(describing: fenced))")
        old.close()

        try new.beginTransaction()
        let sent = try await new.sendBatch(keyed(topic, 10..<20))
        #expect(sent.allSatisfy { if case .success = $0 { true } else { false } })
        try await new.commitTransaction()

        var cc = KafkaConsumerConfiguration(kafka: testKafka(broker), groupID: SharedBroker.uniqueName("reader"))
        cc.kafka.properties["enable.auto.commit"] = "false"
        cc.kafka.properties["isolation.level"] = "read_committed"
        let reader = try KafkaConsumer(configuration: cc, logger: testLogger)
        defer { reader.close() }
        try reader.assign([TopicPartition(topic: topic, partition: 0, offset: 0)])
        var read = try await collect(reader, count: 20, timeout: .seconds(30))
        read += try await collect(reader, count: 10, timeout: .seconds(5))
        let values = Set(read.map(index))
        #expect(values.isSuperset(of: 0..<20), "committed records are missing: \(Set(0..<20).subtracting(values).sorted())")
        // Tansu 0.6 does not hide aborted records from read_committed readers (see ExactlyOnceTests): what
        // matters here is that the fenced producer's commit was refused.
        print("tansu: fenced producer → \(old.fatal.map { "\($0)" } ?? "none"); its commit → \(fenced.map { "\($0)" } ?? "none")")
    }
}
