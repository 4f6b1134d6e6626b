import CRDKafka

/// Conversions between `rd_kafka_topic_partition_list_t` and ``TopicPartition``.
enum RDKafkaTopicPartitionList {
    static func read(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartition] {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elems = list.pointee.elems else { return [] }
        return (0..<count).map { i in
            let e = elems[i]
            return TopicPartition(topic: String(cString: e.topic), partition: e.partition, offset: e.offset >= 0 ? e.offset : nil)
        }
    }

    /// Per-partition errors in a list, if any.
    static func firstError(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, context: String) -> KafkaError? {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elems = list.pointee.elems else { return nil }
        for i in 0..<count where elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR {
            return KafkaError.from(elems[i].err, context: "\(context) \(String(cString: elems[i].topic))[\(elems[i].partition)]")
        }
        return nil
    }

    /// Builds a list; the caller destroys it with `rd_kafka_topic_partition_list_destroy`.
    static func make(_ partitions: [TopicPartition], defaultOffset: Int64 = Int64(RD_KAFKA_OFFSET_INVALID)) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(max(partitions.count, 1)))!
        for p in partitions {
            let element = rd_kafka_topic_partition_list_add(list, p.topic, p.partition)
            element?.pointee.offset = p.offset ?? defaultOffset
        }
        return list
    }

    static func withList<R>(_ partitions: [TopicPartition], defaultOffset: Int64 = Int64(RD_KAFKA_OFFSET_INVALID), _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws -> R) rethrows -> R {
        let list = make(partitions, defaultOffset: defaultOffset)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return try body(list)
    }
}
