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
        // Standby instances of a scaled-out stage open the same file; wait for locks instead of failing.
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

    /// Writes `articles` as one segment and `meta`, in one transaction.
    func save(_ articles: [IndexedArticle], meta: [String: String]) throws {
        let blob = SegmentCodec.encode(articles)
        let maxTimestamp = articles.map(\.timestamp).max() ?? 0
        try queue.write { db in
            if !articles.isEmpty {
                try db.execute(sql: "INSERT INTO segment (max_ts, count, data) VALUES (?, ?, ?)",
                               arguments: [maxTimestamp, articles.count, blob])
            }
            try Self.setMeta(db, meta)
        }
        checkpointer.noteWrite()
    }

    /// Records the verdicts of `removed` (articles that left the index) that are newer than
    /// `verdictCutoff`, deletes article segments whose newest article is older than `cutoff` and
    /// verdict segments older than `verdictCutoff`, in one transaction.
    func retire(_ removed: [IndexedArticle], before cutoff: Double, forgetBefore verdictCutoff: Double) throws {
        let kept = removed.filter { $0.timestamp >= verdictCutoff }
            .map { SegmentCodec.RetiredVerdict(id: $0.id, timestamp: $0.timestamp, verdict: $0.verdict) }
        let blob = SegmentCodec.encode(kept)
        try queue.write { db in
            if !kept.isEmpty {
                try db.execute(sql: "INSERT INTO retired_segment (max_ts, count, data) VALUES (?, ?, ?)",
                               arguments: [kept.map(\.timestamp).max() ?? 0, kept.count, blob])
            }
            try db.execute(sql: "DELETE FROM segment WHERE max_ts < ?", arguments: [cutoff])
            try db.execute(sql: "DELETE FROM retired_segment WHERE max_ts < ?", arguments: [verdictCutoff])
            let previous = try Self.meta(db, "verdicts_forgotten_before") ?? -.infinity
            try Self.setMeta(db, ["verdicts_forgotten_before": String(max(previous, verdictCutoff))])
        }
        checkpointer.noteWrite()
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
