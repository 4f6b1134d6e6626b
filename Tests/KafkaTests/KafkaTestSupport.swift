import Foundation
import Kafka
import LocalBroker
import Logging

/// Settings that make group joins on Tansu take ~3 s instead of ~23 s.
func testKafka(_ broker: TansuBroker) -> KafkaConfiguration {
    KafkaConfiguration(
        bootstrapServers: broker.bootstrapServers,
        properties: KafkaConsumerConfiguration.fastGroupJoin.merging(["topic.metadata.refresh.interval.ms": "1000"]) { $1 })
}

let testLogger: Logger = {
    var logger = Logger(label: "kafka-tests")
    logger.logLevel = .warning
    return logger
}()

/// Reads from `consumer` until `count` messages arrived or `timeout` passed.
func collect(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(60)) async throws -> [KafkaConsumerMessage] {
    let deadline = ContinuousClock.now + timeout
    var got: [KafkaConsumerMessage] = []
    while got.count < count && ContinuousClock.now < deadline {
        let batch = try await consumer.nextBatch(maxMessages: 1000, timeout: .milliseconds(500))
        got += batch
    }
    return got
}
