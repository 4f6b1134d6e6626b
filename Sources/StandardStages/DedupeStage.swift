import ArticleSchema
import Deduplication
import Foundation
import StageKit
import Synchronization

/// `dedupe`: exact and near-duplicate detection against every article seen within the retention window.
/// State lives in the stage's state directory (SQLite) and survives restarts; an article id seen before
/// gets the verdict it got the first time, so replays give the same verdicts.
///
/// Parameters: `retention_days` (default 7; expiry runs every eighth of it, at most daily),
/// `verdict_retention_days` (default 30: how long replays of expired ids get their first verdict),
/// `state_dir` (default `state/<pipeline>.<stage>`), `jaccard_threshold`, `containment_threshold`
/// (defaults tuned on the development stream).
///
/// Scale-out: several instances share one state directory and a single-partition input topic. The
/// group gives the partition to one instance, which decides in arrival order; the others stand by.
/// After a rebalance the new owner reloads the index from the shared store (every batch is flushed
/// before its offsets are committed), so verdicts are those a single instance would give.
public final class DedupeStage: Stage {
    public let name = "dedupe"
    public let version = "1.0"
    public var allowsConcurrency: Bool { false }
    private let current: Mutex<Deduplicator>
    private let options: DedupeOptions
    private let directory: URL?

    public init(parameters: StageParameters = StageParameters(), context: StageContext?) throws {
        try parameters.rejectUnknown(["retention_days", "verdict_retention_days", "state_dir", "jaccard_threshold", "containment_threshold", "in_memory"])
        var options = DedupeOptions()
        options.retentionSeconds = try parameters.double("retention_days", default: options.retentionSeconds / 86_400) * 86_400
        options.verdictRetentionSeconds = try parameters.double("verdict_retention_days", default: options.verdictRetentionSeconds / 86_400) * 86_400
        options.jaccardThreshold = try parameters.double("jaccard_threshold", default: options.jaccardThreshold)
        options.containmentThreshold = try parameters.double("containment_threshold", default: options.containmentThreshold)
        let inMemory = try parameters.bool("in_memory", default: context == nil)
        let directory = try parameters.string("state_dir").map { URL(fileURLWithPath: $0) } ?? context?.stateDirectory
        self.options = options
        self.directory = inMemory ? nil : directory
        current = Mutex(try Deduplicator(options: options, stateDirectory: inMemory ? nil : directory))
    }

    private var deduplicator: Deduplicator { current.withLock { $0 } }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        if record.isDeleted { return record }  // a tombstone is not a story: never indexed, never a duplicate
        var record = record
        let stamp = [record.normalized?.publishedAt, record.publishedAt, record.receivedAt]
            .compactMap { $0.flatMap(ISOTime.date(from:)) }.first ?? Date()
        let verdict = try deduplicator.check(DedupeDocument(id: record.id, title: record.workingTitle, text: record.workingText, timestamp: stamp,
                                                         contentHash: record.normalized?.contentHash))
        record.dedupe = DedupeRecord(status: verdict.status.rawValue, duplicateOf: verdict.duplicateOf, similarity: verdict.similarity)
        return record
    }

    public func checkpoint() async throws { try deduplicator.flush() }

    /// Reloads the index from the state directory, which another instance may have advanced.
    public func partitionsChanged() async throws {
        guard let directory else { return }
        try deduplicator.flush()
        let reloaded = try Deduplicator(options: options, stateDirectory: directory)
        current.withLock { $0 = reloaded }
    }

    public func shutdown() async throws { try deduplicator.flush() }
}
