import Kafka

/// Why a worker stopped.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    case deliveryFailed(topic: String, error: KafkaError)
    case noDeadLetterTopic(stage: String, reason: String)
    case metrics(String)
    case missingTopics(stage: String, topics: [String], bootstrap: String)
    case changelogWrite(topic: String, error: KafkaError)
    case changelogRead(topic: String, reason: String)

    public var description: String {
        switch self {
        case .missingTopics(let stage, let topics, let bootstrap):
            "stage '\(stage)': topic\(topics.count == 1 ? "" : "s") \(topics.map { "'\($0)'" }.joined(separator: ", ")) not found on the broker at \(bootstrap); create the declared topics first with `wirectl topics create`"
        case .changelogWrite(let topic, let error):
            "could not write the state changelog '\(topic)': \(error); input offsets were not committed, so the next owner restores from the changelog and processes the records again"
        case .changelogRead(let topic, let reason):
            "could not restore state from the changelog '\(topic)': \(reason)"
        case .metrics(let message):
            message
        case .noDeadLetterTopic(let stage, let reason):
            "stage '\(stage)' could not process a record (\(reason)) and has no dead_letter topic to put it in; set dead_letter in pipelines.yaml"
        case .deliveryFailed(let topic, let error):
            "could not deliver to '\(topic)': \(error); input offsets were not committed, so the records will be processed again"
        }
    }
}

/// An input record already larger than the producer's message size limit.
struct RecordTooLarge: Error, CustomStringConvertible {
    var bytes: Int
    var limit: Int
    var description: String {
        "the record (\(bytes) bytes) is larger than the message size limit (message.max.bytes = \(limit)); the processed record could not be sent on"
    }
}
