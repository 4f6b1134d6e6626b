/// A record read by a ``KafkaConsumer``.
public struct KafkaConsumerMessage: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Milliseconds since the epoch as the broker or producer stamped it, if any.
    public var timestampMs: Int64?

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// The key read as UTF-8.
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    /// The position to commit once this message is done: its offset plus one.
    public var nextPosition: TopicPartition {
        TopicPartition(topic: topic, partition: partition, offset: offset + 1)
    }
}
