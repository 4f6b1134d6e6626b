import CRDKafka
import Foundation
import Logging

/// State shared with librdkafka's C callbacks through the handle's opaque pointer.
final class RDKafkaCallbackContext: @unchecked Sendable {
    let logger: Logger
    let statisticsHandler: (@Sendable (String) -> Void)?
    /// A consumer's rebalances (librdkafka's rebalance callback hands them over).
    let rebalance: RebalanceHandler?
    /// Set by the error callback when librdkafka reports a fatal error.
    let fatal = LockedValue<KafkaError?>(nil)
    /// The last error librdkafka reported through the error callback (connection, TLS, SASL), to explain
    /// a request that timed out.
    let lastError = LockedValue<String?>(nil)

    init(
        logger: Logger, statisticsHandler: (@Sendable (String) -> Void)?, rebalance: RebalanceHandler? = nil
    ) {
        self.logger = logger
        self.statisticsHandler = statisticsHandler
        self.rebalance = rebalance
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaCallbackContext? {
        opaque.map { Unmanaged<RDKafkaCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Owns one `rd_kafka_t` and the context its callbacks see. Destroyed exactly once, when the last reference goes.
final class RDKafkaHandle: @unchecked Sendable {
    enum Kind { case producer, consumer }

    let pointer: OpaquePointer
    let context: RDKafkaCallbackContext
    private let retainedContext: Unmanaged<RDKafkaCallbackContext>

    init(
        kind: Kind, properties: [String: String], context: RDKafkaCallbackContext,
        deliveryCallback: Bool = false, rebalanceCallback: Bool = false
    ) throws {
        try KafkaLibrary.requireSupportedVersion()
        guard let conf = rd_kafka_conf_new() else { throw KafkaError.config("rd_kafka_conf_new failed") }
        var errorBuffer = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let reason = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw KafkaError.config("librdkafka property '\(key)': \(reason)")
            }
        }
        retainedContext = Unmanaged.passRetained(context)
        self.context = context
        rd_kafka_conf_set_opaque(conf, retainedContext.toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdkafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, rdkafkaErrorCallback)
        if properties["statistics.interval.ms"] != nil { rd_kafka_conf_set_stats_cb(conf, rdkafkaStatsCallback) }
        if deliveryCallback { rd_kafka_conf_set_dr_msg_cb(conf, rdkafkaDeliveryCallback) }
        if rebalanceCallback { rd_kafka_conf_set_rebalance_cb(conf, rdkafkaRebalanceCallback) }

        guard let handle = rd_kafka_new(kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, conf, &errorBuffer, errorBuffer.count) else {
            // On failure the configuration is still ours.
            rd_kafka_conf_destroy(conf)
            retainedContext.release()
            let reason = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw KafkaError.config("could not create the Kafka client: \(reason)")
        }
        pointer = handle
    }

    /// A short-lived consumer for reading single records by offset (time lookups, watermark probes):
    /// its own throw-away group id, no commits, short fetch waits. Close it with ``closeConsumer()``.
    static func readerConsumer(properties: [String: String], context: RDKafkaCallbackContext, purpose: String, partitionEOF: Bool) throws -> RDKafkaHandle {
        var props = properties
        props["group.id"] = "wirestream-\(purpose)-\(UUID().uuidString.prefix(8))"
        props["enable.auto.commit"] = "false"
        props["enable.partition.eof"] = partitionEOF ? "true" : "false"
        props["fetch.wait.max.ms"] = "10"
        return try RDKafkaHandle(kind: .consumer, properties: props, context: context)
    }

    /// Closes a consumer handle (leaves its group); the handle is destroyed with the last reference to it.
    func closeConsumer() {
        rd_kafka_consumer_close(pointer)
    }

    /// Fails with librdkafka's fatal error if one occurred.
    func checkFatal() throws {
        if let error = context.fatal.withLock({ $0 }) { throw error }
    }

    // Destroyed only here: while anything can still reach the handle, it is valid (a closed client answers
    // calls with errors), so no use after close can touch freed memory.
    deinit {
        rd_kafka_destroy(pointer)
        retainedContext.release()
    }
}

// C callbacks: plain functions at file scope of a non-main file, never touching actor state.

private func rdkafkaLogCallback(_ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ message: UnsafePointer<CChar>?) {
    guard let rk, let context = RDKafkaCallbackContext.from(rd_kafka_opaque(rk)) else { return }
    let text = message.map { String(cString: $0) } ?? ""
    let fac = facility.map { String(cString: $0) } ?? ""
    // Errors such as a failed TLS handshake reach the log before (or instead of) the error callback,
    // which only runs when the handle is polled.
    if level <= 3 { context.lastError.withLock { $0 = text } }
    let swiftLevel: Logger.Level
    switch level {
    case 0...3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5, 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    context.logger.log(level: swiftLevel, "\(text)", metadata: ["rdkafka.facility": "\(fac)"], source: "librdkafka")
}

private func rdkafkaErrorCallback(_ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let context = RDKafkaCallbackContext.from(opaque) else { return }
    let code = rd_kafka_resp_err_t(err)
    let text = reason.map { String(cString: $0) } ?? ""
    context.lastError.withLock { $0 = text }
    if code == RD_KAFKA_RESP_ERR__FATAL, let rk {
        var buffer = [CChar](repeating: 0, count: 512)
        let original = rd_kafka_fatal_error(rk, &buffer, buffer.count)
        let detail = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var error = KafkaError.from(original, context: "fatal: \(detail)")
        error.isFatal = true
        context.fatal.withLock { $0 = error }
        context.logger.critical("librdkafka fatal error", metadata: ["error": "\(error)"])
    } else if code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || code == RD_KAFKA_RESP_ERR__TRANSPORT {
        context.logger.warning("broker connection problem; librdkafka keeps retrying", metadata: ["reason": "\(text)"])
    } else if code == RD_KAFKA_RESP_ERR__AUTHENTICATION {
        context.logger.error("authentication with the broker failed; check the SASL/TLS settings", metadata: ["reason": "\(text)"])
    } else {
        context.logger.warning("librdkafka error", metadata: ["code": "\(String(cString: rd_kafka_err2name(code)))", "reason": "\(text)"])
    }
}

private func rdkafkaStatsCallback(_ rk: OpaquePointer?, _ json: UnsafeMutablePointer<CChar>?, _ len: Int, _ opaque: UnsafeMutableRawPointer?) -> Int32 {
    guard let context = RDKafkaCallbackContext.from(opaque), let json else { return 0 }
    context.statisticsHandler?(String(cString: json))
    return 0  // librdkafka frees the buffer
}

private func rdkafkaDeliveryCallback(_ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let message, let token = message.pointee._private else { return }
    let box = Unmanaged<DeliveryBox>.fromOpaque(token).takeRetainedValue()
    let m = message.pointee
    if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? box.topic
        box.complete(.success(KafkaDeliveryReport(topic: topic, partition: m.partition, offset: m.offset)))
    } else {
        box.complete(.failure(KafkaError.from(m.err, context: "delivery to \(box.topic) failed")))
    }
}

private func rdkafkaRebalanceCallback(_ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let rk else { return }
    guard let handler = RDKafkaCallbackContext.from(opaque)?.rebalance else {
        // No handler (not expected for a consumer): take or drop everything, as librdkafka would without a callback.
        _ = rd_kafka_assign(rk, err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? partitions : nil)
        return
    }
    handler.handle(rk, err, partitions)
}

/// One in-flight produce: completed exactly once by the delivery callback.
final class DeliveryBox: @unchecked Sendable {
    let topic: String
    private let completion: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void

    init(topic: String, completion: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        self.topic = topic
        self.completion = completion
    }

    func complete(_ result: Result<KafkaDeliveryReport, KafkaError>) { completion(result) }
}
