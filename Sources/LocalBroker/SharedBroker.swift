import Foundation
import Kafka
import Logging

/// One Tansu broker shared by every test of a test process, started on first use.
///
/// The broker stops when the process exits (its watchdog sees the parent gone), also after a
/// failed or crashed test run.
public actor SharedBroker {
    public static let instance = SharedBroker()
    private var broker: TansuBroker?
    private var starting: Task<TansuBroker, any Error>?

    /// The running broker; starts it the first time.
    public func broker(logger: Logger = Logger(label: "tansu")) async throws -> TansuBroker {
        if let broker { return broker }
        if let starting { return try await starting.value }
        let task = Task { try await TansuBroker(logger: logger) }
        starting = task
        let started = try await task.value
        broker = started
        print("Tansu broker for tests at \(started.bootstrapServers); librdkafka \(KafkaLibrary.version)")
        return started
    }

    /// A fresh, unique name for a topic or group.
    public nonisolated static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
