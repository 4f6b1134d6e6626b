import Foundation
import GRDB

/// SQLite (GRDB, WAL) persistence of the index, written as segments: each flush stores the batch of
/// newly indexed articles as one blob row (``SegmentCodec``), each expiry run stores the verdicts of
/// the articles that left as one blob row and deletes the article segments whose newest article
/// left. One row per batch instead of one per article keeps the store off the per-article path;
/// loading decodes the blobs and rebuilds the in-memory buckets from the stored signatures, so
/// nothing is re-hashed.
///
/// Rows written by the per-article layout of earlier versions are migrated on open.
struct DedupeStore: Sendable {
    let queue: DatabaseQueue
    /// Checkpoints the WAL off the writer's path (automatic checkpoints are off).
    let checkpointer: WALCheckpointer
    static let fileName = "dedupe.sqlite"

    init(directory: URL, options: DedupeOptions) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        // The WAL checkpointer's connection may hold the lock for a moment; wait instead of failing.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Segments are large blobs: big pages mean few page writes per flush (applies to new files).
            try db.execute(sql: "PRAGMA page_size = 65536")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // Truncate the WAL after checkpoints instead of keeping its largest size on disk.
            try db.execute(sql: "PRAGMA journal_size_limit = 8388608")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let path = directory.appendingPathComponent(Self.fileName).path
        queue = try DatabaseQueue(path: path, configuration: config)
        checkpointer = WALCheckpointer(path: path, configuration: config)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS segment (id INTEGER PRIMARY KEY, max_ts REAL NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS retired_segment (id INTEGER PRIMARY KEY, max_ts REAL NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
            // Shingles and signatures are only comparable under the same hashing settings.
            let fingerprint = "v3-oph shingle=\(options.shingleSize) perm=\(options.permutations)"
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'") {
                if stored != fingerprint {
                    throw DedupeError.incompatibleState("index built with '\(stored)', options give '\(fingerprint)'")
                }
            } else {
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('fingerprint', ?)", arguments: [fingerprint])
            }
            try Self.migrateRowLayout(db)
        }
    }

    /// Verdicts of articles that left the index, by id, still within the verdict retention.
    func loadRetired() throws -> [String: (verdict: DedupeVerdict, timestamp: Double)] {
        try queue.read { db in
            let forgotten = try Self.meta(db, "verdicts_forgotten_before") ?? -.infinity
            var out: [String: (verdict: DedupeVerdict, timestamp: Double)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT data FROM retired_segment ORDER BY id")
            while let row = try rows.next() {
                for v in try SegmentCodec.decodeVerdicts(row[0]) where v.timestamp >= forgotten {
                    out[v.id] = (v.verdict, v.timestamp)
                }
            }
            return out
        }
    }

    /// The retained articles in arrival (seq) order, and the stored meta values. Articles whose id
    /// is in `retired` left the index (their segment lives on for newer articles) and are skipped.
    func load(skipping retired: [String: (verdict: DedupeVerdict, timestamp: Double)]) throws
        -> (articles: [IndexedArticle], meta: [String: String])
    {
        try queue.read { db in
            let forgotten = try Self.meta(db, "verdicts_forgotten_before") ?? -.infinity
            var out: [IndexedArticle] = []
            var ids = Set<String>()
            var seqs = Set<Int64>()
            let rows = try Row.fetchCursor(db, sql: "SELECT data FROM segment ORDER BY id")
            while let row = try rows.next() {
                for a in try SegmentCodec.decodeArticles(row[0])
                where a.timestamp >= forgotten && retired[a.id] == nil && ids.insert(a.id).inserted && seqs.insert(a.seq).inserted {
                    out.append(a)
                }
            }
            out.sort { $0.seq < $1.seq }
            var meta: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row["key"]] = row["value"] }
            return (out, meta)
        }
    }

    /// Writes `articles` as one segment and `meta`, in one transaction; returns the changes written
    /// (the segment, when there is one, and the meta values) for a changelog.
    @discardableResult
    func save(_ articles: [IndexedArticle], meta: [String: String]) throws -> [DedupeStateChange] {
        let blob = SegmentCodec.encode(articles)
        let maxTimestamp = articles.map(\.timestamp).max() ?? 0
        let changes = try queue.write { db -> [DedupeStateChange] in
            var changes: [DedupeStateChange] = []
            try Self.setMeta(db, meta)
            if !articles.isEmpty {
                let id = try Self.allocateSegmentID(db)
                try db.execute(sql: "INSERT INTO segment (id, max_ts, count, data) VALUES (?, ?, ?, ?)",
                               arguments: [id, maxTimestamp, articles.count, blob])
                changes.append(DedupeStateChange(key: Segment.articles.key(id), value: blob))
            }
            changes.append(try Self.metaChange(db))
            return changes
        }
        checkpointer.noteWrite()
        return changes
    }

    /// Records the verdicts of `removed` (articles that left the index) that are newer than
    /// `verdictCutoff`, deletes article segments whose newest article is older than `cutoff` and
    /// verdict segments older than `verdictCutoff`, in one transaction; returns the changes (the new
    /// verdict segment, a tombstone per deleted segment, the meta values) for a changelog.
    @discardableResult
    func retire(_ removed: [IndexedArticle], before cutoff: Double, forgetBefore verdictCutoff: Double) throws -> [DedupeStateChange] {
        let kept = removed.filter { $0.timestamp >= verdictCutoff }
            .map { SegmentCodec.RetiredVerdict(id: $0.id, timestamp: $0.timestamp, verdict: $0.verdict) }
        let blob = SegmentCodec.encode(kept)
        let changes = try queue.write { db -> [DedupeStateChange] in
            var changes: [DedupeStateChange] = []
            if !kept.isEmpty {
                let id = try Self.allocateSegmentID(db)
                try db.execute(sql: "INSERT INTO retired_segment (id, max_ts, count, data) VALUES (?, ?, ?, ?)",
                               arguments: [id, kept.map(\.timestamp).max() ?? 0, kept.count, blob])
                changes.append(DedupeStateChange(key: Segment.verdicts.key(id), value: blob))
            }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM segment WHERE max_ts < ? ORDER BY id", arguments: [cutoff]) {
                changes.append(DedupeStateChange(key: Segment.articles.key(id), value: nil))
            }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM retired_segment WHERE max_ts < ? ORDER BY id", arguments: [verdictCutoff]) {
                changes.append(DedupeStateChange(key: Segment.verdicts.key(id), value: nil))
            }
            try db.execute(sql: "DELETE FROM segment WHERE max_ts < ?", arguments: [cutoff])
            try db.execute(sql: "DELETE FROM retired_segment WHERE max_ts < ?", arguments: [verdictCutoff])
            let previous = try Self.meta(db, "verdicts_forgotten_before") ?? -.infinity
            try Self.setMeta(db, ["verdicts_forgotten_before": String(max(previous, verdictCutoff))])
            changes.append(try Self.metaChange(db))
            return changes
        }
        checkpointer.noteWrite()
        return changes
    }

    /// Whether the store holds any segment.
    func isEmpty() throws -> Bool {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM segment) + (SELECT count(*) FROM retired_segment)") == 0
        }
    }

    /// The whole store as changes (every segment and the meta values), to seed an empty changelog.
    func snapshot() throws -> [DedupeStateChange] {
        try queue.read { db in
            var changes: [DedupeStateChange] = []
            for kind in Segment.allCases {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, data FROM \(kind.table) ORDER BY id")
                while let row = try rows.next() { changes.append(DedupeStateChange(key: kind.key(row[0]), value: row[1])) }
            }
            changes.append(try Self.metaChange(db))
            return changes
        }
    }

    /// Makes the store hold exactly `state` (a changelog read to its end: key → latest value): segments
    /// not in it are deleted, missing or different ones written, and the meta values replaced by its
    /// `meta`. Throws ``DedupeError/incompatibleState(_:)`` for a state written with other hashing settings
    /// or holding keys this version does not know. Returns how many segments were written and deleted.
    @discardableResult
    func synchronize(with state: [String: Data]) throws -> (written: Int, deleted: Int) {
        var wanted: [Segment: [Int64: Data]] = [:]
        var metaValues: [String: String]?
        for (key, value) in state {
            if key == Self.metaKey {
                metaValues = try Self.decodeMeta(value)
            } else if let (kind, id) = Segment.parse(key) {
                wanted[kind, default: [:]][id] = value
            } else {
                throw DedupeError.incompatibleState("the changelog holds key '\(key)', which this version does not know")
            }
        }
        let result = try queue.write { db -> (written: Int, deleted: Int) in
            let fingerprint = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
            if let metaValues {
                if let theirs = metaValues["fingerprint"], theirs != fingerprint {
                    throw DedupeError.incompatibleState("the changelog's index was built with '\(theirs)', options give '\(fingerprint ?? "-")'")
                }
                try db.execute(sql: "DELETE FROM meta")
                try Self.setMeta(db, metaValues)
                if let fingerprint { try Self.setMeta(db, ["fingerprint": fingerprint]) }
            }
            var written = 0, deleted = 0
            for kind in Segment.allCases {
                let want = wanted[kind] ?? [:]
                var have: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, length(data) FROM \(kind.table)") { have[row[0]] = row[1] }
                for id in have.keys where want[id] == nil {
                    try db.execute(sql: "DELETE FROM \(kind.table) WHERE id = ?", arguments: [id])
                    deleted += 1
                }
                for (id, blob) in want {
                    if have[id] == blob.count,
                       try Data.fetchOne(db, sql: "SELECT data FROM \(kind.table) WHERE id = ?", arguments: [id]) == blob { continue }
                    let (maxTimestamp, count) = try kind.summary(blob)
                    try db.execute(sql: "INSERT OR REPLACE INTO \(kind.table) (id, max_ts, count, data) VALUES (?, ?, ?, ?)",
                                   arguments: [id, maxTimestamp, count, blob])
                    written += 1
                }
            }
            return (written, deleted)
        }
        checkpointer.noteWrite()
        return result
    }

    /// The two kinds of segment, by table and changelog key prefix.
    enum Segment: CaseIterable {
        case articles, verdicts

        var table: String { self == .articles ? "segment" : "retired_segment" }
        func key(_ id: Int64) -> String { "\(self)/\(id)" }

        static func parse(_ key: String) -> (Segment, Int64)? {
            let parts = key.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[1]), let kind = allCases.first(where: { "\($0)" == parts[0] }) else { return nil }
            return (kind, id)
        }

        /// Newest timestamp and count of the entries in a segment blob.
        func summary(_ blob: Data) throws -> (Double, Int) {
            switch self {
            case .articles:
                let articles = try SegmentCodec.decodeArticles(blob)
                return (articles.map(\.timestamp).max() ?? 0, articles.count)
            case .verdicts:
                let verdicts = try SegmentCodec.decodeVerdicts(blob)
                return (verdicts.map(\.timestamp).max() ?? 0, verdicts.count)
            }
        }
    }

    static let metaKey = "meta"

    /// A new segment id, never used before in this store or the changelog it was restored from (segment
    /// ids are shared by both tables; the highest one given out is kept in meta).
    private static func allocateSegmentID(_ db: Database) throws -> Int64 {
        let highest = try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT max(id) FROM segment), 0), coalesce((SELECT max(id) FROM retired_segment), 0))
            """) ?? 0
        let recorded = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_segment_id'").flatMap { Int64($0) } ?? 0
        let id = max(highest, recorded) + 1
        try setMeta(db, ["last_segment_id": String(id)])
        return id
    }

    /// The meta values as one change (JSON object, keys sorted).
    private static func metaChange(_ db: Database) throws -> DedupeStateChange {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { values[row["key"]] = row["value"] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return DedupeStateChange(key: metaKey, value: try encoder.encode(values))
    }

    private static func decodeMeta(_ data: Data) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw DedupeError.incompatibleState("the changelog's meta record is not a JSON object of strings: \(error)")
        }
    }

    private static func meta(_ db: Database, _ key: String) throws -> Double? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]).flatMap(Double.init)
    }

    private static func setMeta(_ db: Database, _ values: [String: String]) throws {
        for (key, value) in values {
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Moves rows of the per-article layout (tables `article` and `retired`, up to 0.3) into segments.
    private static func migrateRowLayout(_ db: Database) throws {
        if try db.tableExists("article") {
            var articles: [IndexedArticle] = []
            var shinglesBySeq: [Int64: [UInt32]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, id, ts, status, duplicate_of, similarity, root, digest, shingles, numbers, signature, matched_seq
                FROM article ORDER BY seq
                """)
            while let row = try rows.next() {
                let statusText: String = row[3]
                var a = IndexedArticle(
                    seq: row[0], id: row[1], timestamp: row[2],
                    verdict: DedupeVerdict(status: DedupeStatus(rawValue: statusText) ?? .unique, duplicateOf: row[4], similarity: row[5]),
                    root: row[6], digest: row[7], shingles: DedupeIndex.keys(decode(row[8] as Data?)),
                    numbers: DedupeIndex.keys(decode(row[9] as Data?)), signature: decode(row[10] as Data?), matchedSeq: row[11])
                if let m = a.matchedSeq, let other = shinglesBySeq[m] {
                    let theirs = Set(other)
                    a.added = a.shingles.filter { !theirs.contains($0) }
                }
                shinglesBySeq[a.seq] = a.shingles
                articles.append(a)
            }
            for chunk in stride(from: 0, to: articles.count, by: 4096) {
                let part = Array(articles[chunk..<min(articles.count, chunk + 4096)])
                try db.execute(sql: "INSERT INTO segment (max_ts, count, data) VALUES (?, ?, ?)",
                               arguments: [part.map(\.timestamp).max() ?? 0, part.count, SegmentCodec.encode(part)])
            }
            try db.execute(sql: "DROP TABLE article")
        }
        if try db.tableExists("retired") {
            var verdicts: [SegmentCodec.RetiredVerdict] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, ts, status, duplicate_of, similarity FROM retired") {
                let statusText: String = row["status"]
                verdicts.append(.init(id: row["id"], timestamp: row["ts"], verdict: DedupeVerdict(
                    status: DedupeStatus(rawValue: statusText) ?? .unique, duplicateOf: row["duplicate_of"], similarity: row["similarity"])))
            }
            if !verdicts.isEmpty {
                try db.execute(sql: "INSERT INTO retired_segment (max_ts, count, data) VALUES (?, ?, ?)",
                               arguments: [verdicts.map(\.timestamp).max() ?? 0, verdicts.count, SegmentCodec.encode(verdicts)])
            }
            try db.execute(sql: "DROP TABLE retired")
        }
    }

    /// Size of the database file plus its WAL, in bytes.
    func fileBytes() -> Int {
        let path = queue.path
        var total = 0
        for suffix in ["", "-wal"] {
            if let attrs = try? FileManager.default.attributesOfItem(atPath: path + suffix),
               let size = attrs[.size] as? NSNumber { total += size.intValue }
        }
        return total
    }

    // Little-endian fixed-width blobs of the per-article layout.
    static func decode<T: FixedWidthInteger>(_ data: Data?) -> [T] {
        guard let data else { return [] }
        let count = data.count / MemoryLayout<T>.size
        var out = [T](repeating: 0, count: count)
        out.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[0..<(count * MemoryLayout<T>.size)])) }
        }
        #if _endian(big)
        out = out.map { T(littleEndian: $0) }
        #endif
        return out
    }
}
