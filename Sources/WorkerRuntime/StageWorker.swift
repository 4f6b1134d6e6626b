import ArticleSchema
import Foundation
import Kafka
import Logging
import PipelineConfig
import ServiceLifecycle
import StageKit
import Synchronization

/// The loop every worker shares: consume → decode → `stage.process` → encode → produce downstream →
/// store the input offsets only after every output is acknowledged (at-least-once: a crash loses nothing).
///
/// Records are taken in batches. Within a batch, records are spread over `concurrency` lanes by key:
/// one key always lands in the same lane and is processed in order, different keys in parallel; all
/// outputs of the batch are then sent with one wait for their acknowledgements. With at-least-once
/// delivery, a batch already fetched is processed while the previous one waits for its acknowledgements
/// (at most two batches in flight; offsets are stored in order). A record that fails decoding or
/// processing goes to the dead-letter topic with its reason and the loop goes on.
///
/// Graceful shutdown (SIGTERM/SIGINT through ServiceLifecycle): stop fetching, finish the batch in
/// flight, commit, close the consumer and flush the producer.
public final class StageWorker: Service, Sendable {
    public let counters = WorkerCounters()
    private let stage: any Stage
    private let settings: StageSettings
    private let pipeline: String
    private let kafka: KafkaSettings
    private let bootstrap: String
    private let instance: Int
    private let logger: Logger
    private let maxBatch: Int
    private let statsInterval: Duration
    private let idle = IdleSignal()
    private let assignmentChanged = ChangeFlag()
    /// Explicit commits of stored offsets, at most one per `commitInterval`.
    private let commits = CommitThrottle(interval: .milliseconds(200))
    private let health = HealthState()
    private let metricsPort: Int?
    /// The producer's `message.max.bytes`: a record larger than this cannot be sent on after processing.
    private let maxMessageBytes: Int

    /// - Parameters:
    ///   - bootstrap: overrides `kafka.bootstrap` (from `--bootstrap` or `WIRESTREAM_BOOTSTRAP`).
    ///   - maxBatch: records taken from the consumer at once.
    public init(
        stage: any Stage, settings: StageSettings, pipeline: String, kafka: KafkaSettings, bootstrap: String? = nil,
        instance: Int = 0, logger: Logger, maxBatch: Int = 500, statsInterval: Duration = .seconds(10), metricsPort: Int? = nil
    ) {
        self.metricsPort = metricsPort
        self.maxMessageBytes = (kafka.producer["message.max.bytes"] ?? kafka.properties["message.max.bytes"]).flatMap { Int($0) } ?? 1_000_000
        self.stage = stage
        self.settings = settings
        self.pipeline = pipeline
        self.kafka = kafka
        self.bootstrap = bootstrap ?? kafka.bootstrap
        self.instance = instance
        self.logger = logger
        self.maxBatch = maxBatch
        self.statsInterval = statsInterval
    }

    public func run() async throws {
        let exactlyOnce = settings.delivery == .exactlyOnce
        // Topics are declared in pipelines.yaml and created by `wirectl topics create`: a worker never creates
        // one as a side effect (e.g. with the broker's default partitions after the broker lost its data).
        // A worker queues a whole batch at once, so waiting for more records to join it (librdkafka's
        // linger.ms, 5 by default) only adds latency at every hop: 1 ms unless the configuration says otherwise.
        var producerKafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: ["allow.auto.create.topics": "false", "linger.ms": "1"])
        for (k, v) in kafka.properties { producerKafka.properties[k] = v }
        for (k, v) in kafka.producer { producerKafka.properties[k] = v }
        let producerConfiguration = KafkaProducerConfiguration(
            kafka: producerKafka, transactionalID: exactlyOnce ? "\(settings.group).\(instance)" : nil)
        let producers = try ProducerBox { [logger] in try KafkaProducer(configuration: producerConfiguration, logger: logger) }
        let producer = producers.current

        var consumerKafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: kafka.properties)
        for (k, v) in kafka.consumer { consumerKafka.properties[k] = v }
        if exactlyOnce {
            consumerKafka.properties["isolation.level"] = "read_committed"
            consumerKafka.properties["enable.auto.commit"] = "false"
        }
        var consumerConfig = KafkaConsumerConfiguration(kafka: consumerKafka, groupID: settings.group)
        let logger = self.logger
        let idle = self.idle
        let consumerRef = ConsumerReference()
        let assignmentChanged = self.assignmentChanged
        let health = self.health
        let counters = self.counters
        consumerConfig.onAssign = { partitions in
            assignmentChanged.set()
            health.add(partitions.count)
            logger.info("partitions assigned", metadata: ["partitions": "\(Self.describe(partitions))"])
        }
        consumerConfig.onRevoke = { partitions in
            // Let the batch in flight finish and store its offsets, then commit before the partitions move.
            if !idle.waitUntilIdle(timeout: 30) {
                logger.warning("revocation: the batch in flight did not finish in 30 s; its records will be processed again")
            }
            if !exactlyOnce { try? consumerRef.consumer?.commit() }
            health.add(-partitions.count)
            counters.forget(partitions)
            logger.info("partitions revoked", metadata: ["partitions": "\(Self.describe(partitions))"])
        }
        let consumer = try KafkaConsumer(configuration: consumerConfig, logger: logger)
        consumerRef.consumer = consumer
        if exactlyOnce { try await producer.initTransactions() }
        try consumer.subscribe(topics: settings.inputs)
        logger.info("worker started", metadata: [
            "stage": "\(settings.name)", "pipeline": "\(pipeline)", "input": "\(settings.inputs.joined(separator: ","))",
            "output": "\(settings.output)", "group": "\(settings.group)", "dead_letter": "\(settings.deadLetter ?? "-")",
            "delivery": "\(settings.delivery.rawValue)", "bootstrap": "\(bootstrap)",
        ])

        var server: MetricsServer?
        if let metricsPort {
            let labels = "stage=\"\(settings.name)\",pipeline=\"\(pipeline)\",instance=\"\(instance)\""
            server = try MetricsServer(
                port: metricsPort,
                metrics: { [counters] in
                    let lag = Self.lag(counters.handledPositions, consumer: consumerRef.consumer)
                    return Self.prometheusText(counters, labels: labels, assigned: health.partitions, lag: lag)
                },
                healthy: { health.partitions > 0 })
            logger.info("serving /metrics and /health", metadata: ["port": "\(metricsPort)"])
        }
        _ = server

        let statsTask = Task { [counters, statsInterval] in
            var last = (consumed: 0, at: ContinuousClock.now)
            while !Task.isCancelled {
                try? await Task.sleep(for: statsInterval)
                if Task.isCancelled { break }
                let now = ContinuousClock.now
                let consumed = counters.consumed
                let seconds = Double((now - last.at).components.seconds) + Double((now - last.at).components.attoseconds) / 1e18
                let rate = seconds > 0 ? Double(consumed - last.consumed) / seconds : 0
                last = (consumed, now)
                logger.info("progress", metadata: [
                    "consumed": "\(consumed)", "produced": "\(counters.produced)", "dead_lettered": "\(counters.deadLettered)",
                    "rate_per_s": "\(Int(rate))", "processing_s": "\(String(format: "%.2f", counters.processingSeconds))",
                ])
            }
        }
        defer { statsTask.cancel() }

        var failure: (any Error)?
        do {
            try await withGracefulShutdownHandler {
                // At-least-once: while one batch's outputs wait for their acknowledgements, the next batch
                // (if already fetched) is processed; its outputs are sent once the earlier batch is done, so
                // offsets are still stored in order and only after their outputs are acknowledged.
                var inFlight: InFlightBatch?
                func complete() async throws {
                    guard let pending = inFlight else { return }
                    inFlight = nil
                    defer { idle.end() }
                    try await finish(pending.prepared, results: try await pending.sending.value, producers: producers, consumer: consumer, exactlyOnce: false)
                }
                while true {
                    var batch: [KafkaConsumerMessage]
                    if inFlight != nil {
                        // Take more only when it is already here and no revocation is waiting for us to settle.
                        batch = idle.settleRequested ? [] : try consumer.bufferedBatch(maxMessages: maxBatch)
                        if batch.isEmpty {
                            try await complete()
                            continue
                        }
                    } else {
                        batch = try await consumer.nextBatch(maxMessages: maxBatch)
                        if batch.isEmpty { break }
                    }
                    idle.begin()
                    var begun = true
                    defer { if begun { idle.end() } }
                    if assignmentChanged.take() {
                        try await complete()
                        try await stage.partitionsChanged()
                    }
                    let prepared = try await prepare(batch)
                    if exactlyOnce {
                        let producer = producers.current
                        try producer.beginTransaction()
                        let results = try await producer.sendBatch(prepared.records)
                        try await finish(prepared, results: results, producers: producers, consumer: consumer, exactlyOnce: true)
                        continue
                    }
                    try await complete()
                    let producer = producers.current
                    inFlight = InFlightBatch(prepared: prepared, sending: Task { try await producer.sendBatch(prepared.records) })
                    begun = false  // ends when the batch is completed
                }
            } onGracefulShutdown: {
                logger.info("shutting down: finishing the batch in flight")
                consumer.stopDelivery()
            }
        } catch {
            failure = error
        }
        idle.reset()
        if failure == nil && !exactlyOnce {
            do { try consumer.commit() } catch { logger.warning("final commit failed", metadata: ["error": "\(error)"]) }
        }
        consumer.close()
        producers.current.close()
        try await stage.shutdown()
        logger.info("worker stopped", metadata: [
            "consumed": "\(counters.consumed)", "produced": "\(counters.produced)", "dead_lettered": "\(counters.deadLettered)",
        ])
        if let failure { throw failure }
    }

    // MARK: batch processing

    /// A batch processed into the records to send, with the input message behind each record.
    private struct PreparedBatch: Sendable {
        var batch: [KafkaConsumerMessage]
        var records: [KafkaProducerRecord]
        var sources: [KafkaConsumerMessage]
        var deadLettered: Int
    }

    /// A batch whose records are being sent; its offsets are stored once they are acknowledged.
    private struct InFlightBatch: Sendable {
        var prepared: PreparedBatch
        var sending: Task<[Result<KafkaDeliveryReport, KafkaError>], any Error>
    }

    /// Decodes, processes and encodes a batch (spread over the lanes), and builds the records to send.
    private func prepare(_ batch: [KafkaConsumerMessage]) async throws -> PreparedBatch {
        counters.addConsumed(batch.count)
        counters.addBatch()
        let laneCount = stage.allowsConcurrency ? max(1, min(settings.concurrency, batch.count)) : 1
        var lanes = [[KafkaConsumerMessage]](repeating: [], count: laneCount)
        for message in batch { lanes[Self.lane(of: message, count: laneCount)].append(message) }

        let outputs: [[Outcome]] = await withTaskGroup(of: (Int, [Outcome]).self) { group in
            for (index, lane) in lanes.enumerated() where !lane.isEmpty {
                group.addTask {
                    var out: [Outcome] = []
                    out.reserveCapacity(lane.count)
                    for message in lane { out.append(await self.process(message)) }
                    return (index, out)
                }
            }
            var byLane = [[Outcome]](repeating: [], count: laneCount)
            for await (index, out) in group { byLane[index] = out }
            return byLane
        }
        var records: [KafkaProducerRecord] = []
        var sources: [KafkaConsumerMessage] = []
        records.reserveCapacity(batch.count)
        var deadLettered = 0
        for (laneIndex, lane) in outputs.enumerated() {
            for (i, outcome) in lane.enumerated() {
                sources.append(lanes[laneIndex][i])
                switch outcome {
                case .output(let r): records.append(r)
                case .deadLetter(let r):
                    records.append(r)
                    deadLettered += 1
                case .unroutable(let reason):
                    // Nowhere to put it: stop rather than lose the record (its offset is not committed).
                    throw WorkerError.noDeadLetterTopic(stage: settings.name, reason: reason)
                }
            }
        }

        return PreparedBatch(batch: batch, records: records, sources: sources, deadLettered: deadLettered)
    }

    /// Waits for a sent batch's acknowledgements (sending failed records again on a new producer),
    /// dead-letters outputs that outgrew the size limit, checkpoints the stage, then stores (or, with
    /// exactly-once, commits in the transaction) the batch's input offsets.
    private func finish(
        _ prepared: PreparedBatch, results sent: [Result<KafkaDeliveryReport, KafkaError>], producers: ProducerBox,
        consumer: KafkaConsumer, exactlyOnce: Bool
    ) async throws {
        let (batch, records, sources) = (prepared.batch, prepared.records, prepared.sources)
        var deadLettered = prepared.deadLettered
        var producer = producers.current
        var results = sent
        if !exactlyOnce {
            // A producer that cannot deliver (e.g. a restarted broker that lost its state answers
            // UNKNOWN_PRODUCER_ID until the messages time out) is replaced and the failed records are sent
            // again; their input offsets are not stored until they are acknowledged.
            for attempt in 1...3 {
                let failed = results.indices.filter { if case .failure(let e) = results[$0] { !e.isRecordTooLarge } else { false } }
                guard let first = failed.first, case .failure(let error) = results[first] else { break }
                logger.warning("could not deliver records; starting a new producer and sending them again", metadata: [
                    "records": "\(failed.count)", "error": "\(error)", "attempt": "\(attempt)",
                ])
                producer = try producers.renew()
                let retried = try await producer.sendBatch(failed.map { records[$0] })
                for (j, index) in failed.enumerated() { results[index] = retried[j] }
            }
        }
        var oversized: [KafkaProducerRecord] = []
        for (i, (record, result)) in zip(records, results).enumerated() {
            guard case .failure(let error) = result else { continue }
            if error.isRecordTooLarge, record.topic == settings.output, let dlq = settings.deadLetter {
                counters.addError(.recordTooLarge)
                // The enriched record outgrew the size limit: the original goes to the dead-letter topic.
                let reason = "the processed record (\(record.value.count) bytes) is larger than the message size limit: \(error.message)"
                logger.warning("record sent to the dead-letter topic", metadata: ["offset": "\(sources[i].offset)", "reason": "\(reason)"])
                oversized.append(DeadLetter.record(
                    for: sources[i], topic: dlq, reason: reason, stage: settings.name, pipeline: pipeline, maxValueBytes: deadLetterValueLimit))
                continue
            }
            if exactlyOnce { try? await producer.abortTransaction() }
            counters.addError(.deliveryFailed)
            throw WorkerError.deliveryFailed(topic: record.topic, error: error)
        }
        if !oversized.isEmpty {
            for case .failure(let error) in try await producer.sendBatch(oversized) {
                if exactlyOnce { try? await producer.abortTransaction() }
                counters.addError(.deliveryFailed)
                throw WorkerError.deliveryFailed(topic: settings.deadLetter ?? "", error: error)
            }
            deadLettered += oversized.count
        }
        try await stage.checkpoint()
        let positions = Self.nextPositions(batch)
        if exactlyOnce {
            try await producer.sendOffsetsToTransaction(positions, consumer: consumer)
            try await producer.commitTransaction()
        } else {
            try consumer.storeOffsets(positions)
            // Commit without waiting, at most every 200 ms, so a crash repeats at most that much; one commit
            // per batch made a request per batch, which at a few records per batch cost the broker more than
            // the records. librdkafka's auto-commit, the commit on revocation and the final commit cover the rest.
            if commits.due() { consumer.commitAsync() }
        }
        counters.addProduced(records.count - deadLettered)
        counters.addDeadLettered(deadLettered)
        counters.handled(positions)
    }

    private enum Outcome: Sendable {
        case output(KafkaProducerRecord)
        case deadLetter(KafkaProducerRecord)
        /// Failed, and the stage has no dead-letter topic.
        case unroutable(String)
    }

    private func process(_ message: KafkaConsumerMessage) async -> Outcome {
        let headerVersion = message.headers.string(ArticleCodec.schemaVersionHeader).flatMap { Int($0) }
        let clock = ContinuousClock()
        let start = clock.now
        var kind = WorkerCounters.ErrorKind.invalidRecord
        do {
            // Stages keep every input field, so an input already over the limit cannot be sent on: say so
            // without spending time processing it.
            if message.value.count > maxMessageBytes {
                kind = .recordTooLarge
                throw RecordTooLarge(bytes: message.value.count, limit: maxMessageBytes)
            }
            let record = try ArticleCodec.decode(message.value, headerSchemaVersion: headerVersion)
            kind = .stageError
            var out = try await stage.process(record)
            out.appendLineage(stage: stage.name, version: stage.version)
            counters.addProcessing(clock.now - start)
            let headers = ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
            return .output(KafkaProducerRecord(topic: settings.output, key: out.id, value: ArticleCodec.encode(out), headers: headers))
        } catch {
            counters.addProcessing(clock.now - start)
            counters.addError(kind)
            let reason = "\(error)"
            logger.warning("record sent to the dead-letter topic", metadata: [
                "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "reason": "\(reason)",
            ])
            guard let dlq = settings.deadLetter else {
                return .unroutable(reason)
            }
            return .deadLetter(DeadLetter.record(
                for: message, topic: dlq, reason: reason, stage: settings.name, pipeline: pipeline, maxValueBytes: deadLetterValueLimit))
        }
    }

    /// Room for a dead letter's value: the size limit less space for key and headers.
    private var deadLetterValueLimit: Int { max(1024, maxMessageBytes - 16_384) }

    /// Lane for a message: by key, so one key's records stay in order; keyless records by partition and offset.
    static func lane(of message: KafkaConsumerMessage, count: Int) -> Int {
        guard count > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let key = message.key {
            for b in key { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        } else {
            hash = UInt64(bitPattern: message.offset) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: message.partition))
        }
        return Int(hash % UInt64(count))
    }

    /// Per partition, the offset after the last message of the batch.
    static func nextPositions(_ batch: [KafkaConsumerMessage]) -> [TopicPartition] {
        var next: [String: TopicPartition] = [:]
        for m in batch {
            let key = "\(m.topic)\u{0}\(m.partition)"
            if let existing = next[key], let offset = existing.offset, offset > m.offset { continue }
            next[key] = m.nextPosition
        }
        return next.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Per assigned input partition, how many records are behind the last one handled: the high
    /// watermark librdkafka last fetched minus the position after the last handled record.
    static func lag(_ handled: [TopicPartition: Int64], consumer: KafkaConsumer?) -> [TopicPartition: Int64] {
        guard let consumer else { return [:] }
        var lag: [TopicPartition: Int64] = [:]
        for (partition, position) in handled {
            guard let high = consumer.cachedHighWatermark(topic: partition.topic, partition: partition.partition) else { continue }
            lag[partition] = max(0, high - position)
        }
        return lag
    }

    /// Counters in Prometheus text format (version 0.0.4).
    static func prometheusText(_ c: WorkerCounters, labels: String, assigned: Int, lag: [TopicPartition: Int64] = [:]) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ extra: String, _ value: String) {
            out += "\(name){\(labels)\(extra.isEmpty ? "" : ",\(extra)")} \(value)\n"
        }
        let simple: [(String, String, String, String)] = [
            ("wirestream_records_consumed_total", "counter", "Records read from the input topics.", "\(c.consumed)"),
            ("wirestream_records_produced_total", "counter", "Records written to the output topic.", "\(c.produced)"),
            ("wirestream_records_dead_lettered_total", "counter", "Records sent to the dead-letter topic.", "\(c.deadLettered)"),
            ("wirestream_batches_total", "counter", "Batches processed.", "\(c.batches)"),
            ("wirestream_assigned_partitions", "gauge", "Input partitions assigned to this worker.", "\(assigned)"),
        ]
        for (name, type, help, value) in simple {
            family(name, type, help)
            sample(name, "", value)
        }
        family("wirestream_errors_total", "counter", "Records that did not reach the output topic, by kind.")
        let errors = c.errorsByKind
        for kind in WorkerCounters.ErrorKind.allCases {
            sample("wirestream_errors_total", "kind=\"\(kind.rawValue)\"", "\(errors[kind] ?? 0)")
        }
        family("wirestream_processing_seconds", "histogram", "Time to decode, process and encode one record.")
        var cumulative = 0
        let counts = c.processingHistogram
        for (i, bound) in WorkerCounters.processingBuckets.enumerated() {
            cumulative += counts[i]
            sample("wirestream_processing_seconds_bucket", "le=\"\(bound)\"", "\(cumulative)")
        }
        cumulative += counts.last ?? 0
        sample("wirestream_processing_seconds_bucket", "le=\"+Inf\"", "\(cumulative)")
        sample("wirestream_processing_seconds_sum", "", String(format: "%.6f", c.processingSeconds))
        sample("wirestream_processing_seconds_count", "", "\(cumulative)")
        family("wirestream_consumer_lag", "gauge", "Records in the input partition after the last one handled.")
        for (partition, value) in lag.sorted(by: { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }) {
            sample("wirestream_consumer_lag", "topic=\"\(partition.topic)\",partition=\"\(partition.partition)\"", "\(value)")
        }
        return out
    }

    static func describe(_ partitions: [TopicPartition]) -> String {
        partitions.map { "\($0.topic)[\($0.partition)]" }.joined(separator: ",")
    }
}

/// An input record already larger than the producer's message size limit.
struct RecordTooLarge: Error, CustomStringConvertible {
    var bytes: Int
    var limit: Int
    var description: String {
        "the record (\(bytes) bytes) is larger than the message size limit (message.max.bytes = \(limit)); the processed record could not be sent on"
    }
}

/// Why a worker stopped.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    case deliveryFailed(topic: String, error: KafkaError)
    case noDeadLetterTopic(stage: String, reason: String)
    case metrics(String)
    case missingTopics(stage: String, topics: [String], bootstrap: String)

    public var description: String {
        switch self {
        case .missingTopics(let stage, let topics, let bootstrap):
            "stage '\(stage)': topic\(topics.count == 1 ? "" : "s") \(topics.map { "'\($0)'" }.joined(separator: ", ")) not found on the broker at \(bootstrap); create the declared topics first with `wirectl topics create`"
        case .metrics(let message):
            message
        case .noDeadLetterTopic(let stage, let reason):
            "stage '\(stage)' could not process a record (\(reason)) and has no dead_letter topic to put it in; set dead_letter in pipelines.yaml"
        case .deliveryFailed(let topic, let error):
            "could not deliver to '\(topic)': \(error); input offsets were not committed, so the records will be processed again"
        }
    }
}

/// The worker's producer, replaced by a new one when it can no longer deliver.
private final class ProducerBox: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () throws -> KafkaProducer
    private var producer: KafkaProducer

    init(make: @escaping @Sendable () throws -> KafkaProducer) throws {
        self.make = make
        producer = try make()
    }

    var current: KafkaProducer { lock.withLock { producer } }

    /// Closes the current producer and starts a new one.
    func renew() throws -> KafkaProducer {
        let old = current
        old.close(timeout: .seconds(5))
        let fresh = try make()
        lock.withLock { producer = fresh }
        return fresh
    }
}

/// The consumer, for the revocation callback that is set up before the consumer exists.
private final class ConsumerReference: @unchecked Sendable {
    private let lock = NSLock()
    private var _consumer: KafkaConsumer?
    var consumer: KafkaConsumer? {
        get { lock.withLock { _consumer } }
        set { lock.withLock { _consumer = newValue } }
    }
}

/// How many partitions the worker holds, for `/health`.
private final class HealthState: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ n: Int) { count.add(n, ordering: .relaxed) }
    var partitions: Int { count.load(ordering: .relaxed) }
}

/// Set on librdkafka's thread when partitions are assigned; taken by the loop before the next batch.
private final class ChangeFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    func take() -> Bool { value.exchange(false, ordering: .sequentiallyConsistent) }
}

/// Tells the revocation callback (on librdkafka's thread) when no batch is in flight; while it
/// waits, `settleRequested` asks the loop to complete what it has before taking more.
private final class IdleSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var busy = 0
    private var waiters = 0

    var settleRequested: Bool { condition.withLock { waiters > 0 } }

    /// Forgets batches that will never complete (the loop has ended).
    func reset() {
        condition.lock()
        busy = 0
        condition.broadcast()
        condition.unlock()
    }

    func begin() {
        condition.lock()
        busy += 1
        condition.unlock()
    }

    func end() {
        condition.lock()
        busy -= 1
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        waiters += 1
        defer {
            waiters -= 1
            condition.unlock()
        }
        while busy > 0 {
            if !condition.wait(until: deadline) { return busy == 0 }
        }
        return true
    }
}

/// Lets an action through at most once per interval.
final class CommitThrottle: Sendable {
    private let interval: Duration
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(interval: Duration) { self.interval = interval }

    /// True (and the clock restarts) when the interval has passed since the last time it was true.
    func due(now: ContinuousClock.Instant = .now) -> Bool {
        last.withLock { last in
            if let previous = last, now - previous < interval { return false }
            last = now
            return true
        }
    }
}
