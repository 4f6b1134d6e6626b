import ArticleSchema

/// One processing step of a pipeline: takes an article record, returns it with its section added.
///
/// Stages know nothing of Kafka: the worker runtime feeds them from a topic, `wirectl process` from a
/// file. Replacing a stage's model or algorithm means providing another `Stage`; the runtime does not change.
public protocol Stage: Sendable {
    /// The stage kind, e.g. `normalize`; recorded in `lineage`.
    var name: String { get }
    /// The version of the stage's logic or model; recorded in `lineage`.
    var version: String { get }
    /// Whether records with different keys may be processed at the same time. Stages whose verdicts
    /// depend on arrival order (dedupe) say `false`.
    var allowsConcurrency: Bool { get }

    /// Processes one record. A thrown error sends the record to the dead-letter topic with the error's
    /// description as the reason; the pipeline goes on.
    func process(_ record: ArticleRecord) async throws -> ArticleRecord

    /// Makes the state behind the records processed so far durable. The runtime calls it after a batch's
    /// outputs are acknowledged and before its input offsets are stored, so a crash never commits an
    /// offset whose effect on the state was lost.
    func checkpoint() async throws

    /// Called before the first batch after this worker's partitions changed (at start and after every
    /// rebalance). Stages whose state another instance may have advanced reload it here.
    func partitionsChanged() async throws

    /// Persists state and releases resources; called once when the worker stops.
    func shutdown() async throws
}

extension Stage {
    public var allowsConcurrency: Bool { true }
    public func checkpoint() async throws {}
    public func partitionsChanged() async throws {}
    public func shutdown() async throws {}
}

/// A record a stage cannot process, with the reason that goes to the dead-letter topic.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
