/// Settings shared by producers, consumers and admin clients.
///
/// Any librdkafka property can be set through ``properties`` and is passed through verbatim
/// (see librdkafka's CONFIGURATION.md), e.g. `security.protocol`, `ssl.ca.location`,
/// `sasl.mechanisms`, `compression.type`, `linger.ms`.
public struct KafkaConfiguration: Sendable {
    /// `host:port[,host:port…]`.
    public var bootstrapServers: String
    /// librdkafka properties, applied after Wirestream's defaults so they win.
    public var properties: [String: String]
    /// Called with librdkafka's statistics JSON every `statistics.interval.ms` when that property is set.
    public var statisticsHandler: (@Sendable (String) -> Void)?

    public init(bootstrapServers: String, properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.properties = properties
    }

    /// The properties librdkafka receives: defaults, then ``properties``, then `bootstrap.servers`.
    func resolved(defaults: [String: String]) -> [String: String] {
        var all = defaults
        for (key, value) in properties { all[key] = value }
        all["bootstrap.servers"] = bootstrapServers
        return all
    }
}

/// A consumer's settings.
public struct KafkaConsumerConfiguration: Sendable {
    public var kafka: KafkaConfiguration
    public var groupID: String
    /// Where a group without a committed offset starts: `earliest` (default) or `latest`.
    public var autoOffsetReset: String = "earliest"
    /// How many fetched messages may wait for the application before polling pauses (back-pressure).
    public var bufferCapacity: Int = 2048
    /// Called on the consumer's rebalance thread when partitions are assigned, before any of their messages
    /// is delivered. With the cooperative protocol (the default) only the partitions that are added.
    public var onAssign: (@Sendable ([TopicPartition]) -> Void)?
    /// Called on the consumer's rebalance thread (polling goes on meanwhile) when partitions are revoked,
    /// before they move to another member; with the cooperative protocol only the partitions that move.
    /// Messages of these partitions not yet handed out are dropped (their offsets were never stored, so the
    /// next owner reads them). Finish and commit work for them here: the partitions move only when this returns.
    public var onRevoke: (@Sendable ([TopicPartition]) -> Void)?

    public init(kafka: KafkaConfiguration, groupID: String) {
        self.kafka = kafka
        self.groupID = groupID
    }

    /// Production defaults: librdkafka's own session and heartbeat settings (45 s / 3 s), incremental
    /// (cooperative) rebalancing, so a member joining or leaving moves only the partitions that change owner
    /// while the others keep flowing, and offset storage under the application's control.
    static let defaults: [String: String] = [
        "enable.auto.offset.store": "false",
        "enable.auto.commit": "true",
        "auto.commit.interval.ms": "1000",
        "partition.assignment.strategy": "cooperative-sticky",
        "enable.partition.eof": "false",
        "fetch.wait.max.ms": "50",
        "socket.keepalive.enable": "true",
    ]
}

extension KafkaConsumerConfiguration {
    /// Settings that make group joins take seconds instead of tens of seconds on a local test broker:
    /// a 6 s session with 500 ms heartbeats. For tests and local development stacks only: in production a
    /// busy worker on a loaded host would miss such a session and be kicked out of its group.
    public static let fastGroupJoin: [String: String] = [
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "500",
    ]
}

/// A producer's settings.
public struct KafkaProducerConfiguration: Sendable {
    public var kafka: KafkaConfiguration
    /// Set for a transactional producer (exactly-once); unique per stage instance.
    public var transactionalID: String?

    public init(kafka: KafkaConfiguration, transactionalID: String? = nil) {
        self.kafka = kafka
        self.transactionalID = transactionalID
    }

    static let defaults: [String: String] = [
        "enable.idempotence": "true",
        "acks": "all",
        "linger.ms": "5",
        "compression.type": "lz4",
        "message.timeout.ms": "120000",
        "socket.keepalive.enable": "true",
    ]
}
