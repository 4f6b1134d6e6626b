import Foundation
import Kafka
import LocalBroker
import Synchronization
import Testing

final class AssignmentLog: Sendable {
    let assigned = Mutex<[TopicPartition]>([])
    let revoked = Mutex<[TopicPartition]>([])
}

@Suite(.serialized) struct KafkaRebalanceTests {
    @Test func groupRebalancesWhenAMemberJoinsAndLeaves() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("rebalance")
        let group = SharedBroker.uniqueName("g")
        let admin = try KafkaAdmin(configuration: kafka, logger: testLogger)
        try await admin.createTopics([NewTopic(name: topic, partitions: 4)])

        func member(_ log: AssignmentLog) throws -> KafkaConsumer {
            var config = KafkaConsumerConfiguration(kafka: kafka, groupID: group)
            config.onAssign = { parts in log.assigned.withLock { $0 += parts } }
            config.onRevoke = { parts in log.revoked.withLock { $0 += parts } }
            return try KafkaConsumer(configuration: config, logger: testLogger)
        }

        let logA = AssignmentLog(), logB = AssignmentLog()
        let a = try member(logA)
        try a.subscribe(topics: [topic])
        try await waitUntil { (try? a.assignment().count) == 4 }
        #expect(logA.assigned.withLock { $0.count } == 4)

        let b = try member(logB)
        try b.subscribe(topics: [topic])
        try await waitUntil { (try? a.assignment().count) == 2 && (try? b.assignment().count) == 2 }
        // Incremental (cooperative) rebalancing: A gives back only the two partitions B takes.
        #expect(Set(logA.revoked.withLock { $0 }.map(\.partition)) == Set(try b.assignment().map(\.partition)), "A gives B's partitions back, and only those")
        let union = Set(try a.assignment().map(\.partition)).union(try b.assignment().map(\.partition))
        #expect(union == [0, 1, 2, 3])

        b.close()
        try await waitUntil { (try? a.assignment().count) == 4 }
        #expect(logB.revoked.withLock { $0.count } == 2, "B's partitions are revoked when it leaves")
        a.close()
    }
}

extension KafkaRebalanceTests {
    /// Ordered events seen by the test: which member got which partition's records, and rebalance steps.
    final class Timeline: Sendable {
        enum Event: Sendable, Equatable {
            case record(member: String, partition: Int32)
            case revoked(member: String, partitions: [Int32])
            case assigned(member: String, partitions: [Int32])
            case joining(member: String)
        }
        let events = Mutex<[Event]>([])
        func add(_ e: Event) { events.withLock { $0.append(e) } }
    }

    @Test("adding an instance moves only the partitions it takes; the others keep flowing during the rebalance")
    func joinMovesOnlyTakenPartitions() async throws {
        let broker = try await SharedBroker.instance.broker()
        let kafka = testKafka(broker)
        let topic = SharedBroker.uniqueName("incremental")
        let group = SharedBroker.uniqueName("g")
        let admin = try KafkaAdmin(configuration: kafka, logger: testLogger)
        try await admin.createTopics([NewTopic(name: topic, partitions: 4)])
        let timeline = Timeline()

        func member(_ name: String) throws -> KafkaConsumer {
            var config = KafkaConsumerConfiguration(kafka: kafka, groupID: group)
            config.onAssign = { parts in timeline.add(.assigned(member: name, partitions: parts.map(\.partition).sorted())) }
            config.onRevoke = { parts in timeline.add(.revoked(member: name, partitions: parts.map(\.partition).sorted())) }
            return try KafkaConsumer(configuration: config, logger: testLogger)
        }
        func consume(_ consumer: KafkaConsumer, as name: String) -> Task<Void, any Error> {
            Task {
                while !Task.isCancelled {
                    let batch = try await consumer.nextBatch(maxMessages: 100, timeout: .milliseconds(100))
                    for m in batch { timeline.add(.record(member: name, partition: m.partition)) }
                    if !batch.isEmpty { try consumer.storeOffsets(batch.map(\.nextPosition)) }
                }
            }
        }

        // Records go to every partition the whole time.
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        defer { producer.close() }
        let feeding = Task {
            var n = 0
            while !Task.isCancelled {
                _ = try await producer.sendBatch((0..<4).map { KafkaProducerRecord(topic: topic, partition: Int32($0), key: Array("k\(n)".utf8), value: Array("m\(n)".utf8)) })
                n += 1
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        defer { feeding.cancel() }

        let a = try member("A")
        try a.subscribe(topics: [topic])
        let readingA = consume(a, as: "A")
        defer { readingA.cancel() }
        try await waitUntil { (try? a.assignment().count) == 4 }

        timeline.add(.joining(member: "B"))
        let b = try member("B")
        try b.subscribe(topics: [topic])
        let readingB = consume(b, as: "B")
        defer { readingB.cancel() }
        try await waitUntil { (try? a.assignment().count) == 2 && (try? b.assignment().count) == 2 }
        try await Task.sleep(for: .milliseconds(500))  // a few more records on both sides

        let events = timeline.events.withLock { $0 }
        let joined = events.firstIndex(of: .joining(member: "B")) ?? 0
        let taken = Set(try b.assignment().map(\.partition))
        let kept = Set(try a.assignment().map(\.partition))
        let revokedFromA = events[joined...].compactMap { if case .revoked("A", let p) = $0 { p } else { nil } }.flatMap { $0 }
        #expect(Set(revokedFromA) == taken, "A gave back \(revokedFromA); B took \(taken)")
        #expect(kept.isDisjoint(with: revokedFromA), "A's kept partitions \(kept) were revoked too")
        // Between B asking to join and B getting its partitions, A kept reading the partitions it keeps.
        let bAssigned = events[joined...].firstIndex { if case .assigned("B", let p) = $0 { !p.isEmpty } else { false } } ?? events.endIndex
        let flowing = events[joined..<bAssigned].filter { if case .record("A", let p) = $0 { kept.contains(p) } else { false } }.count
        #expect(flowing > 0, "no record of A's kept partitions \(kept) was delivered while B joined")
        readingA.cancel()
        readingB.cancel()
        _ = await readingA.result
        _ = await readingB.result
        b.close()
        a.close()
    }
}

func waitUntil(timeout: Duration = .seconds(45), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("condition not met within \(timeout)")
}
