import CRDKafka
import Foundation
import Logging
import ServiceLifecycle

/// Reads records as a member of a consumer group.
///
/// One dedicated thread owns polling and hands messages to ``messages`` (or ``nextBatch(maxMessages:)``)
/// through a bounded buffer: when the application falls behind, polling waits (back-pressure).
/// Offsets are stored only when the application says so (``storeOffsets(_:)``) and committed by
/// librdkafka's auto-commit or by ``commit()``. Assignment and revocation reach the application
/// through ``KafkaConsumerConfiguration/onAssign`` and ``KafkaConsumerConfiguration/onRevoke``.
public final class KafkaConsumer: Service, Sendable {
    private let handle: RDKafkaHandle
    private let buffer: MessageBuffer<KafkaConsumerMessage>
    private let rebalance: RebalanceHandler
    private let poller = PollThread(name: "wirestream-consumer-poll")
    private let logger: Logger
    private let state = LockedValue(State.idle)
    /// Set when ``close()`` has finished.
    private let closed = LockedValue(false)
    public let groupID: String
    private let properties: [String: String]

    private enum State: Sendable { case idle, polling, closed }

    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws {
        var properties = configuration.kafka.resolved(defaults: KafkaConsumerConfiguration.defaults)
        properties["group.id"] = configuration.groupID
        if properties["auto.offset.reset"] == nil { properties["auto.offset.reset"] = configuration.autoOffsetReset }
        self.logger = logger
        self.groupID = configuration.groupID
        self.properties = properties
        let buffer = MessageBuffer<KafkaConsumerMessage>(capacity: configuration.bufferCapacity) {
            TopicPartition(topic: $0.topic, partition: $0.partition)
        }
        self.buffer = buffer
        let rebalance = RebalanceHandler(
            logger: logger, strategy: properties["partition.assignment.strategy"],
            onAssign: configuration.onAssign, onRevoke: configuration.onRevoke,
            withhold: { buffer.withhold($0) }, release: { buffer.release($0) })
        self.rebalance = rebalance
        let context = RDKafkaCallbackContext(logger: logger, statisticsHandler: configuration.kafka.statisticsHandler, rebalance: rebalance)
        handle = try RDKafkaHandle(kind: .consumer, properties: properties, context: context, rebalanceCallback: true)
        rd_kafka_poll_set_consumer(handle.pointer)
    }

    /// Joins the group for `topics`; messages flow once partitions are assigned.
    public func subscribe(topics: [String]) throws {
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for t in topics { rd_kafka_topic_partition_list_add(list, t, RD_KAFKA_PARTITION_UA) }
        let err = rd_kafka_subscribe(handle.pointer, list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "subscribe to \(topics)") }
        startPolling()
    }

    /// Reads exactly these partitions, without group management, from their offsets
    /// (or from the committed/`auto.offset.reset` position when an offset is nil).
    public func assign(_ partitions: [TopicPartition]) throws {
        try RDKafkaTopicPartitionList.withList(partitions) { list in
            let err = rd_kafka_assign(handle.pointer, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "assign") }
        }
        startPolling()
    }

    /// The messages, in order per partition. Ends when the consumer is closed.
    public var messages: KafkaConsumerMessages { KafkaConsumerMessages(consumer: self) }

    /// Up to `maxMessages` messages, waiting for at least one. Empty once the consumer is closed.
    public func nextBatch(maxMessages: Int = 500) async throws -> [KafkaConsumerMessage] {
        try await buffer.next(max: maxMessages)
    }

    /// Up to `maxMessages` messages already fetched, without waiting: empty when none are waiting.
    /// A loop that has work in flight uses it to take more only when more is already there.
    public func bufferedBatch(maxMessages: Int = 500) throws -> [KafkaConsumerMessage] {
        try buffer.take(max: maxMessages)
    }

    /// Up to `maxMessages` messages, waiting at most `timeout` for the first; empty when none came.
    /// Unlike racing ``nextBatch(maxMessages:)`` against a timer, no message is ever dropped.
    public func nextBatch(maxMessages: Int = 500, timeout: Duration) async throws -> [KafkaConsumerMessage] {
        try await buffer.next(max: maxMessages, timeout: timeout)
    }

    /// Marks these positions (offset = next to read) as done; auto-commit or ``commit()`` commits them.
    public func storeOffsets(_ positions: [TopicPartition]) throws {
        guard !positions.isEmpty else { return }
        try RDKafkaTopicPartitionList.withList(positions) { list in
            let err = rd_kafka_offsets_store(handle.pointer, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__STATE {
                throw KafkaError.from(err, context: "store offsets")
            }
        }
    }

    /// Synchronously commits the stored offsets. Blocks until the broker answers: from async code use
    /// ``commitSync()``.
    public func commit() throws {
        try checkOpen()
        let err = rd_kafka_commit(handle.pointer, nil, 0)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw KafkaError.from(err, context: "commit")
        }
    }

    /// Commits the stored offsets and waits for the broker's answer on a thread of its own, not Swift's
    /// cooperative pool.
    public func commitSync() async throws {
        try await runBlocking { [self] in try commit() }
    }

    /// Starts committing the stored offsets without waiting for the broker's answer; failures are
    /// logged, and the next commit covers the same offsets again.
    public func commitAsync() {
        let err = rd_kafka_commit(handle.pointer, nil, 1)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            logger.debug("async commit not started", metadata: ["error": "\(KafkaError.from(err, context: "commit"))"])
        }
    }

    /// Synchronously commits exactly these positions.
    public func commit(_ positions: [TopicPartition]) throws {
        try checkOpen()
        try RDKafkaTopicPartitionList.withList(positions) { list in
            let err = rd_kafka_commit(handle.pointer, list, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "commit") }
        }
    }

    /// The group's committed positions for `partitions`.
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) throws -> [TopicPartition] {
        try checkOpen()
        return try RDKafkaTopicPartitionList.withList(partitions) { list in
            let err = rd_kafka_committed(handle.pointer, list, Int32(timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "committed offsets") }
            return RDKafkaTopicPartitionList.read(list)
        }
    }

    /// The partitions currently assigned to this member.
    public func assignment() throws -> [TopicPartition] {
        // After close the group's coordinator thread is gone: a request to it would never be answered.
        try checkOpen()
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>? = nil
        let err = rd_kafka_assignment(handle.pointer, &list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "assignment") }
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return RDKafkaTopicPartitionList.read(list)
    }

    /// The high watermark librdkafka last saw for a partition in a fetch response, without asking the
    /// broker (cheap enough for every metrics scrape); nil before the first fetch of that partition.
    public func cachedHighWatermark(topic: String, partition: Int32) -> Int64? {
        var low: Int64 = -1, high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(handle.pointer, topic, partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return high
    }

    /// Stops fetching these partitions until ``resume(_:)``.
    public func pause(_ partitions: [TopicPartition]) throws {
        try checkOpen()
        try RDKafkaTopicPartitionList.withList(partitions) { list in
            let err = rd_kafka_pause_partitions(handle.pointer, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "pause") }
        }
    }

    public func resume(_ partitions: [TopicPartition]) throws {
        try checkOpen()
        try RDKafkaTopicPartitionList.withList(partitions) { list in
            let err = rd_kafka_resume_partitions(handle.pointer, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "resume") }
        }
    }

    /// For each partition (whose `offset` holds a timestamp in ms), the earliest offset whose
    /// timestamp is at or after it; the end offset when there is none.
    ///
    /// The broker's answer is checked against record timestamps (see ``KafkaAdmin/offsetsForTimes(_:)``).
    public func offsetsForTimes(_ query: [TopicPartition], timeout: Duration = .seconds(10)) throws -> [TopicPartition] {
        let ms = Int32(timeout.milliseconds)
        let handle = self.handle
        let answers = try RDKafkaTopicPartitionList.withList(query) { list in
            let err = rd_kafka_offsets_for_times(handle.pointer, list, ms)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "offsets for times") }
            return RDKafkaTopicPartitionList.read(list)
        }
        var search = properties
        search.removeValue(forKey: "group.id")
        return try TimestampSearch(properties: search, context: RDKafkaCallbackContext(logger: logger, statisticsHandler: nil), timeoutMs: ms)
            .verify(query: query, answers: answers) { p in
                var low: Int64 = 0, high: Int64 = 0
                let err = rd_kafka_query_watermark_offsets(handle.pointer, p.topic, p.partition, &low, &high, ms)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "watermarks of \(p.topic)[\(p.partition)]") }
                return (low, high)
            }
    }

    /// Stops handing out messages (the first step of a graceful shutdown): readers get an empty batch;
    /// fetching pauses. Messages fetched but not yet handed out are dropped — their offsets were never
    /// stored, so the group reads them again after a restart — so a shutdown waits only for the batch in
    /// flight, not for the whole prefetch buffer. Stored offsets can still be committed until ``close()``.
    public func stopDelivery() {
        buffer.finish(discardingBuffered: true)
        if let assigned = try? assignment(), !assigned.isEmpty { try? pause(assigned) }
    }

    /// Closes the consumer: stops polling, leaves the group (revocation runs), and waits until the
    /// rebalance callbacks have run. The librdkafka handle itself is destroyed only when the last reference
    /// to it goes away, so a call after `close()` fails (or returns nothing) instead of touching freed memory.
    /// Blocks for up to librdkafka's close timeout: from async code use ``shutdown()``.
    public func close() {
        let previous = state.withLock { s -> State in
            defer { s = .closed }
            return s
        }
        guard previous != .closed else { return }
        buffer.finish()
        poller.stopAndWait()
        let err = rd_kafka_consumer_close(handle.pointer)
        rebalance.drain()
        rebalance.detach()
        closed.withLock { $0 = true }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close", metadata: ["error": "\(String(cString: rd_kafka_err2str(err)))"])
        }
    }

    /// True once ``close()`` has begun (its revocation callbacks see it).
    public var isClosed: Bool { state.withLock { $0 } == .closed }

    /// ``close()`` on a thread of its own, not Swift's cooperative pool.
    public func shutdown() async {
        _ = try? await runBlocking { [self] in close() }
    }

    deinit { close() }

    /// Runs until graceful shutdown or cancellation, then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }

    func groupMetadataPointer() throws -> OpaquePointer {
        guard let metadata = rd_kafka_consumer_group_metadata(handle.pointer) else {
            throw KafkaError.state("the consumer has no group metadata (not subscribed?)")
        }
        return metadata
    }

    // MARK: private

    /// Throws once ``close()`` has finished (calls from its own revocation callbacks still go through).
    private func checkOpen() throws {
        if closed.withLock({ $0 }) { throw KafkaError.state("the consumer is closed") }
    }

    private func startPolling() {
        let shouldStart = state.withLock { s -> Bool in
            guard s == .idle else { return false }
            s = .polling
            return true
        }
        guard shouldStart else { return }
        let handle = self.handle
        let buffer = self.buffer
        let logger = self.logger
        let poller = self.poller
        let context = handle.context
        poller.start {
            guard let raw = rd_kafka_consumer_poll(handle.pointer, 100) else { return }
            defer { rd_kafka_message_destroy(raw) }
            let m = raw.pointee
            if m.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return }
                let error = KafkaError.from(m.err, context: "consume")
                if let fatal = context.fatal.withLock({ $0 }) {
                    logger.critical("consumer stopped on a fatal error", metadata: ["error": "\(fatal)"])
                    buffer.finish(error: fatal)
                } else {
                    logger.warning("consumer error; continuing", metadata: ["error": "\(error)"])
                }
                return
            }
            buffer.push(KafkaConsumer.convert(raw), shouldStop: { poller.isStopping })
        }
    }

    private static func convert(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaConsumerMessage {
        let m = raw.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let value: [UInt8] = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        let key: [UInt8]? = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer? = nil
        if rd_kafka_message_headers(raw, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>? = nil
            var valuePointer: UnsafeRawPointer? = nil
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }
        var tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ts = rd_kafka_message_timestamp(raw, &tsType)
        return KafkaConsumerMessage(
            topic: topic, partition: m.partition, offset: m.offset, key: key, value: value,
            headers: headers, timestampMs: ts >= 0 ? ts : nil
        )
    }
}

/// The ``KafkaConsumer/messages`` sequence.
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerMessage
    let consumer: KafkaConsumer

    public struct AsyncIterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer
        var pending: [KafkaConsumerMessage] = []
        var index = 0

        public mutating func next() async throws -> KafkaConsumerMessage? {
            if index < pending.count {
                defer { index += 1 }
                return pending[index]
            }
            pending = try await consumer.nextBatch(maxMessages: 256)
            index = 0
            guard !pending.isEmpty else { return nil }
            index = 1
            return pending[0]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(consumer: consumer) }
}
