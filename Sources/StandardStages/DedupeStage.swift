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
/// Scale-out (`changelog:` in pipelines.yaml): each instance keeps its own state directory, a local cache;
/// the source of truth is the changelog (``StageContext/changelog``, a compacted topic of index segments).
/// Every checkpoint writes the batch's new segments (and tombstones for segments expiry deleted) to it
/// before the batch's offsets are committed. An instance given the single input partition restores first:
/// it reads the changelog to its end, makes its store hold exactly that (adding the segments it lacks,
/// dropping the ones tombstoned or never written there) and loads the index, so verdicts are those a single
/// instance would give. Standbys hold no index in memory.
public final class DedupeStage: Stage {
    public let name = "dedupe"
    public let version = "1.0"
    public var allowsConcurrency: Bool { false }
    /// The open index; nil with a changelog until the first restore.
    private let current: Mutex<Deduplicator?>
    private let options: DedupeOptions
    private let directory: URL?
    private let changelog: (any StateChangelog)?

    public init(parameters: StageParameters = StageParameters(), context: StageContext?) throws {
        try parameters.rejectUnknown(["retention_days", "verdict_retention_days", "state_dir", "jaccard_threshold", "containment_threshold", "in_memory"])
        var options = DedupeOptions()
        options.retentionSeconds = try parameters.double("retention_days", default: options.retentionSeconds / 86_400) * 86_400
        options.verdictRetentionSeconds = try parameters.double("verdict_retention_days", default: options.verdictRetentionSeconds / 86_400) * 86_400
        options.jaccardThreshold = try parameters.double("jaccard_threshold", default: options.jaccardThreshold)
        options.containmentThreshold = try parameters.double("containment_threshold", default: options.containmentThreshold)
        let inMemory = try parameters.bool("in_memory", default: context == nil)
        var directory = try parameters.string("state_dir").map { URL(fileURLWithPath: $0) } ?? context?.stateDirectory
        if let context, context.instance > 0, try parameters.string("state_dir") != nil {
            // Instances keep separate state even when `state_dir` names one directory for all.
            directory = directory?.appendingPathComponent("instance-\(context.instance)")
        }
        if inMemory, let changelog = context?.changelog {
            throw StageError("dedupe: in_memory keeps no state to write to the changelog '\(changelog.name)'; remove one of them")
        }
        self.options = options
        self.directory = inMemory ? nil : directory
        self.changelog = inMemory ? nil : context?.changelog
        // With a changelog the index is restored when the input partition is assigned (``partitionsChanged()``).
        current = Mutex(changelog == nil ? try Deduplicator(options: options, stateDirectory: inMemory ? nil : directory) : nil)
    }

    private func deduplicator() async throws -> Deduplicator {
        if let open = current.withLock({ $0 }) { return open }
        return try await restore()
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        if record.isDeleted { return record }  // a tombstone is not a story: never indexed, never a duplicate
        var record = record
        let stamp = [record.normalized?.publishedAt, record.publishedAt, record.receivedAt]
            .compactMap { $0.flatMap(ISOTime.date(from:)) }.first ?? Date()
        let verdict = try await deduplicator().check(DedupeDocument(id: record.id, title: record.workingTitle, text: record.workingText, timestamp: stamp,
                                                                    contentHash: record.normalized?.contentHash))
        record.dedupe = DedupeRecord(status: verdict.status.rawValue, duplicateOf: verdict.duplicateOf, similarity: verdict.similarity)
        return record
    }

    /// Flushes the batch's index segments and, with a changelog, writes them there (acknowledged) before
    /// the runtime stores the batch's offsets.
    public func checkpoint() async throws {
        guard let open = current.withLock({ $0 }) else { return }
        guard let changelog else { return try open.flush() }
        let changes = try open.flushChanges()
        do {
            try await changelog.write(changes.map { StateChange(key: $0.key, value: $0.value.map { [UInt8]($0) }) })
        } catch {
            // The store now holds segments the changelog may lack: the next use restores from the changelog.
            current.withLock { $0 = nil }
            throw error
        }
    }

    /// With a changelog, restores the index from it (another instance may have advanced it); without, reloads
    /// the state directory.
    public func partitionsChanged() async throws {
        if changelog != nil {
            _ = try await restore()
            return
        }
        guard let directory else { return }
        try current.withLock { try $0?.flush() }
        let reloaded = try Deduplicator(options: options, stateDirectory: directory)
        current.withLock { $0 = reloaded }
    }

    /// Reads the changelog to its end, makes the local store hold exactly its state and opens the index;
    /// an empty changelog is seeded from the local store.
    private func restore() async throws -> Deduplicator {
        guard let changelog else { throw StageError("dedupe: no changelog to restore from") }
        // The old index goes first, so memory holds one index at a time.
        current.withLock { $0 = nil }
        let restored = try Deduplicator(options: options, stateDirectory: directory, restoring: try await changelog.restore().mapValues { Data($0) })
        let seed = try restored.flushChanges()
        if !seed.isEmpty {
            try await changelog.write(seed.map { StateChange(key: $0.key, value: $0.value.map { [UInt8]($0) }) })
        }
        current.withLock { $0 = restored }
        return restored
    }

    public func shutdown() async throws { try current.withLock { try $0?.flush() } }
}
