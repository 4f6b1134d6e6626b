import Foundation
import Kafka
import Metrics
import struct Prometheus.PrometheusMetricsFactory
import class Prometheus.PrometheusCollectorRegistry
import Synchronization

/// The worker's metrics, recorded through swift-metrics into a registry of its own and exported in
/// Prometheus text format by swift-prometheus (`GET /metrics`). Every sample carries the labels
/// `stage`, `pipeline` and `instance`.
final class WorkerMetrics: Sendable {
    /// Upper bounds of the processing-time histogram's buckets; `+Inf` is implied.
    static let processingBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
    ]

    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let labels: [(String, String)]
    let consumed: Metrics.Counter
    let produced: Metrics.Counter
    let deadLettered: Metrics.Counter
    let batches: Metrics.Counter
    let errors: [WorkerCounters.ErrorKind: Metrics.Counter]
    let processing: Metrics.Timer
    let assignedPartitions: Metrics.Gauge
    private let lag = Mutex<[TopicPartition: Metrics.Gauge]>([:])

    init(stage: String, pipeline: String, instance: Int) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = ["wirestream_processing_seconds": Self.processingBuckets]
        self.factory = factory
        let labels = [("stage", stage), ("pipeline", pipeline), ("instance", "\(instance)")]
        self.labels = labels
        consumed = Metrics.Counter(label: "wirestream_records_consumed_total", dimensions: labels, factory: factory)
        produced = Metrics.Counter(label: "wirestream_records_produced_total", dimensions: labels, factory: factory)
        deadLettered = Metrics.Counter(label: "wirestream_records_dead_lettered_total", dimensions: labels, factory: factory)
        batches = Metrics.Counter(label: "wirestream_batches_total", dimensions: labels, factory: factory)
        var errors: [WorkerCounters.ErrorKind: Metrics.Counter] = [:]
        for kind in WorkerCounters.ErrorKind.allCases {
            // Created up front, so every kind is exported (with 0) before the first error.
            errors[kind] = Metrics.Counter(label: "wirestream_errors_total", dimensions: labels + [("kind", kind.rawValue)], factory: factory)
        }
        self.errors = errors
        processing = Metrics.Timer(label: "wirestream_processing_seconds", dimensions: labels, factory: factory)
        assignedPartitions = Metrics.Gauge(label: "wirestream_assigned_partitions", dimensions: labels, factory: factory)
        assignedPartitions.record(0)
    }

    /// Sets `wirestream_consumer_lag{topic,partition}` for these partitions.
    func recordLag(_ values: [TopicPartition: Int64]) {
        lag.withLock { gauges in
            for (partition, value) in values {
                let gauge = gauges[partition] ?? Metrics.Gauge(
                    label: "wirestream_consumer_lag",
                    dimensions: labels + [("topic", partition.topic), ("partition", "\(partition.partition)")], factory: factory)
                gauges[partition] = gauge
                gauge.record(value)
            }
        }
    }

    /// Stops exporting the lag of partitions this worker no longer holds.
    func forgetLag(_ partitions: [TopicPartition]) {
        lag.withLock { gauges in
            for p in partitions {
                gauges.removeValue(forKey: TopicPartition(topic: p.topic, partition: p.partition))?.destroy()
            }
        }
    }

    /// Everything in Prometheus text format (version 0.0.4).
    func prometheusText() -> [UInt8] { registry.emitToBuffer() }
}
