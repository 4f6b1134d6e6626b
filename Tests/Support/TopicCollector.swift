import Foundation
import Kafka
import Logging

/// Reads topics from the beginning without a group commit, keeping every message; call ``poll(for:)``
/// between other work to pick up what arrived.
public final class TopicCollector {
    public private(set) var messages: [String: [KafkaConsumerMessage]] = [:]
    private let consumer: KafkaConsumer

    /// - Parameter partitions: topic → partition count.
    public init(kafka: KafkaConfiguration, partitions: [String: Int], logger: Logger) throws {
        var readerKafka = kafka
        readerKafka.properties["enable.auto.commit"] = "false"
        var cc = KafkaConsumerConfiguration(kafka: readerKafka, groupID: "collector-\(UUID().uuidString.prefix(8))")
        cc.autoOffsetReset = "earliest"
        consumer = try KafkaConsumer(configuration: cc, logger: logger)
        try consumer.assign(partitions.sorted { $0.key < $1.key }.flatMap { topic, count in
            (0..<Int32(count)).map { TopicPartition(topic: topic, partition: $0, offset: 0) }
        })
    }

    /// Reads for about `duration`; returns how many messages came.
    @discardableResult
    public func poll(for duration: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + duration
        var got = 0
        repeat {
            let batch = try await consumer.nextBatch(maxMessages: 2000, timeout: .milliseconds(100))
            for m in batch { messages[m.topic, default: []].append(m) }
            got += batch.count
        } while ContinuousClock.now < deadline
        return got
    }

    /// Polls until `done` holds or `timeout` passed; returns whether `done` held.
    public func poll(until done: (TopicCollector) -> Bool, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !done(self) {
            if ContinuousClock.now >= deadline { return false }
            try await poll(for: .milliseconds(300))
        }
        return true
    }

    public func messages(_ topic: String) -> [KafkaConsumerMessage] { messages[topic] ?? [] }

    /// Distinct keys seen on `topic`.
    public func keys(_ topic: String) -> Set<String> { Set(messages(topic).compactMap(\.keyString)) }

    public func close() { consumer.close() }
}
