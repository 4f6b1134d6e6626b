import CRDKafka
import Foundation
import Logging

/// A topic to create.
public struct NewTopic: Sendable, Hashable {
    public var name: String
    public var partitions: Int
    /// -1 lets the broker use its default.
    public var replicationFactor: Int
    /// Topic configs such as `retention.ms` or `cleanup.policy`.
    public var configs: [String: String]

    public init(name: String, partitions: Int = 1, replicationFactor: Int = -1, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// A topic as the cluster's metadata describes it.
public struct TopicDescription: Sendable, Hashable {
    public var name: String
    public var partitions: [Int32]
}

/// A consumer group and its live members.
public struct ConsumerGroupDescription: Sendable, Hashable {
    public var groupID: String
    public var state: String
    public var members: [String]
}

/// One partition's committed position and end offset for a group.
public struct PartitionLag: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    /// The group's committed offset, or nil if it has none.
    public var committed: Int64?
    public var low: Int64
    public var high: Int64
    /// Records not yet consumed by the group.
    public var lag: Int64 { high - (committed ?? low) }
}

/// Where ``KafkaAdmin/resetGroupOffsets(group:topics:to:)`` moves a group.
public enum OffsetResetTarget: Sendable, Hashable {
    case earliest
    case latest
    /// The first offset at or after this time (milliseconds since the epoch).
    case timestamp(Int64)
    /// Exactly these positions.
    case offsets([TopicPartition])
}

/// Cluster administration: topics, consumer groups, offsets and lag.
public final class KafkaAdmin: Sendable {
    private let handle: RDKafkaHandle
    private let configuration: KafkaConfiguration
    private let logger: Logger
    private let timeout: Duration

    public init(configuration: KafkaConfiguration, logger: Logger, timeout: Duration = .seconds(15)) throws {
        self.configuration = configuration
        self.logger = logger
        self.timeout = timeout
        let context = RDKafkaCallbackContext(logger: logger, statisticsHandler: nil)
        handle = try RDKafkaHandle(kind: .producer, properties: configuration.resolved(defaults: [:]), context: context)
    }

    /// Fails with a readable message unless the cluster answers within the admin timeout.
    public func checkConnection() async throws {
        _ = try await listTopics()
    }

    /// Creates topics; throws the first failure (``KafkaError/isTopicAlreadyExists`` for an existing one).
    public func createTopics(_ topics: [NewTopic]) async throws {
        guard !topics.isEmpty else { return }
        let handle = self.handle
        let ms = Int32(timeout.milliseconds)
        try await runBlocking {
            var errorBuffer = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
            for t in topics {
                guard let nt = rd_kafka_NewTopic_new(t.name, Int32(t.partitions), Int32(t.replicationFactor), &errorBuffer, errorBuffer.count) else {
                    throw KafkaError.config("topic \(t.name): \(String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
                }
                for (k, v) in t.configs.sorted(by: { $0.key < $1.key }) {
                    let err = rd_kafka_NewTopic_set_config(nt, k, v)
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "topic \(t.name) config \(k)") }
                }
                newTopics.append(nt)
            }
            try Self.runAdminRequest(handle.pointer, timeoutMs: ms) { queue, options in
                rd_kafka_CreateTopics(handle.pointer, &newTopics, newTopics.count, options, queue)
            } check: { event in
                var count = 0
                let result = rd_kafka_event_CreateTopics_result(event)
                guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
                for i in 0..<count {
                    let r = results[i]
                    let err = rd_kafka_topic_result_error(r)
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                        let name = String(cString: rd_kafka_topic_result_name(r))
                        let detail = rd_kafka_topic_result_error_string(r).map { String(cString: $0) } ?? ""
                        var error = KafkaError.from(err, context: "create topic '\(name)'")
                        if err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                            error.message = "create topic '\(name)': the topic already exists"
                        } else if !detail.isEmpty {
                            error.message += " (\(detail))"
                        }
                        throw error
                    }
                }
            }
        }
    }

    /// Creates the topics that do not exist yet; returns the names it created.
    @discardableResult
    public func ensureTopics(_ topics: [NewTopic]) async throws -> [String] {
        let existing = Set(try await listTopics().map(\.name))
        let missing = topics.filter { !existing.contains($0.name) }
        var created: [String] = []
        for t in missing {
            do {
                try await createTopics([t])
                created.append(t.name)
            } catch let error as KafkaError where error.isTopicAlreadyExists {
                continue
            }
        }
        return created
    }

    /// Every topic with its partitions, from the cluster's metadata.
    public func listTopics() async throws -> [TopicDescription] {
        let handle = self.handle
        let ms = Int32(timeout.milliseconds)
        let servers = configuration.bootstrapServers
        return try await runBlocking {
            var metadata: UnsafePointer<rd_kafka_metadata>? = nil
            let err = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, ms)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                var error = KafkaError.from(err, context: "metadata request")
                if err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__TIMED_OUT {
                    let reported = handle.context.lastError.withLock { $0 }.map { "; librdkafka: \($0)" } ?? ""
                    error.message = "cannot reach the Kafka broker at \(servers) (\(error.message)\(reported)). "
                        + "Is it running, and do security.protocol, ssl.* and sasl.* match it? Set the address with --bootstrap or WIRESTREAM_BOOTSTRAP."
                }
                throw error
            }
            guard let metadata else { return [] }
            defer { rd_kafka_metadata_destroy(metadata) }
            let md = metadata.pointee
            return (0..<Int(md.topic_cnt)).compactMap { i -> TopicDescription? in
                let t = md.topics[i]
                if t.err != RD_KAFKA_RESP_ERR_NO_ERROR { return nil }
                let partitions = (0..<Int(t.partition_cnt)).map { t.partitions[$0].id }.sorted()
                return TopicDescription(name: String(cString: t.topic), partitions: partitions)
            }.sorted { $0.name < $1.name }
        }
    }

    /// One topic's description, or nil if it does not exist.
    public func describeTopic(_ name: String) async throws -> TopicDescription? {
        try await listTopics().first { $0.name == name }
    }

    /// Consumer groups known to the cluster, with their live members.
    public func listGroups(_ group: String? = nil) async throws -> [ConsumerGroupDescription] {
        let handle = self.handle
        let ms = Int32(timeout.milliseconds)
        return try await runBlocking {
            var list: UnsafePointer<rd_kafka_group_list>? = nil
            let err = rd_kafka_list_groups(handle.pointer, group, &list, ms)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "list consumer groups") }
            guard let list else { return [] }
            defer { rd_kafka_group_list_destroy(list) }
            let gl = list.pointee
            return (0..<Int(gl.group_cnt)).map { i in
                let g = gl.groups[i]
                let members = (0..<Int(g.member_cnt)).map { j -> String in
                    let m = g.members[j]
                    return "\(String(cString: m.client_id))@\(String(cString: m.client_host))"
                }
                return ConsumerGroupDescription(
                    groupID: String(cString: g.group), state: g.state.map { String(cString: $0) } ?? "", members: members
                )
            }
        }
    }

    /// The low and high watermark (next offset to be written) of a partition.
    public func watermarks(topic: String, partition: Int32) async throws -> (low: Int64, high: Int64) {
        let handle = self.handle
        let ms = Int32(timeout.milliseconds)
        let marks = try await runBlocking { () -> [Int64] in
            var low: Int64 = 0, high: Int64 = 0
            let err = rd_kafka_query_watermark_offsets(handle.pointer, topic, partition, &low, &high, ms)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "watermarks of \(topic)[\(partition)]") }
            return [low, high]
        }
        return (marks[0], marks[1])
    }

    /// The low and high watermarks of many partitions, the high ones confirmed by reading each partition's
    /// last record batch (see `WatermarkProbe`: some Kafka-compatible brokers undercount batched partitions).
    public func watermarks(_ partitions: [TopicPartition]) async throws -> [TopicPartition: (low: Int64, high: Int64)] {
        var marks: [TopicPartition: (low: Int64, high: Int64)] = [:]
        for p in partitions {
            let key = TopicPartition(topic: p.topic, partition: p.partition)
            marks[key] = try await watermarks(topic: p.topic, partition: p.partition)
        }
        let probe = WatermarkProbe(
            properties: configuration.resolved(defaults: [:]), context: RDKafkaCallbackContext(logger: logger, statisticsHandler: nil),
            timeoutMs: Int32(timeout.milliseconds))
        let found = marks
        return try await runBlocking { try probe.confirm(found) }
    }

    /// Records in `topic` (high minus low watermark, summed over partitions).
    public func recordCount(topic: String) async throws -> Int64 {
        guard let d = try await describeTopic(topic) else { return 0 }
        let marks = try await watermarks(d.partitions.map { TopicPartition(topic: topic, partition: $0) })
        return marks.values.reduce(0) { $0 + ($1.high - $1.low) }
    }

    /// A group's committed offsets and the partitions' watermarks, for every partition of `topics`.
    public func lag(group: String, topics: [String]) async throws -> [PartitionLag] {
        let described = try await listTopics().filter { topics.contains($0.name) }
        let partitions = described.flatMap { t in t.partitions.map { TopicPartition(topic: t.name, partition: $0) } }
        let committed = try await committedOffsets(group: group, partitions: partitions)
        let marks = try await watermarks(partitions)
        var result: [PartitionLag] = []
        for p in partitions {
            let m = marks[p] ?? (0, 0)
            let c = committed.first { $0.topic == p.topic && $0.partition == p.partition }?.offset
            result.append(PartitionLag(topic: p.topic, partition: p.partition, committed: c, low: m.low, high: m.high))
        }
        return result
    }

    /// A group's committed offsets for `partitions`.
    public func committedOffsets(group: String, partitions: [TopicPartition]) async throws -> [TopicPartition] {
        let ms = Int32(timeout.milliseconds)
        return try await runBlocking { [self] in
            // Created and released on the blocking thread: destroying a consumer handle waits for its threads.
            let consumer = try groupHandle(group)
            return try RDKafkaTopicPartitionList.withList(partitions) { list in
                let err = rd_kafka_committed(consumer.pointer, list, ms)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "committed offsets of group '\(group)'") }
                return RDKafkaTopicPartitionList.read(list)
            }
        }
    }

    /// Moves a group's committed offsets for every partition of `topics`. Refuses while the group has members.
    /// Returns the positions committed.
    @discardableResult
    public func resetGroupOffsets(group: String, topics: [String], to target: OffsetResetTarget) async throws -> [TopicPartition] {
        if let live = try await listGroups(group).first(where: { $0.groupID == group }), !live.members.isEmpty {
            throw KafkaError(
                name: "GROUP_HAS_MEMBERS",
                message: "consumer group '\(group)' has \(live.members.count) live member(s) (\(live.members.joined(separator: ", "))); "
                    + "stop its workers before resetting offsets"
            )
        }
        let described = try await listTopics().filter { topics.contains($0.name) }
        for t in topics where !described.contains(where: { $0.name == t }) {
            throw KafkaError(name: "UNKNOWN_TOPIC", message: "topic '\(t)' does not exist")
        }
        let partitions = described.flatMap { t in t.partitions.map { TopicPartition(topic: t.name, partition: $0) } }
        var positions: [TopicPartition] = []
        switch target {
        case .offsets(let explicit):
            positions = explicit
        case .earliest, .latest:
            let marks = try await watermarks(partitions)
            for p in partitions {
                let m = marks[p] ?? (0, 0)
                positions.append(TopicPartition(topic: p.topic, partition: p.partition, offset: target == .earliest ? m.low : m.high))
            }
        case .timestamp(let ms):
            positions = try await offsetsForTimes(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition, offset: ms) })
        }
        let committed = positions
        try await runBlocking { [self] in
            let consumer = try groupHandle(group)
            try RDKafkaTopicPartitionList.withList(committed) { list in
                let err = rd_kafka_commit(consumer.pointer, list, 0)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "reset offsets of group '\(group)'") }
            }
        }
        return positions
    }

    /// For each partition (offset = timestamp ms), the first offset at or after that time,
    /// or the high watermark when no record is that late.
    public func offsetsForTimes(_ query: [TopicPartition]) async throws -> [TopicPartition] {
        let handle = self.handle
        let ms = Int32(timeout.milliseconds)
        let found = try await runBlocking {
            try RDKafkaTopicPartitionList.withList(query) { list in
                let err = rd_kafka_offsets_for_times(handle.pointer, list, ms)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "offsets for times") }
                if let error = RDKafkaTopicPartitionList.firstError(list, context: "offsets for times") { throw error }
                return RDKafkaTopicPartitionList.read(list)
            }
        }
        var marks: [TopicPartition: (low: Int64, high: Int64)] = [:]
        for p in query {
            marks[TopicPartition(topic: p.topic, partition: p.partition)] = try await watermarks(topic: p.topic, partition: p.partition)
        }
        let answers = found.map { p in
            TopicPartition(topic: p.topic, partition: p.partition, offset: (p.offset ?? -1) >= 0 ? p.offset : marks[TopicPartition(topic: p.topic, partition: p.partition)]?.high)
        }
        let search = TimestampSearch(properties: configuration.resolved(defaults: [:]), context: RDKafkaCallbackContext(logger: logger, statisticsHandler: nil), timeoutMs: ms)
        let known = marks
        return try await runBlocking {
            try search.verify(query: query, answers: answers) { p in
                known[TopicPartition(topic: p.topic, partition: p.partition)] ?? (0, 0)
            }
        }
    }

    // MARK: private

    /// A consumer handle that never subscribes, used to read and write a group's offsets.
    private func groupHandle(_ group: String) throws -> RDKafkaHandle {
        var properties = configuration.resolved(defaults: [:])
        properties["group.id"] = group
        properties["enable.auto.commit"] = "false"
        return try RDKafkaHandle(kind: .consumer, properties: properties, context: RDKafkaCallbackContext(logger: logger, statisticsHandler: nil))
    }

    private static func runAdminRequest(
        _ pointer: OpaquePointer, timeoutMs: Int32,
        request: (OpaquePointer?, OpaquePointer?) -> Void, check: (OpaquePointer) throws -> Void
    ) throws {
        guard let queue = rd_kafka_queue_new(pointer) else { throw KafkaError.state("could not create an admin queue") }
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(pointer, RD_KAFKA_ADMIN_OP_ANY)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errorBuffer, errorBuffer.count)
        request(queue, options)
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1000) else {
            throw KafkaError(name: "_TIMED_OUT", message: "the admin request got no answer in \(timeoutMs) ms; is the broker reachable?", isRetriable: true)
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let text = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? ""
            var error = KafkaError.from(err, context: "admin request")
            if !text.isEmpty { error.message = "admin request: \(text)" }
            throw error
        }
        try check(event)
    }
}
