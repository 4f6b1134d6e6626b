/// A record to send with a ``KafkaProducer``.
public struct KafkaProducerRecord: Sendable {
    public var topic: String
    /// A fixed partition, or `nil` to let the configured partitioner choose from the key.
    public var partition: Int32?
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Milliseconds since the epoch, or `nil` for "now".
    public var timestampMs: Int64?
    /// Sent with a null value (`value` is ignored): deletes `key` from a compacted topic.
    public var isTombstone = false

    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// A record with a UTF-8 key.
    public init(topic: String, key: String?, value: [UInt8], headers: [KafkaHeader] = []) {
        self.init(topic: topic, key: key.map { Array($0.utf8) }, value: value, headers: headers)
    }

    /// A tombstone: `key` with a null value, which deletes the key from a compacted topic.
    public static func tombstone(topic: String, key: String) -> KafkaProducerRecord {
        var record = KafkaProducerRecord(topic: topic, key: key, value: [])
        record.isTombstone = true
        return record
    }
}

/// Where the broker stored an acknowledged record.
public struct KafkaDeliveryReport: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
}
