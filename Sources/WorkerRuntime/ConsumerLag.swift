import Kafka

extension StageWorker {
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
}
