import Synchronization

/// Set on librdkafka's thread when partitions are assigned; taken by the loop before the next batch.
final class ChangeFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    func take() -> Bool { value.exchange(false, ordering: .sequentiallyConsistent) }
}
