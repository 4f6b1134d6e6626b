import Foundation
import Kafka
import Logging
import PipelineConfig
import StageKit

/// A stage's ``StateChangelog`` on a compacted Kafka topic (`changelog:` in pipelines.yaml), keyed by the
/// stage's state keys; a deleted key is a tombstone (null value).
///
/// Writes go through a producer of their own with `acks=all` and idempotence, and return once every record is
/// acknowledged, so a checkpoint that returned means the changes survive the instance. ``restore()`` reads every
/// partition from its low to its high watermark with a consumer outside any group and applies the records in
/// offset order, tombstones included: correct whether or not the broker has compacted the topic yet.
final class KafkaStateChangelog: StateChangelog {
    let name: String
    private let producer: KafkaProducer
    private let clientConfiguration: KafkaConfiguration
    private let consumerProperties: [String: String]
    private let group: String
    private let logger: Logger
    /// How long a restore waits for the next record before it gives up.
    private let readTimeout: Duration
    /// Restores only; ``write(_:)`` keeps nothing (a replay into another topic must not touch the live state).
    private let readOnly: Bool

    /// - Parameter group: the stage's consumer group; the restore reads as `<group>.changelog-restore` and commits nothing.
    init(
        topic: String, kafka: KafkaSettings, bootstrap: String, group: String, logger: Logger, readOnly: Bool = false,
        readTimeout: Duration = .seconds(30)
    ) throws {
        name = topic
        self.readOnly = readOnly
        self.group = group
        self.logger = logger
        self.readTimeout = readTimeout
        var client = KafkaConfiguration(bootstrapServers: bootstrap, properties: kafka.properties)
        client.properties["allow.auto.create.topics"] = "false"
        clientConfiguration = client
        var producerKafka = client
        producerKafka.properties["linger.ms"] = "1"
        for (k, v) in kafka.producer { producerKafka.properties[k] = v }
        // A change is durable only once every in-sync replica has it, written once and in order.
        producerKafka.properties["acks"] = "all"
        producerKafka.properties["enable.idempotence"] = "true"
        producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: producerKafka), logger: logger)
        var consumer = kafka.consumer
        consumer["enable.auto.commit"] = "false"
        consumer["auto.offset.reset"] = "earliest"
        consumerProperties = consumer
    }

    func write(_ changes: [StateChange]) async throws {
        guard !changes.isEmpty, !readOnly else { return }
        let records = changes.map { change in
            change.value.map { KafkaProducerRecord(topic: name, key: change.key, value: $0) } ?? .tombstone(topic: name, key: change.key)
        }
        for case .failure(let error) in try await producer.sendBatch(records) {
            throw WorkerError.changelogWrite(topic: name, error: error)
        }
    }

    func restore() async throws -> [String: [UInt8]] {
        let admin = try KafkaAdmin(configuration: clientConfiguration, logger: logger)
        guard let description = try await admin.describeTopic(name) else {
            throw WorkerError.changelogRead(topic: name, reason: "the topic does not exist; create the declared topics with `wirectl topics create`")
        }
        let marks = try await admin.watermarks(description.partitions.map { TopicPartition(topic: name, partition: $0) })
        // Per partition, the offset after the last record to read.
        var ends: [Int32: Int64] = [:]
        var starts: [TopicPartition] = []
        for (partition, mark) in marks where mark.high > mark.low {
            ends[partition.partition] = mark.high
            starts.append(TopicPartition(topic: name, partition: partition.partition, offset: mark.low))
        }
        var state: [String: [UInt8]] = [:]
        guard !starts.isEmpty else {
            logger.info("state restored from the changelog", metadata: ["topic": "\(name)", "records": "0", "keys": "0"])
            return state
        }
        var properties = clientConfiguration.properties
        for (k, v) in consumerProperties { properties[k] = v }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(kafka: KafkaConfiguration(bootstrapServers: clientConfiguration.bootstrapServers, properties: properties),
                                                      groupID: "\(group).changelog-restore"),
            logger: logger)
        do {
            let records = try await read(consumer, from: starts, to: ends, into: &state)
            await consumer.shutdown()
            logger.info("state restored from the changelog", metadata: ["topic": "\(name)", "records": "\(records)", "keys": "\(state.count)"])
        } catch {
            await consumer.shutdown()
            throw error
        }
        return state
    }

    /// Reads `starts` up to `ends` (per partition, the offset after the last record) and applies the records
    /// to `state` in order; returns how many records were applied.
    private func read(_ consumer: KafkaConsumer, from starts: [TopicPartition], to ends: [Int32: Int64], into state: inout [String: [UInt8]]) async throws -> Int {
        var ends = ends
        try consumer.assign(starts)
        var records = 0
        while !ends.isEmpty {
            let batch = try await consumer.nextBatch(maxMessages: 1000, timeout: readTimeout)
            if batch.isEmpty {
                throw WorkerError.changelogRead(topic: name, reason: "no record came for \(readTimeout) with \(ends.map { "partition \($0.key) up to offset \($0.value)" }.joined(separator: ", ")) still to read; check the broker, then restart the worker")
            }
            for message in batch {
                guard let end = ends[message.partition], message.offset < end else { continue }
                if let key = message.keyString {
                    // A null value (tombstone) arrives empty; a state value is never empty.
                    state[key] = message.value.isEmpty ? nil : message.value
                    records += 1
                }
                if message.offset + 1 >= end { ends[message.partition] = nil }
            }
        }
        return records
    }

    /// Sends what is queued and closes the producer.
    func close() async {
        await producer.shutdown()
    }
}
