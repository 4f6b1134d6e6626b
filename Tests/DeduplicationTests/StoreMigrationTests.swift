import Foundation
import GRDB
import Testing

@testable import Deduplication

/// The store of earlier versions kept one SQLite row per article; opening such a directory moves
/// the rows into segments and keeps every verdict and match.
@Suite struct StoreMigration {
    @Test func perArticleRowsAreMigratedIntoSegments() throws {
        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let options = DedupeOptions()
        let stories = (0..<20).map { Fixture.text(Fixture.story(500 + $0)) }
        // Write the 0.3 layout by hand: article rows with 64-bit shingle blobs, one retired verdict.
        let queue = try DatabaseQueue(path: dir.appendingPathComponent(DedupeStore.fileName).path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE article (
                    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ts REAL NOT NULL,
                    status TEXT NOT NULL, duplicate_of TEXT, similarity REAL NOT NULL, root TEXT NOT NULL,
                    digest TEXT NOT NULL, shingles BLOB NOT NULL, numbers BLOB NOT NULL, signature BLOB NOT NULL,
                    matched_seq INTEGER);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE retired (id TEXT PRIMARY KEY, ts REAL NOT NULL, status TEXT NOT NULL, duplicate_of TEXT, similarity REAL NOT NULL);
                """)
            try db.execute(sql: "INSERT INTO meta VALUES ('fingerprint', ?)", arguments: ["v3-oph shingle=\(options.shingleSize) perm=\(options.permutations)"])
            let hasher = MinHasher(permutations: options.permutations)
            for (i, text) in stories.enumerated() {
                let f = DedupeFingerprint(text: text, options: options)
                func blob<T: FixedWidthInteger>(_ v: [T]) -> Data { v.map(\.littleEndian).withUnsafeBytes { Data($0) } }
                try db.execute(sql: "INSERT INTO article VALUES (?, ?, ?, 'unique', NULL, 0, ?, ?, ?, ?, ?, NULL)", arguments: [
                    i + 1, "old\(i)", 840_000_000.0 + Double(i), "old\(i)", f.digest,
                    blob(f.shingles), blob(f.numbers), blob(hasher.signature(f.shingles)),
                ])
            }
            try db.execute(sql: "INSERT INTO retired VALUES ('gone', 839999000, 'near_duplicate', 'older', 0.8)")
        }

        let d = try Deduplicator(options: options, stateDirectory: dir)
        #expect(d.retainedCount == 20)
        // Old tables are gone; the articles live in segments.
        let tables = try DatabaseQueue(path: dir.appendingPathComponent(DedupeStore.fileName).path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(!tables.contains("article") && !tables.contains("retired") && tables.contains("segment"))
        // Replays of migrated ids keep their verdicts; new copies match migrated originals.
        #expect(try d.check(Fixture.doc("old3", stories[3])).status == .unique)
        #expect(try d.check(Fixture.doc("gone", "anything")) == DedupeVerdict(status: .nearDuplicate, duplicateOf: "older", similarity: 0.8))
        #expect(try d.check(Fixture.doc("resend", stories[7], minutes: 5)).duplicateOf == "old7")
        #expect(try d.check(Fixture.doc("edit", stories[9] + " Updated with a late quote.", minutes: 6)).duplicateOf == "old9")
        try d.flush()

        // And a second open reads the segments back, with the new articles.
        let again = try Deduplicator(options: options, stateDirectory: dir)
        #expect(again.retainedCount == 22)
        #expect(try again.check(Fixture.doc("edit", "")).duplicateOf == "old9")
    }
}
