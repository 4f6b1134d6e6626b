import ArticleSchema
import Foundation

/// Sends the stories a checkpoint has not seen (new ids, new versions, changed content) and records in the
/// checkpoint those the broker acknowledged. Returns the updated checkpoint; the caller saves it.
struct StoryDelivery: Sendable {
    let publisher: any StoryPublisher
    let topic: String

    struct Outcome: Sendable, Equatable {
        /// Records acknowledged by the broker.
        var sent = 0
        /// Records already sent before (same id, same version and content).
        var unchanged = 0
        /// Records the broker did not acknowledge (sent again next time).
        var unacknowledged = 0
        /// The checkpoint changed (sent records, or items seen on a new day).
        var changed = false
    }

    func deliver(_ records: [ArticleRecord], checkpoint start: Checkpoint, now: Date) async -> (Outcome, Checkpoint) {
        var checkpoint = start
        let today = Checkpoint.day(now)
        let receivedAt = ISOTime.string(from: now)
        var outcome = Outcome()
        var fresh: [(record: ArticleRecord, fingerprint: String)] = []
        var pending = checkpoint  // later records in one batch compare with earlier ones (a file holding two versions)
        for var record in records {
            let fingerprint = StoryFingerprint.of(record)
            if pending.needsSending(id: record.id, version: record.version, fingerprint: fingerprint) {
                if record.receivedAt == nil { record.receivedAt = receivedAt }
                fresh.append((record, fingerprint))
                pending.entries[record.id] = .init(version: record.version, fingerprint: fingerprint, seenDay: today)
            } else {
                outcome.unchanged += 1
                if let entry = checkpoint.entries[record.id], entry.seenDay != today {
                    checkpoint.entries[record.id]?.seenDay = today
                    outcome.changed = true
                }
            }
        }
        guard !fresh.isEmpty else { return (outcome, checkpoint) }
        let acknowledged = await publisher.publish(fresh.map(\.record), to: topic)
        for (item, ok) in zip(fresh, acknowledged) {
            if ok {
                checkpoint.entries[item.record.id] = .init(version: item.record.version, fingerprint: item.fingerprint, seenDay: today)
                outcome.sent += 1
                outcome.changed = true
            } else {
                outcome.unacknowledged += 1
            }
        }
        outcome.unacknowledged += max(0, fresh.count - acknowledged.count)
        return (outcome, checkpoint)
    }
}
