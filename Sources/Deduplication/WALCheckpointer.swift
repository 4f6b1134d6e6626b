import Foundation
import GRDB

/// Moves the store's write-ahead log into the database file on a background thread, so that a flush
/// never waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: copying the log
/// and syncing the file took ~200 ms every ~8,500 articles, a pause in the middle of a batch. The
/// store turns that off (`wal_autocheckpoint = 0`) and calls ``noteWrite()`` after each commit; once
/// the log is over `thresholdBytes`, a PASSIVE checkpoint runs on its own connection, which does not
/// block the writer. A checkpoint that catches up completely lets the next commit start the log
/// over (then `journal_size_limit` truncates the file).
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let thresholdBytes: Int
    private let work = DispatchQueue(label: "wirestream.dedupe.wal-checkpoint", qos: .utility)
    private let lock = NSLock()
    private var running = false
    private var connection: DatabaseQueue?

    init(path: String, configuration: Configuration, thresholdBytes: Int = 16 << 20) {
        self.path = path
        self.configuration = configuration
        self.thresholdBytes = thresholdBytes
    }

    /// Starts a checkpoint in the background when the log has outgrown the threshold and none is running.
    func noteWrite() {
        guard walBytes() > thresholdBytes else { return }
        let start = lock.withLock { () -> Bool in
            if running { return false }
            running = true
            return true
        }
        guard start else { return }
        work.async { [self] in
            defer { lock.withLock { running = false } }
            do {
                if connection == nil { connection = try DatabaseQueue(path: path, configuration: configuration) }
                try connection?.writeWithoutTransaction { try $0.checkpoint(.passive) }
            } catch {
                // The next write tries again; the log only grows meanwhile.
            }
        }
    }

    /// Waits for a running checkpoint to end and closes the connection.
    func close() {
        work.sync { connection = nil }
    }

    private func walBytes() -> Int {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal"),
              let size = attributes[.size] as? NSNumber else { return 0 }
        return size.intValue
    }
}
