import Synchronization

/// Per-worker counters, safe to read from any thread.
public final class WorkerCounters: Sendable {
    private let _consumed = Atomic<Int>(0)
    private let _produced = Atomic<Int>(0)
    private let _deadLettered = Atomic<Int>(0)
    private let _processingNanos = Atomic<Int>(0)
    private let _batches = Atomic<Int>(0)

    public init() {}

    public var consumed: Int { _consumed.load(ordering: .relaxed) }
    public var produced: Int { _produced.load(ordering: .relaxed) }
    public var deadLettered: Int { _deadLettered.load(ordering: .relaxed) }
    /// Time spent inside `Stage.process`, summed over records.
    public var processingSeconds: Double { Double(_processingNanos.load(ordering: .relaxed)) / 1e9 }
    public var batches: Int { _batches.load(ordering: .relaxed) }

    func addConsumed(_ n: Int) { _consumed.add(n, ordering: .relaxed) }
    func addProduced(_ n: Int) { _produced.add(n, ordering: .relaxed) }
    func addDeadLettered(_ n: Int) { _deadLettered.add(n, ordering: .relaxed) }
    func addProcessing(_ d: Duration) {
        let (s, atto) = d.components
        _processingNanos.add(Int(s) * 1_000_000_000 + Int(atto / 1_000_000_000), ordering: .relaxed)
    }
    func addBatch() { _batches.add(1, ordering: .relaxed) }
}
