import CRDKafka
import Foundation

/// Checks a broker's answer to a time lookup by reading record timestamps, and finds the right offset
/// by binary search when the answer is wrong. Some Kafka-compatible brokers (Tansu among them) answer
/// ListOffsets-by-time with the partition start; Kafka answers correctly and costs one or two reads here.
///
/// Assumes timestamps grow with offsets in the partition (LogAppendTime, or producers stamping in order).
struct TimestampSearch {
    let properties: [String: String]
    let context: RDKafkaCallbackContext
    let timeoutMs: Int32

    /// For each query (offset = timestamp ms) and the broker's answer, the verified first offset whose
    /// timestamp is at or after the query's time; `high` when there is none.
    func verify(query: [TopicPartition], answers: [TopicPartition], watermarks: (TopicPartition) throws -> (low: Int64, high: Int64)) throws -> [TopicPartition] {
        let handle = try RDKafkaHandle.readerConsumer(properties: properties, context: context, purpose: "time-search", partitionEOF: false)
        defer { handle.closeConsumer() }
        var result: [TopicPartition] = []
        for q in query {
            guard let time = q.offset else { continue }
            let marks = try watermarks(q)
            let answer = answers.first { $0.topic == q.topic && $0.partition == q.partition }?.offset ?? marks.high
            let reader = Reader(handle: handle, topic: q.topic, partition: q.partition, timeoutMs: timeoutMs)
            if try isCorrect(answer, time: time, low: marks.low, high: marks.high, reader: reader) {
                result.append(TopicPartition(topic: q.topic, partition: q.partition, offset: answer))
                continue
            }
            var lo = marks.low, hi = marks.high  // first offset with ts >= time lies in [lo, hi]
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if try reader.timestamp(at: mid) >= time { hi = mid } else { lo = mid + 1 }
            }
            result.append(TopicPartition(topic: q.topic, partition: q.partition, offset: lo))
        }
        return result
    }

    private func isCorrect(_ offset: Int64, time: Int64, low: Int64, high: Int64, reader: Reader) throws -> Bool {
        if low >= high { return offset == high }
        if offset < low || offset > high { return false }
        if offset < high, try reader.timestamp(at: offset) < time { return false }
        if offset > low, try reader.timestamp(at: offset - 1) >= time { return false }
        return true
    }

    /// Reads single records of one partition by offset.
    struct Reader {
        let handle: RDKafkaHandle
        let topic: String
        let partition: Int32
        let timeoutMs: Int32

        func timestamp(at offset: Int64) throws -> Int64 {
            try RDKafkaTopicPartitionList.withList([TopicPartition(topic: topic, partition: partition, offset: offset)]) { list in
                let err = rd_kafka_assign(handle.pointer, list)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError.from(err, context: "time lookup") }
            }
            let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
            while Date() < deadline {
                guard let raw = rd_kafka_consumer_poll(handle.pointer, 100) else { continue }
                defer { rd_kafka_message_destroy(raw) }
                let m = raw.pointee
                if m.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { continue }
                    throw KafkaError.from(m.err, context: "time lookup read")
                }
                guard m.partition == partition, m.offset >= offset else { continue }
                var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
                let ts = rd_kafka_message_timestamp(raw, &type)
                return ts
            }
            throw KafkaError(name: "_TIMED_OUT", message: "reading \(topic)[\(partition)] at offset \(offset) for a time lookup timed out", isRetriable: true)
        }
    }
}
