import CRDKafka
import Foundation
import Logging

/// Carries out a consumer's rebalances: librdkafka's rebalance callback (on the poll thread) only withholds
/// the revoked partitions' buffered records and hands the event to a thread of its own, which runs the
/// application's callbacks and then takes or releases the partitions (incrementally with the cooperative
/// protocol). So a revocation that waits for the batch in flight never stops polling, and no record of a
/// revoked partition is handed out after its revocation began.
final class RebalanceHandler: @unchecked Sendable {
    private let queue = DispatchQueue(label: "wirestream-consumer-rebalance")
    private let onQueue = DispatchSpecificKey<Bool>()
    private let logger: Logger
    private typealias Callback = @Sendable ([TopicPartition]) -> Void
    /// The application's callbacks; dropped by ``detach()`` (they may hold the consumer).
    private let callbacks: LockedValue<(assign: Callback?, revoke: Callback?)>
    private var onAssign: Callback? { callbacks.withLock { $0.assign } }
    private var onRevoke: Callback? { callbacks.withLock { $0.revoke } }
    private let withhold: @Sendable (Set<TopicPartition>) -> Int
    private let release: @Sendable (Set<TopicPartition>) -> Void
    /// From `partition.assignment.strategy`, for when librdkafka cannot say which protocol the group uses.
    private let configuredCooperative: Bool
    /// Assign and unassign failures, newest last.
    let errors = LockedValue<[KafkaError]>([])

    init(
        logger: Logger, strategy: String?, onAssign: (@Sendable ([TopicPartition]) -> Void)?, onRevoke: (@Sendable ([TopicPartition]) -> Void)?,
        withhold: @escaping @Sendable (Set<TopicPartition>) -> Int, release: @escaping @Sendable (Set<TopicPartition>) -> Void
    ) {
        self.logger = logger
        callbacks = LockedValue((onAssign, onRevoke))
        queue.setSpecific(key: onQueue, value: true)
        self.withhold = withhold
        self.release = release
        configuredCooperative = (strategy ?? "").split(separator: ",").allSatisfy { $0.trimmingCharacters(in: .whitespaces) == "cooperative-sticky" }
    }

    /// Called by librdkafka's rebalance callback on the thread that polls (or closes) the consumer.
    func handle(_ rk: OpaquePointer, _ err: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let list = partitions.map { RDKafkaTopicPartitionList.read($0) } ?? []
        let keys = Set(list.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
        let cooperative = isCooperative(rk)
        // The list is librdkafka's only for the callback: the deferred call gets a copy.
        let copy = UncheckedBox(partitions.flatMap { rd_kafka_topic_partition_list_copy($0) })
        let handle = UncheckedBox(rk)
        let described = list.map(\.description).joined(separator: ",")
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("partitions assigned", metadata: ["partitions": "\(described)", "protocol": "\(cooperative ? "cooperative" : "eager")"])
            queue.async { [self] in
                defer { copy.value.map { rd_kafka_topic_partition_list_destroy($0) } }
                release(keys)
                onAssign?(list)
                if let error = assign(handle.value, copy.value, cooperative: cooperative) {
                    failed(error, doing: "take the assigned partitions \(described)")
                    _ = withhold(keys)
                    onRevoke?(list)  // undo the application's bookkeeping: these partitions are not read
                }
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let dropped = withhold(keys)
            logger.info("partitions revoked", metadata: ["partitions": "\(described)", "buffered_records_dropped": "\(dropped)"])
            queue.async { [self] in
                defer { copy.value.map { rd_kafka_topic_partition_list_destroy($0) } }
                onRevoke?(list)
                if let error = unassign(handle.value, copy.value, cooperative: cooperative) {
                    failed(error, doing: "release the revoked partitions \(described)")
                }
            }
        default:
            let reason = KafkaError.from(err, context: "rebalance")
            logger.error("rebalance failed; releasing the partitions so the group can assign them again", metadata: ["error": "\(reason)"])
            _ = withhold(keys)
            queue.async { [self] in
                defer { copy.value.map { rd_kafka_topic_partition_list_destroy($0) } }
                if !list.isEmpty { onRevoke?(list) }
                if let error = unassign(handle.value, copy.value, cooperative: cooperative) {
                    failed(error, doing: "release the partitions after a failed rebalance")
                }
            }
        }
    }

    /// Waits until every rebalance handed over so far has been carried out.
    func drain() {
        if DispatchQueue.getSpecific(key: onQueue) == true { return }  // called from a callback: it is being carried out
        queue.sync {}
    }

    /// Drops the application's callbacks once the consumer is closed.
    func detach() { callbacks.withLock { $0 = (nil, nil) } }

    private func isCooperative(_ rk: OpaquePointer) -> Bool {
        // NULL when librdkafka cannot tell (e.g. no group yet): fall back on the configured strategy.
        guard let name = rd_kafka_rebalance_protocol(rk) else { return configuredCooperative }
        switch String(cString: name) {
        case "COOPERATIVE": return true
        case "EAGER": return false
        default: return configuredCooperative
        }
    }

    private func assign(_ rk: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, cooperative: Bool) -> KafkaError? {
        if cooperative {
            guard let list else { return nil }
            return rd_kafka_incremental_assign(rk, list).map { KafkaError.consuming($0, context: "incremental assign") }
        }
        let err = rd_kafka_assign(rk, list)
        return err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.from(err, context: "assign")
    }

    private func unassign(_ rk: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, cooperative: Bool) -> KafkaError? {
        if cooperative, let list {
            return rd_kafka_incremental_unassign(rk, list).map { KafkaError.consuming($0, context: "incremental unassign") }
        }
        let err = rd_kafka_assign(rk, nil)
        return err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.from(err, context: "unassign")
    }

    private func failed(_ error: KafkaError, doing what: String) {
        errors.withLock { $0.append(error) }
        logger.error("could not \(what)", metadata: ["error": "\(error)"])
    }
}
