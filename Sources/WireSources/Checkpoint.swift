import Foundation

/// What one source has sent: item id → version and content fingerprint, plus a feed's HTTP validators.
/// Stored as JSON in the worker's state directory, replaced atomically (write a temporary file, then rename),
/// and updated only after the broker acknowledged the records it describes.
public struct Checkpoint: Codable, Sendable, Equatable {
    /// What was sent for one item id.
    public struct Entry: Codable, Sendable, Equatable {
        /// The version the source gave (`version` of the record), if any.
        public var version: String?
        /// SHA-256 of the record as sent (without `received_at`): a changed story has another fingerprint.
        public var fingerprint: String
        /// Days since 1970-01-01 when the item was last seen in the source (entries unseen for long are forgotten).
        public var seenDay: Int
    }

    public var entries: [String: Entry] = [:]
    /// The feed's last `ETag`, sent back as `If-None-Match`.
    public var etag: String?
    /// The feed's last `Last-Modified`, sent back as `If-Modified-Since`.
    public var lastModified: String?

    public init() {}

    /// True when `fingerprint`/`version` for `id` have not been sent yet: a new id, a higher numeric
    /// version, or (same or non-numeric version) changed content. A lower numeric version is never sent.
    public func needsSending(id: String, version: String?, fingerprint: String) -> Bool {
        guard let old = entries[id] else { return true }
        if let new = version.flatMap(Int.init), let sent = old.version.flatMap(Int.init), new != sent { return new > sent }
        return old.fingerprint != fingerprint
    }

    /// Drops entries not seen since `days` before `today`; returns how many were dropped.
    @discardableResult
    public mutating func forget(olderThan days: Int, today: Int) -> Int {
        let before = entries.count
        entries = entries.filter { today - $0.value.seenDay <= days }
        return before - entries.count
    }

    /// The day number of `date` (days since 1970-01-01, UTC).
    public static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
}

/// Reads and writes one source's ``Checkpoint`` file.
public struct CheckpointFile: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The checkpoint of source `name` under `stateDirectory`: `<stateDirectory>/<name>.checkpoint.json`.
    public init(stateDirectory: URL, source name: String) {
        url = stateDirectory.appendingPathComponent("\(name).checkpoint.json")
    }

    /// The stored checkpoint; an empty one when the file does not exist yet.
    public func load() throws(SourceError) -> Checkpoint {
        guard FileManager.default.fileExists(atPath: url.path) else { return Checkpoint() }
        do {
            return try JSONDecoder().decode(Checkpoint.self, from: Data(contentsOf: url))
        } catch {
            throw .checkpointUnreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Writes `checkpoint` to a temporary file beside the checkpoint, then renames it over the old one,
    /// so a crash leaves either the old or the new checkpoint, never half of one.
    public func save(_ checkpoint: Checkpoint) throws(SourceError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try encoder.encode(checkpoint)
            guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .checkpointUnwritable(path: url.path, reason: "\(error)")
        }
    }
}
