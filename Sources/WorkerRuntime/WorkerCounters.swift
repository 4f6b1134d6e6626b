import Kafka
import Synchronization

/// Per-worker counters, safe to read from any thread: what the progress log reports. Each update is also
/// recorded in the worker's metrics (``WorkerMetrics``), which `/metrics` exports.
public final class WorkerCounters: Sendable {
    private let _consumed = Atomic<Int>(0)
    private let _produced = Atomic<Int>(0)
    private let _deadLettered = Atomic<Int>(0)
    private let _processingNanos = Atomic<Int>(0)
    private let _batches = Atomic<Int>(0)
    private let errors = Mutex<[ErrorKind: Int]>([:])
    private let positions = Mutex<[TopicPartition: Int64]>([:])
    let metrics: WorkerMetrics

    /// Why a record did not reach the output topic.
    public enum ErrorKind: String, Sendable, CaseIterable {
        /// Not a valid article record (bad JSON or UTF-8, missing fields, unknown schema version).
        case invalidRecord = "invalid_record"
        /// The stage threw while processing a valid record.
        case stageError = "stage_error"
        /// The enriched record was larger than the message size limit.
        case recordTooLarge = "record_too_large"
        /// The broker did not acknowledge an output (the batch is processed again).
        case deliveryFailed = "delivery_failed"
    }

    /// Counters whose metrics are labelled with the stage, pipeline and instance.
    public init(stage: String = "", pipeline: String = "", instance: Int = 0) {
        metrics = WorkerMetrics(stage: stage, pipeline: pipeline, instance: instance)
    }

    public var consumed: Int { _consumed.load(ordering: .relaxed) }
    public var produced: Int { _produced.load(ordering: .relaxed) }
    public var deadLettered: Int { _deadLettered.load(ordering: .relaxed) }
    /// Time spent inside `Stage.process`, summed over records.
    public var processingSeconds: Double { Double(_processingNanos.load(ordering: .relaxed)) / 1e9 }
    public var batches: Int { _batches.load(ordering: .relaxed) }
    /// Errors counted by kind.
    public var errorsByKind: [ErrorKind: Int] { errors.withLock { $0 } }
    /// Per input partition, the offset after the last record handled (processed or dead-lettered).
    public var handledPositions: [TopicPartition: Int64] { positions.withLock { $0 } }

    func addConsumed(_ n: Int) {
        _consumed.add(n, ordering: .relaxed)
        metrics.consumed.increment(by: n)
    }

    func addProduced(_ n: Int) {
        _produced.add(n, ordering: .relaxed)
        metrics.produced.increment(by: n)
    }

    func addDeadLettered(_ n: Int) {
        _deadLettered.add(n, ordering: .relaxed)
        metrics.deadLettered.increment(by: n)
    }

    func addError(_ kind: ErrorKind, count: Int = 1) {
        errors.withLock { $0[kind, default: 0] += count }
        metrics.errors[kind]?.increment(by: count)
    }

    func addBatch() {
        _batches.add(1, ordering: .relaxed)
        metrics.batches.increment()
    }

    func addProcessing(_ d: Duration) {
        let (s, atto) = d.components
        let nanos = Int(s) * 1_000_000_000 + Int(atto / 1_000_000_000)
        _processingNanos.add(nanos, ordering: .relaxed)
        metrics.processing.recordNanoseconds(nanos)
    }

    func handled(_ next: [TopicPartition]) {
        positions.withLock { map in
            for p in next {
                guard let offset = p.offset else { continue }
                map[TopicPartition(topic: p.topic, partition: p.partition)] = offset
            }
        }
    }

    /// Forgets partitions this worker no longer holds, so their lag is not reported.
    func forget(_ partitions: [TopicPartition]) {
        positions.withLock { map in
            for p in partitions { map.removeValue(forKey: TopicPartition(topic: p.topic, partition: p.partition)) }
        }
        metrics.forgetLag(partitions)
    }
}
