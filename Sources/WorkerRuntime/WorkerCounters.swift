import Kafka
import Synchronization

/// Per-worker counters, safe to read from any thread: what `/metrics` and the progress log report.
public final class WorkerCounters: Sendable {
    /// Upper bounds (seconds) of the processing-time histogram's buckets; `+Inf` is implied.
    public static let processingBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]

    private let _consumed = Atomic<Int>(0)
    private let _produced = Atomic<Int>(0)
    private let _deadLettered = Atomic<Int>(0)
    private let _processingNanos = Atomic<Int>(0)
    private let _batches = Atomic<Int>(0)
    private let histogram = Mutex<[Int]>(Array(repeating: 0, count: WorkerCounters.processingBuckets.count + 1))
    private let errors = Mutex<[ErrorKind: Int]>([:])
    private let positions = Mutex<[TopicPartition: Int64]>([:])

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

    public init() {}

    public var consumed: Int { _consumed.load(ordering: .relaxed) }
    public var produced: Int { _produced.load(ordering: .relaxed) }
    public var deadLettered: Int { _deadLettered.load(ordering: .relaxed) }
    /// Time spent inside `Stage.process`, summed over records.
    public var processingSeconds: Double { Double(_processingNanos.load(ordering: .relaxed)) / 1e9 }
    public var batches: Int { _batches.load(ordering: .relaxed) }
    /// Records per processing-time bucket (not cumulative), the last one for slower than every bound.
    public var processingHistogram: [Int] { histogram.withLock { $0 } }
    /// Errors counted by kind.
    public var errorsByKind: [ErrorKind: Int] { errors.withLock { $0 } }
    /// Per input partition, the offset after the last record handled (processed or dead-lettered).
    public var handledPositions: [TopicPartition: Int64] { positions.withLock { $0 } }

    func addConsumed(_ n: Int) { _consumed.add(n, ordering: .relaxed) }
    func addProduced(_ n: Int) { _produced.add(n, ordering: .relaxed) }
    func addDeadLettered(_ n: Int) { _deadLettered.add(n, ordering: .relaxed) }
    func addError(_ kind: ErrorKind, count: Int = 1) { errors.withLock { $0[kind, default: 0] += count } }
    func addBatch() { _batches.add(1, ordering: .relaxed) }

    func addProcessing(_ d: Duration) {
        let (s, atto) = d.components
        let nanos = Int(s) * 1_000_000_000 + Int(atto / 1_000_000_000)
        _processingNanos.add(nanos, ordering: .relaxed)
        let seconds = Double(nanos) / 1e9
        let bucket = Self.processingBuckets.firstIndex { seconds <= $0 } ?? Self.processingBuckets.count
        histogram.withLock { $0[bucket] += 1 }
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
    }
}
