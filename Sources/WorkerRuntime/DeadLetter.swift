import Foundation
import Kafka

/// Dead-letter records: the original key, value and headers, plus headers saying what went wrong where.
public enum DeadLetter {
    public static let errorHeader = "wirestream-error"
    public static let stageHeader = "wirestream-stage"
    public static let pipelineHeader = "wirestream-pipeline"
    public static let sourceTopicHeader = "wirestream-source-topic"
    public static let sourcePartitionHeader = "wirestream-source-partition"
    public static let sourceOffsetHeader = "wirestream-source-offset"
    public static let failedAtHeader = "wirestream-failed-at"

    static func record(
        for message: KafkaConsumerMessage, topic: String, reason: String, stage: String, pipeline: String
    ) -> KafkaProducerRecord {
        var headers = message.headers.filter { !$0.key.hasPrefix("wirestream-error") }
        headers += [
            KafkaHeader(key: errorHeader, string: reason),
            KafkaHeader(key: stageHeader, string: stage),
            KafkaHeader(key: pipelineHeader, string: pipeline),
            KafkaHeader(key: sourceTopicHeader, string: message.topic),
            KafkaHeader(key: sourcePartitionHeader, string: String(message.partition)),
            KafkaHeader(key: sourceOffsetHeader, string: String(message.offset)),
            KafkaHeader(key: failedAtHeader, string: Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt))),
        ]
        return KafkaProducerRecord(topic: topic, key: message.key, value: message.value, headers: headers)
    }
}
