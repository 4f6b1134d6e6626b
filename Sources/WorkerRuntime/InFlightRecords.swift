import Foundation
import Kafka

/// The input records the loop is working on, per partition, shared with the revocation callback.
///
/// A revocation marks its partitions first, then waits (on the consumer's rebalance thread, never the poll
/// thread) until none of their records is in flight, so their offsets are stored and committed before the
/// partitions move. A batch taken just before the revocation began drops the revoked partitions' records
/// when it registers: their offsets were never stored, so the new owner reads them.
final class InFlightRecords: @unchecked Sendable {
    /// Records per partition of one registered batch.
    typealias Token = [TopicPartition: Int]

    private let condition = NSCondition()
    private var counts: [TopicPartition: Int] = [:]
    private var revoked: Set<TopicPartition> = []
    private var waiters = 0

    /// Whether a revocation waits for the loop to complete what it has before it takes more.
    var settleRequested: Bool { condition.withLock { waiters > 0 } }

    /// Registers a batch; returns it without the records of partitions being revoked, and its token for ``end(_:)``.
    func begin(_ batch: [KafkaConsumerMessage]) -> (batch: [KafkaConsumerMessage], token: Token) {
        condition.lock()
        defer { condition.unlock() }
        let kept = revoked.isEmpty ? batch : batch.filter { !revoked.contains(TopicPartition(topic: $0.topic, partition: $0.partition)) }
        var token: Token = [:]
        for m in kept { token[TopicPartition(topic: m.topic, partition: m.partition), default: 0] += 1 }
        for (p, n) in token { counts[p, default: 0] += n }
        return (kept, token)
    }

    /// The batch is done (its offsets stored) or abandoned.
    func end(_ token: Token) {
        condition.lock()
        for (p, n) in token {
            let left = (counts[p] ?? 0) - n
            counts[p] = left > 0 ? left : nil
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Partitions assigned (again): their records are processed.
    func assigned(_ partitions: [TopicPartition]) {
        condition.withLock { revoked.subtract(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition) }) }
    }

    /// Marks `partitions` revoked and waits up to `timeout` until none of their records is in flight.
    /// Returns the records in flight when the revocation began and those still in flight at the end.
    func revoke(_ partitions: [TopicPartition], timeout: Duration) -> (atStart: Int, unsettled: Int) {
        let keys = Set(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        revoked.formUnion(keys)
        func inFlight() -> Int { keys.reduce(0) { $0 + (counts[$1] ?? 0) } }
        let atStart = inFlight()
        waiters += 1
        defer { waiters -= 1 }
        while inFlight() > 0 {
            if !condition.wait(until: deadline) { break }
        }
        return (atStart, inFlight())
    }

    /// Forgets batches that will never complete (the loop has ended).
    func reset() {
        condition.lock()
        counts.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
