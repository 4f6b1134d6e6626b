import CRDKafka

/// librdkafka's in-process mock cluster (`rdkafka_mock.h`), for tests: brokers on loopback ports that any
/// client or worker process can reach, and faults a real broker cannot be told to produce (injected request
/// errors, brokers down and up, added round-trip time, partition leaders moving). Destroyed with this object.
///
/// Unlike a real broker it gives every new producer a new producer id (a second producer with the same
/// `transactional.id` does not fence the first) and writes no transaction markers.
public final class MockKafkaCluster: @unchecked Sendable {
    private let owner: OpaquePointer
    private let cluster: OpaquePointer
    /// `host:port,…` of the mock brokers, for `bootstrap.servers`.
    public let bootstrap: String

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(brokers: Int32 = 1) throws {
        var buffer = [CChar](repeating: 0, count: 256)
        let conf = rd_kafka_conf_new()
        _ = rd_kafka_conf_set(conf, "log_level", "0", &buffer, buffer.count)
        guard let rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &buffer, buffer.count) else {
            throw Failure(description: "rd_kafka_new failed: \(String(cString: buffer))")
        }
        owner = rk
        guard let mc = rd_kafka_mock_cluster_new(rk, brokers) else {
            rd_kafka_destroy(rk)
            throw Failure(description: "rd_kafka_mock_cluster_new failed")
        }
        cluster = mc
        bootstrap = String(cString: rd_kafka_mock_cluster_bootstraps(mc))
        rd_kafka_mock_group_initial_rebalance_delay_ms(mc, 0)
    }

    public func createTopic(_ name: String, partitions: Int32, replication: Int32 = 1) throws {
        let err = rd_kafka_mock_topic_create(cluster, name, partitions, replication)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw Failure(description: "mock topic create: \(String(cString: rd_kafka_err2str(err)))") }
    }

    /// The next `errors.count` requests with this Kafka API key fail with these errors, in order.
    public func pushErrors(apiKey: Int16, _ errors: [rd_kafka_resp_err_t]) {
        errors.withUnsafeBufferPointer { rd_kafka_mock_push_request_errors_array(cluster, apiKey, $0.count, $0.baseAddress) }
    }

    /// Makes `broker` (1-based) the partition's leader; clients find out from their next request or metadata refresh.
    public func setLeader(topic: String, partition: Int32, broker: Int32) {
        _ = rd_kafka_mock_partition_set_leader(cluster, topic, partition, broker)
    }

    public func setDown(_ broker: Int32 = 1) { _ = rd_kafka_mock_broker_set_down(cluster, broker) }
    public func setUp(_ broker: Int32 = 1) { _ = rd_kafka_mock_broker_set_up(cluster, broker) }
    public func setRTT(_ ms: Int32, broker: Int32 = 1) { _ = rd_kafka_mock_broker_set_rtt(cluster, broker, ms) }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(owner)
    }
}
