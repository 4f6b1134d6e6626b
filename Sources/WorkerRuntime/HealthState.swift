import Metrics
import Synchronization

/// How many partitions the worker holds, for `/health` and the `wirestream_assigned_partitions` gauge.
final class HealthState: Sendable {
    private let count = Atomic<Int>(0)
    private let gauge: Metrics.Gauge

    init(gauge: Metrics.Gauge) { self.gauge = gauge }

    func add(_ n: Int) {
        let now = count.add(n, ordering: .relaxed).newValue
        gauge.record(now)
    }

    var partitions: Int { count.load(ordering: .relaxed) }
}
