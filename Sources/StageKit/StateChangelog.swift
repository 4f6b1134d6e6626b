/// A log of a stage's state kept outside the instance, so another instance (on another host) can take over
/// (Kafka Streams' changelog pattern). The active instance writes every change of its state before the input
/// offsets that change covers are committed; an instance that takes over reads the log to its end
/// (``restore()``) and continues from there. Keys are the stage's own (e.g. one per state segment); only the
/// latest value of a key counts, and a change without a value deletes its key (a tombstone), so the log can be
/// compacted.
///
/// The worker runtime provides one on a compacted Kafka topic when the stage declares `changelog:` in
/// pipelines.yaml (``StageContext/changelog``).
public protocol StateChangelog: Sendable {
    /// Where the log lives, for messages (the topic, for Kafka).
    var name: String { get }

    /// Writes `changes` in order and returns once every one is durable (acknowledged by all replicas).
    /// Throws when any is not: the caller must not commit the input offsets these changes cover.
    func write(_ changes: [StateChange]) async throws

    /// The state the log holds: every change from its start to its current end applied in order (a later value
    /// replaces an earlier one, a tombstone removes its key). Empty for a log never written.
    func restore() async throws -> [String: [UInt8]]
}

/// One change of a stage's state: `key` now holds `value`, or, when `value` is nil, no longer exists.
public struct StateChange: Sendable, Equatable {
    public var key: String
    /// The new value; nil deletes the key (a tombstone).
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}
