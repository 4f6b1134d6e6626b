import CRDKafka
import Foundation

/// Confirms high watermarks by reading the last record batch of each partition.
///
/// Kafka reports the offset after the last record. Some Kafka-compatible brokers (Tansu 0.6) report
/// the offset after the last record *batch*'s base offset, which undercounts when producers batch.
/// Reading from `high - 1` returns that whole batch; the last offset seen plus one is the true end.
/// On Kafka this reads exactly one record per non-empty partition and changes nothing.
struct WatermarkProbe {
    let properties: [String: String]
    let context: RDKafkaCallbackContext
    let timeoutMs: Int32

    func confirm(_ marks: [TopicPartition: (low: Int64, high: Int64)]) throws -> [TopicPartition: (low: Int64, high: Int64)] {
        let nonEmpty = marks.filter { $0.value.high > $0.value.low }
        guard !nonEmpty.isEmpty else { return marks }
        let handle = try RDKafkaHandle.readerConsumer(properties: properties, context: context, purpose: "watermarks", partitionEOF: true)
        defer { handle.closeConsumer() }
        let starts = nonEmpty.map { TopicPartition(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value.high - 1) }
        try RDKafkaTopicPartitionList.withList(starts) { list in
            let err = rd_kafka_assign(handle.pointer, list)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "watermark probe") }
        }
        var result = marks
        var pending = Set(nonEmpty.keys)
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        while !pending.isEmpty && Date() < deadline {
            guard let raw = rd_kafka_consumer_poll(handle.pointer, 100) else { continue }
            defer { rd_kafka_message_destroy(raw) }
            let m = raw.pointee
            guard let rkt = m.rkt else { continue }
            let key = TopicPartition(topic: String(cString: rd_kafka_topic_name(rkt)), partition: m.partition)
            if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                // EOF carries the fetch position: everything before it has been read.
                if let old = result[key] { result[key] = (old.low, max(old.high, m.offset)) }
                pending.remove(key)
                continue
            }
            if m.err != RD_KAFKA_RESP_ERR_NO_ERROR { continue }
            if let old = result[key] { result[key] = (old.low, max(old.high, m.offset + 1)) }
        }
        return result
    }
}
