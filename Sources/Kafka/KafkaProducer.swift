import CRDKafka
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Sends records to Kafka; ``send(_:)`` returns once the broker has acknowledged the record.
///
/// A dedicated thread serves librdkafka's delivery reports. Batching, compression and
/// partitioning are librdkafka's, set through ``KafkaConfiguration/properties``. Close with
/// ``close(timeout:)`` (flushes, then destroys) or run it as a lifecycle `Service`.
public final class KafkaProducer: Service, Sendable {
    let handle: RDKafkaHandle
    private let poller = PollThread(name: "wirestream-producer-poll")
    private let logger: Logger
    private let state = LockedValue(State.running)
    /// Records queued whose delivery report has not run yet.
    private let pendingDeliveries = PendingCount()
    public let isTransactional: Bool

    private enum State { case running, closed }

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        var properties = configuration.kafka.resolved(defaults: KafkaProducerConfiguration.defaults)
        if let id = configuration.transactionalID {
            properties["transactional.id"] = id
            // librdkafka requires message.timeout.ms <= transaction.timeout.ms (60 s by default).
            let transactionTimeout = properties["transaction.timeout.ms"].flatMap(Int.init) ?? 60_000
            if configuration.kafka.properties["message.timeout.ms"] == nil,
               (properties["message.timeout.ms"].flatMap(Int.init) ?? 300_000) > transactionTimeout {
                properties["message.timeout.ms"] = String(transactionTimeout)
            }
        }
        self.logger = logger
        self.isTransactional = configuration.transactionalID != nil
        let context = RDKafkaCallbackContext(logger: logger, statisticsHandler: configuration.kafka.statisticsHandler)
        handle = try RDKafkaHandle(kind: .producer, properties: properties, context: context, deliveryCallback: true)
        let handle = self.handle
        poller.start { rd_kafka_poll(handle.pointer, 100) }
    }

    /// Sends `record` and waits until the broker acknowledges it (or delivery finally fails).
    ///
    /// When librdkafka's local queue is full, waits for room instead of failing (back-pressure).
    @discardableResult
    public func send(_ record: KafkaProducerRecord) async throws -> KafkaDeliveryReport {
        while true {
            try checkOpen()
            let outcome: SendOutcome = try await withCheckedThrowingContinuation { continuation in
                let box = DeliveryBox(topic: record.topic) { result in
                    continuation.resume(with: result.map { SendOutcome.delivered($0) }.mapError { $0 as any Error })
                }
                do {
                    // When the record is not queued the box is released without completing,
                    // so the continuation is resumed exactly once on every path.
                    if try !enqueue(record, box: box) { continuation.resume(returning: .queueFull) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            switch outcome {
            case .delivered(let report): return report
            case .queueFull: try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// Sends `records` in order (records for one partition keep this order) and waits until the broker
    /// has acknowledged or finally rejected every one. Results are in the order of `records`.
    ///
    /// This is how a worker sends a processed batch: one wait for all acknowledgements instead of one
    /// round trip per record.
    public func sendBatch(_ records: [KafkaProducerRecord]) async throws -> [Result<KafkaDeliveryReport, KafkaError>] {
        guard !records.isEmpty else { return [] }
        let collector = BatchCollector(count: records.count)
        var index = 0
        while index < records.count {
            try checkOpen()
            let i = index
            let box = DeliveryBox(topic: records[i].topic) { result in collector.complete(i, result) }
            do {
                if try enqueue(records[i], box: box) {
                    index += 1
                } else {
                    try await Task.sleep(for: .milliseconds(2))
                }
            } catch let error as KafkaError where error.isRecordTooLarge {
                // Refused locally before queueing: report it for this record, send the others.
                collector.complete(i, .failure(error))
                index += 1
            }
        }
        return await collector.wait()
    }

    /// Waits until every queued record is delivered or `timeout` passes. Blocks: from async code use
    /// ``flushQueued(timeout:)``.
    public func flush(timeout: Duration = .seconds(30)) throws {
        try checkOpen()
        let err = rd_kafka_flush(handle.pointer, Int32(timeout.milliseconds))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "flush") }
    }

    /// ``flush(timeout:)`` on a thread of its own, not Swift's cooperative pool.
    public func flushQueued(timeout: Duration = .seconds(30)) async throws {
        try await runBlocking { [self] in try flush(timeout: timeout) }
    }

    /// Closes the producer: waits up to `timeout` for what is queued to be delivered, then purges the rest
    /// and serves every delivery report, so each pending ``send(_:)`` and ``sendBatch(_:)`` resumes (the
    /// purged ones with an error). Nothing can be queued once closing began; the librdkafka handle is
    /// destroyed with the last reference to it. Safe to call twice. Blocks: from async code use ``shutdown(timeout:)``.
    public func close(timeout: Duration = .seconds(10)) {
        // Under the lock that every enqueue takes: no record is queued after this.
        let wasRunning = state.withLock { s -> Bool in
            defer { s = .closed }
            return s == .running
        }
        guard wasRunning else { return }
        let err = rd_kafka_flush(handle.pointer, Int32(max(0, timeout.milliseconds)))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("producer closed with records not yet acknowledged; their sends fail", metadata: ["records": "\(rd_kafka_outq_len(handle.pointer))"])
        }
        poller.stopAndWait()
        // Fail whatever is left (queued or in flight) and serve the delivery reports until none is pending.
        _ = rd_kafka_purge(handle.pointer, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        let deadline = ContinuousClock.now + .seconds(30)
        while pendingDeliveries.value > 0 && ContinuousClock.now < deadline {
            rd_kafka_poll(handle.pointer, 100)
        }
        if pendingDeliveries.value > 0 {
            logger.error("producer closed with delivery reports still missing", metadata: ["records": "\(pendingDeliveries.value)"])
        }
    }

    /// ``close(timeout:)`` on a thread of its own, not Swift's cooperative pool.
    public func shutdown(timeout: Duration = .seconds(10)) async {
        _ = try? await runBlocking { [self] in close(timeout: timeout) }
    }

    deinit { close(timeout: .zero) }

    /// Runs until graceful shutdown or cancellation, then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }

    // MARK: transactions

    /// Registers the transactional id with the coordinator and fences older instances using it.
    public func initTransactions(timeout: Duration = .seconds(30)) async throws {
        let handle = self.handle
        try await runBlocking {
            if let error = rd_kafka_init_transactions(handle.pointer, Int32(timeout.milliseconds)) {
                throw KafkaError.consuming(error, context: "init transactions")
            }
        }
    }

    public func beginTransaction() throws {
        if let error = rd_kafka_begin_transaction(handle.pointer) { throw KafkaError.consuming(error, context: "begin transaction") }
    }

    /// Adds the consumer's positions to the transaction, so they commit atomically with its records.
    public func sendOffsetsToTransaction(_ offsets: [TopicPartition], consumer: KafkaConsumer, timeout: Duration = .seconds(30)) async throws {
        let handle = self.handle
        let metadata = try consumer.groupMetadataPointer()
        defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
        let box = UncheckedBox(metadata)
        try await runBlocking {
            try RDKafkaTopicPartitionList.withList(offsets) { list in
                if let error = rd_kafka_send_offsets_to_transaction(handle.pointer, list, box.value, Int32(timeout.milliseconds)) {
                    throw KafkaError.consuming(error, context: "send offsets to transaction")
                }
            }
        }
    }

    public func commitTransaction(timeout: Duration = .seconds(30)) async throws {
        let handle = self.handle
        try await runBlocking {
            if let error = rd_kafka_commit_transaction(handle.pointer, Int32(timeout.milliseconds)) {
                throw KafkaError.consuming(error, context: "commit transaction")
            }
        }
    }

    public func abortTransaction(timeout: Duration = .seconds(30)) async throws {
        let handle = self.handle
        try await runBlocking {
            if let error = rd_kafka_abort_transaction(handle.pointer, Int32(timeout.milliseconds)) {
                throw KafkaError.consuming(error, context: "abort transaction")
            }
        }
    }

    // MARK: private

    private func checkOpen() throws {
        if state.withLock({ $0 }) != .running { throw KafkaError.state("the producer is closed") }
        try handle.checkFatal()
    }

    /// Returns false when the local queue is full.
    private func enqueue(_ record: KafkaProducerRecord, box original: DeliveryBox) throws -> Bool {
        let pending = pendingDeliveries
        let box = DeliveryBox(topic: original.topic) { result in
            pending.add(-1)
            original.complete(result)
        }
        let token = Unmanaged.passRetained(box).toOpaque()
        var headers: OpaquePointer? = nil
        if !record.headers.isEmpty {
            headers = rd_kafka_headers_new(record.headers.count)
            for h in record.headers {
                if let value = h.value {
                    value.withUnsafeBytes { _ = rd_kafka_header_add(headers, h.key, -1, $0.baseAddress, $0.count) }
                } else {
                    _ = rd_kafka_header_add(headers, h.key, -1, nil, 0)
                }
            }
        }
        // Queued under the state lock: ``close(timeout:)`` marks the producer closed under it, so no record is
        // queued after it purged (its delivery report would never be served).
        let produced: UncheckedBox<OpaquePointer?> = try state.withLock { s in
            guard s == .running else {
                Unmanaged<DeliveryBox>.fromOpaque(token).release()
                if let headers { rd_kafka_headers_destroy(headers) }
                throw KafkaError.state("the producer is closed")
            }
            pending.add(1)
            return UncheckedBox(produce(record, token: token, headers: headers))
        }
        guard let error = produced.value else { return true }
        pending.add(-1)
        // Not queued: we still own the token and the headers.
        Unmanaged<DeliveryBox>.fromOpaque(token).release()
        if let headers { rd_kafka_headers_destroy(headers) }
        let code = rd_kafka_error_code(error)
        if code == RD_KAFKA_RESP_ERR__QUEUE_FULL {
            rd_kafka_error_destroy(error)
            return false
        }
        throw KafkaError.consuming(error, context: "produce to \(record.topic)")
    }

    private func produce(_ record: KafkaProducerRecord, token: UnsafeMutableRawPointer, headers: OpaquePointer?) -> OpaquePointer? {
        record.topic.withCString { topic in
            record.value.withUnsafeBytes { value in
                withOptionalBytes(record.key) { key in
                    var vus = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 8)
                    var n = 0
                    vus[n].vtype = RD_KAFKA_VTYPE_TOPIC; vus[n].u.cstr = topic; n += 1
                    vus[n].vtype = RD_KAFKA_VTYPE_VALUE
                    if record.isTombstone {
                        vus[n].u.mem.ptr = nil; vus[n].u.mem.size = 0; n += 1
                    } else {
                        vus[n].u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress); vus[n].u.mem.size = value.count; n += 1
                    }
                    if let key {
                        vus[n].vtype = RD_KAFKA_VTYPE_KEY
                        vus[n].u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress); vus[n].u.mem.size = key.count; n += 1
                    }
                    vus[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS; vus[n].u.i = RD_KAFKA_MSG_F_COPY; n += 1
                    vus[n].vtype = RD_KAFKA_VTYPE_OPAQUE; vus[n].u.ptr = token; n += 1
                    if let partition = record.partition { vus[n].vtype = RD_KAFKA_VTYPE_PARTITION; vus[n].u.i32 = partition; n += 1 }
                    if let ts = record.timestampMs { vus[n].vtype = RD_KAFKA_VTYPE_TIMESTAMP; vus[n].u.i64 = ts; n += 1 }
                    if let headers { vus[n].vtype = RD_KAFKA_VTYPE_HEADERS; vus[n].u.headers = headers; n += 1 }
                    return rd_kafka_produceva(handle.pointer, &vus, n)
                }
            }
        }
    }
}

/// A count shared with librdkafka's delivery callbacks.
final class PendingCount: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ n: Int) { count.add(n, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}

private enum SendOutcome: Sendable {
    case delivered(KafkaDeliveryReport)
    case queueFull
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}

struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// Gathers the delivery reports of one ``KafkaProducer/sendBatch(_:)`` call.
private final class BatchCollector: Sendable {
    private struct State {
        var results: [Result<KafkaDeliveryReport, KafkaError>?]
        var remaining: Int
        var waiter: CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>?
    }
    private let state: LockedValue<State>

    init(count: Int) { state = LockedValue(State(results: Array(repeating: nil, count: count), remaining: count)) }

    func complete(_ index: Int, _ result: Result<KafkaDeliveryReport, KafkaError>) {
        let resume = state.withLock { s -> (CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>, [Result<KafkaDeliveryReport, KafkaError>])? in
            if case .some = s.results[index] { return nil }
            s.results[index] = result
            s.remaining -= 1
            guard s.remaining == 0, let waiter = s.waiter else { return nil }
            s.waiter = nil
            return (waiter, s.results.compactMap { $0 })
        }
        if let (waiter, results) = resume { waiter.resume(returning: results) }
    }

    func wait() async -> [Result<KafkaDeliveryReport, KafkaError>] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> [Result<KafkaDeliveryReport, KafkaError>]? in
                if s.remaining == 0 { return s.results.compactMap { $0 } }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
