import Foundation
import Kafka

/// The consumer, for the revocation callback that is set up before the consumer exists.
final class ConsumerReference: @unchecked Sendable {
    private let lock = NSLock()
    private var _consumer: KafkaConsumer?
    var consumer: KafkaConsumer? {
        get { lock.withLock { _consumer } }
        set { lock.withLock { _consumer = newValue } }
    }
}
