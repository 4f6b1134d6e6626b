import Foundation
import Kafka

/// The worker's producer, replaced by a new one when it can no longer deliver.
final class ProducerBox: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () throws -> KafkaProducer
    private var producer: KafkaProducer

    init(make: @escaping @Sendable () throws -> KafkaProducer) throws {
        self.make = make
        producer = try make()
    }

    var current: KafkaProducer { lock.withLock { producer } }

    /// Closes the current producer (on a thread of its own) and starts a new one.
    func renew() async throws -> KafkaProducer {
        let old = current
        await old.shutdown(timeout: .seconds(5))
        let fresh = try make()
        lock.withLock { producer = fresh }
        return fresh
    }
}
