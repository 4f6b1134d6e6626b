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
    public let counters: WorkerCounters
    let stage: any Stage
    let settings: StageSettings
    let pipeline: String
    let kafka: KafkaSettings
    let bootstrap: String
    let instance: Int
    let logger: Logger
    let maxBatch: Int
    let statsInterval: Duration
    let inFlightRecords = InFlightRecords()
    /// How long a revocation waits for the revoked partitions' records in flight before letting them go.
    static let revocationWait: Duration = .seconds(30)
    let assignmentChanged = ChangeFlag()
    /// Explicit commits of stored offsets, at most one per `commitInterval`.
    let commits = CommitThrottle(interval: .milliseconds(200))
    let health: HealthState
    let metricsPort: Int?
    /// The producer's `message.max.bytes`: a record larger than this cannot be sent on after processing.
    let maxMessageBytes: Int

    /// - Parameters:
    ///   - bootstrap: overrides `kafka.bootstrap` (from `--bootstrap` or `WIRESTREAM_BOOTSTRAP`).
    ///   - maxBatch: records taken from the consumer at once.
    public init(
        stage: any Stage, settings: StageSettings, pipeline: String, kafka: KafkaSettings, bootstrap: String? = nil,
        instance: Int = 0, logger: Logger, maxBatch: Int = 500, statsInterval: Duration = .seconds(10), metricsPort: Int? = nil
    ) {
        self.metricsPort = metricsPort
        self.counters = WorkerCounters(stage: settings.name, pipeline: pipeline, instance: instance)
        self.health = HealthState(gauge: counters.metrics.assignedPartitions)
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

        // A local development stack (`wirectl dev`) asks for fast group joins; pipelines.yaml still wins.
        let fastJoin = ProcessInfo.processInfo.environment["WIRESTREAM_FAST_GROUP_JOIN"] == "1"
        var consumerKafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: fastJoin ? KafkaConsumerConfiguration.fastGroupJoin : [:])
        for (k, v) in kafka.properties { consumerKafka.properties[k] = v }
        for (k, v) in kafka.consumer { consumerKafka.properties[k] = v }
        if exactlyOnce {
            consumerKafka.properties["isolation.level"] = "read_committed"
            consumerKafka.properties["enable.auto.commit"] = "false"
        }
        var consumerConfig = KafkaConsumerConfiguration(kafka: consumerKafka, groupID: settings.group)
        let logger = self.logger
        let tracker = self.inFlightRecords
        let consumerRef = ConsumerReference()
        let assignmentChanged = self.assignmentChanged
        let health = self.health
        let counters = self.counters
        consumerConfig.onAssign = { partitions in
            tracker.assigned(partitions)
            // An incremental rebalance that adds nothing (another member joined) changes nothing here.
            if !partitions.isEmpty { assignmentChanged.set() }
            health.add(partitions.count)
            logger.info("partitions assigned", metadata: ["partitions": "\(Self.describe(partitions))"])
        }
        consumerConfig.onRevoke = { partitions in
            // On the consumer's rebalance thread (polling goes on): let the revoked partitions' records in
            // flight finish and store their offsets, then commit before the partitions move.
            let (atStart, unsettled) = tracker.revoke(partitions, timeout: Self.revocationWait)
            if unsettled > 0 {
                logger.warning("revocation: records of the revoked partitions were still in flight; the new owner processes them again", metadata: [
                    "records": "\(unsettled)", "waited": "\(Self.revocationWait)",
                ])
            }
            var uncommitted = 0
            if !exactlyOnce, let consumer = consumerRef.consumer {
                uncommitted = Self.commitRevoked(partitions, consumer: consumer, handled: counters.handledPositions, logger: logger)
            }
            health.add(-partitions.count)
            counters.forget(partitions)
            logger.info("partitions revoked", metadata: [
                "partitions": "\(Self.describe(partitions))", "in_flight_records": "\(atStart)", "unsettled_records": "\(unsettled)",
                "uncommitted_records": "\(uncommitted)",
            ])
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
            let metrics = counters.metrics
            server = try await MetricsServer.start(
                port: metricsPort,
                metrics: { [counters] in
                    metrics.recordLag(Self.lag(counters.handledPositions, consumer: consumerRef.consumer))
                    return metrics.prometheusText()
                },
                healthy: { health.partitions > 0 })
            logger.info("serving /metrics and /health", metadata: ["port": "\(metricsPort)"])
        }

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
                    defer { tracker.end(pending.token) }
                    try await finish(pending.prepared, results: try await pending.sending.value, producers: producers, consumer: consumer, exactlyOnce: false)
                }
                while true {
                    var taken: [KafkaConsumerMessage]
                    if inFlight != nil {
                        // Take more only when it is already here and no revocation is waiting for us to settle.
                        taken = tracker.settleRequested ? [] : try consumer.bufferedBatch(maxMessages: maxBatch)
                        if taken.isEmpty {
                            try await complete()
                            continue
                        }
                    } else {
                        taken = try await consumer.nextBatch(maxMessages: maxBatch)
                        if taken.isEmpty { break }
                    }
                    // Records of partitions whose revocation began after they were taken are left to the new owner.
                    let (batch, token) = tracker.begin(taken)
                    var begun = true
                    defer { if begun { tracker.end(token) } }
                    if batch.isEmpty { continue }
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
                    inFlight = InFlightBatch(prepared: prepared, sending: Task { try await producer.sendBatch(prepared.records) }, token: token)
                    begun = false  // ends when the batch is completed
                }
            } onGracefulShutdown: {
                logger.info("shutting down: finishing the batch in flight")
                consumer.stopDelivery()
            }
        } catch let error where exactlyOnce && (Self.isFencing(error) || producers.current.fatal?.isFenced == true) {
            // A newer instance with this transactional.id took over (e.g. a replacement started before this
            // one stopped): this producer can never commit again, and the open transaction is the new
            // owner's to redo. Stop without committing anything; this is not a failure of the worker.
            logger.error("fenced: another instance with the same transactional.id took over; stopping without committing", metadata: [
                "transactional_id": "\(producerConfiguration.transactionalID ?? "-")", "error": "\(error)",
            ])
        } catch {
            failure = error
        }
        tracker.reset()
        if failure == nil && !exactlyOnce {
            // A rebalance under way (another instance joining) refuses commits until this member has rejoined:
            // retry for a few seconds rather than leave the last records to be processed again.
            for attempt in 1...20 {
                do {
                    try await consumer.commitSync()
                    break
                } catch let error as KafkaError where error.isRebalancing && attempt < 20 {
                    try? await Task.sleep(for: .milliseconds(250))
                } catch {
                    logger.warning("final commit failed", metadata: ["error": "\(error)"])
                    break
                }
            }
        }
        await consumer.shutdown()
        await producers.current.shutdown()
        await server?.close()
        try await stage.shutdown()
        logger.info("worker stopped", metadata: [
            "consumed": "\(counters.consumed)", "produced": "\(counters.produced)", "dead_lettered": "\(counters.deadLettered)",
        ])
        if let failure { throw failure }
    }

    /// Commits the stored offsets before revoked partitions move, and returns how many handled records of
    /// them the group's committed offsets still do not cover (the next owner processes those again: the broker
    /// refused the commit, e.g. because the group's generation moved on during the rebalance).
    static func commitRevoked(_ partitions: [TopicPartition], consumer: KafkaConsumer, handled: [TopicPartition: Int64], logger: Logger) -> Int {
        do {
            try consumer.commit()
        } catch {
            logger.warning("revocation: commit failed", metadata: ["error": "\(error)"])
        }
        // While the consumer closes, the group coordinator answers no offset fetch until the revocation is
        // over: the final commit before the close already retried through any rebalance.
        guard !consumer.isClosed else { return 0 }
        let mine = partitions.compactMap { p -> (TopicPartition, Int64)? in
            let key = TopicPartition(topic: p.topic, partition: p.partition)
            return handled[key].map { (key, $0) }
        }
        guard !mine.isEmpty else { return 0 }
        guard let committed = try? consumer.committed(mine.map(\.0), timeout: .seconds(5)) else {
            logger.warning("revocation: could not read the committed offsets back; records handled since the last commit may be processed again")
            return 0
        }
        var behind = 0
        for c in committed {
            guard let position = mine.first(where: { $0.0.topic == c.topic && $0.0.partition == c.partition })?.1 else { continue }
            behind += Int(max(0, position - (c.offset ?? 0)))
        }
        if behind > 0 {
            logger.warning("revocation: the group's committed offsets are behind the records handled; the new owner processes them again", metadata: [
                "records": "\(behind)",
            ])
        }
        return behind
    }

    /// A fenced transactional producer, as a Kafka error or as the delivery failure it caused.
    static func isFencing(_ error: any Error) -> Bool {
        if let error = error as? KafkaError { return error.isFenced }
        if case .deliveryFailed(_, let error)? = error as? WorkerError { return error.isFenced }
        return false
    }

    static func describe(_ partitions: [TopicPartition]) -> String {
        partitions.map { "\($0.topic)[\($0.partition)]" }.joined(separator: ",")
    }
}
