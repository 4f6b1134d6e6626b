import Foundation
import Testing
@testable import WireSources

@Suite("Checkpoint")
struct CheckpointTests {
    @Test func newIdsHigherVersionsAndChangedContentNeedSending() {
        var c = Checkpoint()
        c.entries["a"] = .init(version: "3", fingerprint: "f3", seenDay: 10)
        c.entries["b"] = .init(version: nil, fingerprint: "fb", seenDay: 10)
        #expect(c.needsSending(id: "new", version: nil, fingerprint: "x"))
        #expect(c.needsSending(id: "a", version: "4", fingerprint: "f4"))
        #expect(!c.needsSending(id: "a", version: "2", fingerprint: "f2"), "an older version is not sent over a newer one")
        #expect(!c.needsSending(id: "a", version: "3", fingerprint: "f3"))
        #expect(c.needsSending(id: "a", version: "3", fingerprint: "f3-corrected"))
        #expect(c.needsSending(id: "b", version: nil, fingerprint: "fb2"))
        #expect(!c.needsSending(id: "b", version: nil, fingerprint: "fb"))
    }

    @Test func forgetsEntriesNotSeenForLong() {
        var c = Checkpoint()
        c.entries["old"] = .init(version: nil, fingerprint: "o", seenDay: 100)
        c.entries["recent"] = .init(version: nil, fingerprint: "r", seenDay: 125)
        #expect(c.forget(olderThan: 20, today: 130) == 1)
        #expect(Array(c.entries.keys) == ["recent"])
    }

    @Test func savesAtomicallyAndLoadsBack() throws {
        let dir = try TemporaryDirectory("checkpoint")
        defer { dir.remove() }
        let file = CheckpointFile(stateDirectory: dir.path("state"), source: "feed")
        #expect(try file.load() == Checkpoint())
        var c = Checkpoint()
        c.entries["x"] = .init(version: "1", fingerprint: "abc", seenDay: 7)
        c.etag = "\"e1\""
        try file.save(c)
        try file.save(c)
        #expect(try file.load() == c)
        #expect(dir.files("state") == ["feed.checkpoint.json"], "no temporary file is left behind")
    }

    @Test func aDamagedCheckpointIsAnErrorNotAFreshStart() throws {
        let dir = try TemporaryDirectory("checkpoint-bad")
        defer { dir.remove() }
        try dir.write("{not json", to: "feed.checkpoint.json")
        let file = CheckpointFile(stateDirectory: dir.url, source: "feed")
        #expect(throws: SourceError.self) { try file.load() }
        do {
            _ = try file.load()
        } catch {
            #expect(error.description.contains("move it away"))
        }
    }

    @Test func backoffDoublesUpToTheCeilingAndResets() {
        var b = Backoff(interval: 10, ceiling: 35)
        #expect(b.delay == 10)
        b.failed()
        #expect(b.delay == 10)
        b.failed()
        #expect(b.delay == 20)
        b.failed()
        #expect(b.delay == 35)
        b.succeeded()
        #expect(b.delay == 10)
    }
}
