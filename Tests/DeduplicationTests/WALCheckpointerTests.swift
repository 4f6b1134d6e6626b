import Foundation
import GRDB
import Testing

@testable import Deduplication

@Suite struct WALCheckpointerTests {
    @Test func aLogOverTheThresholdIsCheckpointedInTheBackground() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        let checkpointer = WALCheckpointer(path: path, configuration: config, thresholdBytes: 1 << 20)
        func size(_ suffix: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? NSNumber)?.intValue ?? 0
        }
        try queue.write { try $0.execute(sql: "CREATE TABLE t (data BLOB)") }
        // Under the threshold: nothing is checkpointed, the pages stay in the log.
        try queue.write { try $0.execute(sql: "INSERT INTO t VALUES (?)", arguments: [Data(count: 256 << 10)]) }
        checkpointer.noteWrite()
        checkpointer.close()
        #expect(size("") < 64 << 10)
        // Over it: the pages move into the database file, off the writer's thread.
        for _ in 0..<8 { try queue.write { try $0.execute(sql: "INSERT INTO t VALUES (?)", arguments: [Data(count: 256 << 10)]) } }
        #expect(size("-wal") > 1 << 20)
        checkpointer.noteWrite()
        checkpointer.close()
        #expect(size("") > 2 << 20)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 9)
    }
}
