import ArticleSchema
import Foundation

/// One source's memory of what it sent: sends what its ``Checkpoint`` has not seen, records what the broker
/// acknowledged and saves the checkpoint (atomically) before the caller moves a file or trusts a 304.
actor SentLedger {
    /// What one ``send(_:now:validators:)`` did.
    struct Result: Sendable {
        var outcome: StoryDelivery.Outcome
        /// Set when the checkpoint could not be saved: the caller must not move the file.
        var saveError: SourceError?
    }

    let delivery: StoryDelivery
    let file: CheckpointFile
    let retentionDays: Int
    private(set) var checkpoint: Checkpoint

    init(source: String, topic: String, publisher: any StoryPublisher, stateDirectory: URL, retentionDays: Int) throws(SourceError) {
        delivery = StoryDelivery(publisher: publisher, topic: topic)
        file = CheckpointFile(stateDirectory: stateDirectory, source: source)
        self.retentionDays = retentionDays
        checkpoint = try file.load()
    }

    /// Sends the new stories of `records`; `validators` (a feed's `ETag` and `Last-Modified`) are stored only
    /// when every record was acknowledged, so a later 304 never hides a story that was not sent.
    func send(_ records: [ArticleRecord], now: Date, validators: (etag: String?, lastModified: String?)? = nil) async -> Result {
        let (outcome, updated) = await delivery.deliver(records, checkpoint: checkpoint, now: now)
        checkpoint = updated
        var changed = outcome.changed
        if let validators, outcome.unacknowledged == 0, checkpoint.etag != validators.etag || checkpoint.lastModified != validators.lastModified {
            checkpoint.etag = validators.etag
            checkpoint.lastModified = validators.lastModified
            changed = true
        }
        if checkpoint.forget(olderThan: retentionDays, today: Checkpoint.day(now)) > 0 { changed = true }
        guard changed else { return Result(outcome: outcome) }
        do {
            try file.save(checkpoint)
            return Result(outcome: outcome)
        } catch {
            return Result(outcome: outcome, saveError: error)
        }
    }
}
