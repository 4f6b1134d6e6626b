/// A partition of a topic, optionally with an offset (the next offset to read, as Kafka commits it).
public struct TopicPartition: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    /// For commits, seeks and lookups: the offset. `nil` where none applies.
    public var offset: Int64?

    public init(topic: String, partition: Int32, offset: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public var description: String {
        offset.map { "\(topic)[\(partition)]@\($0)" } ?? "\(topic)[\(partition)]"
    }
}
