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
        #expect(logA.revoked.withLock { $0.count } >= 4, "A gives its partitions back when B joins")
        let union = Set(try a.assignment().map(\.partition)).union(try b.assignment().map(\.partition))
        #expect(union == [0, 1, 2, 3])

        b.close()
        try await waitUntil { (try? a.assignment().count) == 4 }
        #expect(logB.revoked.withLock { $0.count } == 2, "B's partitions are revoked when it leaves")
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
