import CRDKafka

/// The one error type of the `Kafka` module.
///
/// Carries librdkafka's error name and message, and whether retrying can help (`isRetriable`)
/// or the client is unusable and must be recreated (`isFatal`).
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// librdkafka's numeric error code (`rd_kafka_resp_err_t`), or 0 for errors raised by this module.
    public var code: Int32
    /// librdkafka's symbolic error name, such as `_TRANSPORT` or `TOPIC_ALREADY_EXISTS`.
    public var name: String
    /// A readable explanation, including what to do where that is known.
    public var message: String
    /// Retrying the same operation later may succeed.
    public var isRetriable: Bool
    /// The client is in an unrecoverable state and must be closed and recreated.
    public var isFatal: Bool

    public init(code: Int32 = 0, name: String, message: String, isRetriable: Bool = false, isFatal: Bool = false) {
        self.code = code
        self.name = name
        self.message = message
        self.isRetriable = isRetriable
        self.isFatal = isFatal
    }

    public var description: String { "Kafka error \(name): \(message)" }

    /// The record is larger than the producer's `message.max.bytes` or the broker's limit: sending it
    /// again will not help.
    public var isRecordTooLarge: Bool {
        code == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue || code == RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE.rawValue
    }

    /// A commit refused because the group is rebalancing (the member's generation moved on): the same
    /// commit succeeds once the member has rejoined.
    public var isRebalancing: Bool {
        code == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION.rawValue || code == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS.rawValue
    }

    /// The topic already exists (from topic creation).
    public var isTopicAlreadyExists: Bool { code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.rawValue }

    static func from(_ err: rd_kafka_resp_err_t, context: String) -> KafkaError {
        let name = String(cString: rd_kafka_err2name(err))
        let text = String(cString: rd_kafka_err2str(err))
        return KafkaError(
            code: err.rawValue, name: name, message: "\(context): \(text)",
            isRetriable: Self.retriableCodes.contains(err.rawValue), isFatal: err == RD_KAFKA_RESP_ERR__FATAL
        )
    }

    /// Takes ownership of `error` and destroys it.
    static func consuming(_ error: OpaquePointer, context: String) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let code = rd_kafka_error_code(error)
        return KafkaError(
            code: code.rawValue,
            name: String(cString: rd_kafka_error_name(error)),
            message: "\(context): \(String(cString: rd_kafka_error_string(error)))",
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }

    static func config(_ message: String) -> KafkaError {
        KafkaError(name: "INVALID_CONFIG", message: message)
    }

    static func state(_ message: String) -> KafkaError {
        KafkaError(name: "STATE", message: message)
    }

    private static let retriableCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__TRANSPORT.rawValue, RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue, RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT.rawValue, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION.rawValue,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE.rawValue, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS.rawValue,
        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS.rawValue, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE.rawValue,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR.rawValue, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS.rawValue,
        RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION.rawValue,
    ]
}
