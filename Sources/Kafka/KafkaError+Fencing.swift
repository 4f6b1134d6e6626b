import CRDKafka

extension KafkaError {
    /// Another producer with the same `transactional.id` took over: this one can never commit again
    /// (librdkafka's `_FENCED`, or the broker's `PRODUCER_FENCED` / `INVALID_PRODUCER_EPOCH`). Close it
    /// without committing; the newer instance processes the uncommitted records.
    public var isFenced: Bool {
        [RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR_PRODUCER_FENCED, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH].contains { $0.rawValue == code }
    }
}

extension KafkaProducer {
    /// The fatal error librdkafka reported for this producer (e.g. fenced), or nil; once set, every later
    /// call fails with it and the producer must be replaced.
    public var fatal: KafkaError? {
        do {
            try handle.checkFatal()
            return nil
        } catch {
            return error as? KafkaError
        }
    }
}
