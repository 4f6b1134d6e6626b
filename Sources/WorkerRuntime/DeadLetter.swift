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
    /// Set when the original value did not fit the message size limit: its size in bytes. The value then
    /// holds only its first bytes; the source headers say where the whole record is.
    public static let truncatedHeader = "wirestream-truncated-from"

    /// - Parameter maxValueBytes: values longer than this are cut to it (and ``truncatedHeader`` set), so a
    ///   record too large for the output still fits in the dead-letter topic.
    static func record(
        for message: KafkaConsumerMessage, topic: String, reason: String, stage: String, pipeline: String, maxValueBytes: Int = .max
    ) -> KafkaProducerRecord {
        var headers = message.headers.filter { !$0.key.hasPrefix("wirestream-error") && $0.key != truncatedHeader }
        var value = message.value
        if value.count > maxValueBytes {
            headers.append(KafkaHeader(key: truncatedHeader, string: String(value.count)))
            value = Array(value.prefix(max(0, maxValueBytes)))
        }
        headers += [
            KafkaHeader(key: errorHeader, string: reason),
            KafkaHeader(key: stageHeader, string: stage),
            KafkaHeader(key: pipelineHeader, string: pipeline),
            KafkaHeader(key: sourceTopicHeader, string: message.topic),
            KafkaHeader(key: sourcePartitionHeader, string: String(message.partition)),
            KafkaHeader(key: sourceOffsetHeader, string: String(message.offset)),
            KafkaHeader(key: failedAtHeader, string: Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt))),
        ]
        return KafkaProducerRecord(topic: topic, key: message.key, value: value, headers: headers)
    }
}
