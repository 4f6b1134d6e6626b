import Foundation
import GRDB

/// SQLite (GRDB, WAL) persistence of the index: one row per retained article with its verdict,
/// digest, shingle set, numbers and MinHash signature, plus a small key/value `meta` table.
/// Loading rebuilds the in-memory buckets from stored signatures; nothing is re-hashed.
struct DedupeStore: Sendable {
    let queue: DatabaseQueue
    static let fileName = "dedupe.sqlite"

    init(directory: URL, options: DedupeOptions) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        // Standby instances of a scaled-out stage open the same file; wait for locks instead of failing.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path, configuration: config)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS article (
                    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ts REAL NOT NULL,
                    status TEXT NOT NULL, duplicate_of TEXT, similarity REAL NOT NULL, root TEXT NOT NULL,
                    digest TEXT NOT NULL, shingles BLOB NOT NULL, numbers BLOB NOT NULL, signature BLOB NOT NULL,
                    matched_seq INTEGER);
                CREATE INDEX IF NOT EXISTS article_ts ON article(ts);
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS retired (
                    id TEXT PRIMARY KEY, ts REAL NOT NULL, status TEXT NOT NULL, duplicate_of TEXT, similarity REAL NOT NULL);
                CREATE INDEX IF NOT EXISTS retired_ts ON retired(ts);
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
        }
    }

    /// Verdicts of articles that left the index: id → (verdict, timestamp).
    func loadRetired() throws -> [String: (verdict: DedupeVerdict, timestamp: Double)] {
        try queue.read { db in
            var out: [String: (verdict: DedupeVerdict, timestamp: Double)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, ts, status, duplicate_of, similarity FROM retired")
            while let row = try rows.next() {
                let statusText: String = row["status"]
                out[row["id"]] = (DedupeVerdict(status: DedupeStatus(rawValue: statusText) ?? .unique,
                                                duplicateOf: row["duplicate_of"], similarity: row["similarity"]), row["ts"])
            }
            return out
        }
    }

    /// All stored articles in arrival order, and the stored meta values.
    func load() throws -> (articles: [IndexedArticle], meta: [String: String]) {
        try queue.read { db in
            var out: [IndexedArticle] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, id, ts, status, duplicate_of, similarity, root, digest, shingles, numbers, signature, matched_seq
                FROM article ORDER BY seq
                """)
            // Columns by position (no name lookups): this loop runs once per retained article on start.
            while let row = try rows.next() {
                let statusText: String = row[3]
                out.append(IndexedArticle(
                    seq: row[0], id: row[1], timestamp: row[2],
                    verdict: DedupeVerdict(status: DedupeStatus(rawValue: statusText) ?? .unique,
                                           duplicateOf: row[4], similarity: row[5]),
                    root: row[6], digest: row[7],
                    shingles: Self.decode(row[8] as Data?), numbers: Self.decode(row[9] as Data?),
                    signature: Self.decode(row[10] as Data?), matchedSeq: row[11]))
            }
            var meta: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row["key"]] = row["value"] }
            return (out, meta)
        }
    }

    /// Writes `articles` and `meta` in one transaction.
    func save(_ articles: [IndexedArticle], meta: [String: String]) throws {
        try queue.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO article (seq, id, ts, status, duplicate_of, similarity, root, digest, shingles, numbers, signature, matched_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for a in articles {
                try insert.execute(arguments: [
                    a.seq, a.id, a.timestamp, a.verdict.status.rawValue, a.verdict.duplicateOf, a.verdict.similarity,
                    a.root, a.digest, Self.encode(a.shingles), Self.encode(a.numbers), Self.encode(a.signature), a.matchedSeq,
                ])
            }
            for (key, value) in meta {
                try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    /// Moves articles with `ts < cutoff` out of the index into `retired` (verdict only) and
    /// forgets retired verdicts with `ts < verdictCutoff`; returns how many articles went.
    func retire(before cutoff: Double, forgetBefore verdictCutoff: Double) throws -> Int {
        try queue.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO retired (id, ts, status, duplicate_of, similarity)
                SELECT id, ts, status, duplicate_of, similarity FROM article WHERE ts < ?
                """, arguments: [cutoff])
            try db.execute(sql: "DELETE FROM article WHERE ts < ?", arguments: [cutoff])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM retired WHERE ts < ?", arguments: [verdictCutoff])
            return removed
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

    // Little-endian fixed-width blobs.
    static func encode<T: FixedWidthInteger>(_ values: [T]) -> Data {
        #if _endian(little)
        return values.withUnsafeBytes { Data($0) }
        #else
        return values.map { $0.littleEndian }.withUnsafeBytes { Data($0) }
        #endif
    }

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
