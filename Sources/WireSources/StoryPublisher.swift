import ArticleSchema
import Foundation
import Kafka
import Logging

/// Where a source's new stories go. ``KafkaStoryPublisher`` in the worker; tests may record them instead.
public protocol StoryPublisher: Sendable {
    /// Sends `records` to `topic` in order, keyed by id; returns, per record, whether the broker acknowledged it.
    func publish(_ records: [ArticleRecord], to topic: String) async -> [Bool]
}

/// Sends stories with a ``Kafka/KafkaProducer``, keyed by id with the article headers, as `wirectl ingest` does.
public struct KafkaStoryPublisher: StoryPublisher {
    let producer: KafkaProducer
    let logger: Logger

    public init(producer: KafkaProducer, logger: Logger) {
        self.producer = producer
        self.logger = logger
    }

    public func publish(_ records: [ArticleRecord], to topic: String) async -> [Bool] {
        let headers = ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
        let batch = records.map { KafkaProducerRecord(topic: topic, key: $0.id, value: ArticleCodec.encode($0), headers: headers) }
        do {
            let results = try await producer.sendBatch(batch)
            var logged = false
            return results.map { result in
                if case .failure(let error) = result, !logged {
                    logged = true
                    logger.warning("records not acknowledged; they are sent again at the next poll", metadata: ["topic": "\(topic)", "error": "\(error)"])
                }
                if case .success = result { return true }
                return false
            }
        } catch {
            logger.warning("cannot send; retrying at the next poll", metadata: ["topic": "\(topic)", "error": "\(error)"])
            return records.map { _ in false }
        }
    }
}
