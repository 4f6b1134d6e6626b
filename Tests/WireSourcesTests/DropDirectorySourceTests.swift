import ArticleSchema
import Foundation
import PipelineConfig
import Testing
@testable import WireSources

@Suite("Drop directory")
struct DropDirectorySourceTests {
    static func settings(_ dir: TemporaryDirectory) -> DropDirectorySettings {
        DropDirectorySettings(
            directory: dir.path("drop").path, done: dir.path("drop", "done").path, failed: dir.path("drop", "failed").path,
            pollSeconds: 1, ignore: DropDirectorySettings.defaultIgnore)
    }

    static func source(_ dir: TemporaryDirectory, _ publisher: RecordingPublisher) throws -> DropDirectorySource {
        try DropDirectorySource(
            name: "drop", settings: settings(dir), topic: "raw", format: nil, publisher: publisher,
            stateDirectory: dir.path("state"), logger: quietLogger)
    }

    @Test("a new file is read once complete, its stories sent and the file moved to done")
    func newFileSentAndMoved() async throws {
        let dir = try TemporaryDirectory("drop-new")
        defer { dir.remove() }
        let publisher = RecordingPublisher()
        let source = try Self.source(dir, publisher)
        try dir.write(SampleStories.newsML([("urn:test:1", 1, "Rates held"), ("urn:test:2", 1, "Storm nears coast")]), to: "drop", "batch1.xml")

        let first = await source.poll()
        #expect(first.done.isEmpty && publisher.records.isEmpty, "a file seen for the first time may still be written")
        let second = await source.poll()
        #expect(second.done == ["batch1.xml"] && second.sent == 2)
        #expect(publisher.ids == ["urn:test:1", "urn:test:2"])
        #expect(publisher.records.allSatisfy { $0.receivedAt != nil && $0.version == "1" })
        #expect(dir.files("drop", "done") == ["batch1.xml"])
        #expect(!dir.files("drop").contains("batch1.xml"))
        #expect(FileManager.default.fileExists(atPath: dir.path("state", "drop.checkpoint.json").path))
    }

    @Test("files still being uploaded (temporary names, hidden, or growing) are not read")
    func uploadsInProgressIgnored() async throws {
        let dir = try TemporaryDirectory("drop-upload")
        defer { dir.remove() }
        let publisher = RecordingPublisher()
        let source = try Self.source(dir, publisher)
        let story = SampleStories.newsML([("urn:test:up", 1, "Upload finished")])
        try dir.write(story, to: "drop", "story.xml.tmp")
        try dir.write(story, to: "drop", ".story.xml")
        try dir.write(String(story.prefix(100)), to: "drop", "growing.xml")
        await source.poll()
        let handle = try FileHandle(forWritingTo: dir.path("drop", "growing.xml"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(story.dropFirst(100).utf8))
        try handle.close()
        let report = await source.poll()
        #expect(report.done.isEmpty && report.failed.isEmpty && publisher.records.isEmpty)

        // the uploader renames the finished file; the grown file is now stable
        try FileManager.default.moveItem(at: dir.path("drop", "story.xml.tmp"), to: dir.path("drop", "story.xml"))
        let third = await source.poll()
        #expect(third.done == ["growing.xml"])
        let fourth = await source.poll()
        #expect(fourth.done == ["story.xml"] && fourth.unchanged == 1, "the same story again is not sent again")
        #expect(publisher.ids == ["urn:test:up"])
        #expect(dir.files("drop").contains(".story.xml"))
    }

    @Test("an unreadable file goes to failed/ with a .error note and the other files go on")
    func unreadableFileFails() async throws {
        let dir = try TemporaryDirectory("drop-bad")
        defer { dir.remove() }
        let publisher = RecordingPublisher()
        let source = try Self.source(dir, publisher)
        try dir.write(SampleStories.unreadable, to: "drop", "note.txt")
        try dir.write("", to: "drop", "empty.xml")
        try dir.write(SampleStories.rss([("rss-1", "Good item", "Text")]), to: "drop", "good.rss")
        await source.poll()
        let report = await source.poll()
        #expect(Set(report.failed) == ["note.txt", "empty.xml"])
        #expect(report.done == ["good.rss"] && publisher.ids == ["rss-1"])
        #expect(dir.files("drop", "failed") == ["empty.xml", "empty.xml.error", "note.txt", "note.txt.error"])
        let note = try String(contentsOf: dir.path("drop", "failed", "note.txt.error"), encoding: .utf8)
        #expect(note.contains("note.txt") && note.contains("not a wire format"))
    }

    @Test("a restart sends nothing twice: a re-delivered file and a crash between checkpoint and move")
    func restartResendsNothing() async throws {
        let dir = try TemporaryDirectory("drop-restart")
        defer { dir.remove() }
        let publisher = RecordingPublisher()
        let story = SampleStories.newsML([("urn:test:r1", 1, "First"), ("urn:test:r2", 1, "Second")])
        do {
            let source = try Self.source(dir, publisher)
            try dir.write(story, to: "drop", "a.xml")
            await source.poll()
            await source.poll()
        }
        #expect(publisher.records.count == 2)
        // A new process: the agency delivers the same file again (a crash after the checkpoint but before the
        // move leaves the directory the same way), plus a new version of one story and a new story.
        let restarted = try Self.source(dir, publisher)
        try dir.write(story, to: "drop", "a.xml")
        try dir.write(SampleStories.newsML([("urn:test:r2", 2, "Second, updated"), ("urn:test:r3", 1, "Third")]), to: "drop", "b.xml")
        await restarted.poll()
        let report = await restarted.poll()
        #expect(Set(report.done) == ["a.xml", "b.xml"])
        #expect(publisher.ids == ["urn:test:r1", "urn:test:r2", "urn:test:r2", "urn:test:r3"])
        #expect(publisher.records.last { $0.id == "urn:test:r2" }?.version == "2")
        #expect(dir.files("drop", "done") == ["a.xml", "a.xml.1", "b.xml"])

        // an older version arriving late is not sent over the newer one
        try dir.write(SampleStories.newsML([("urn:test:r2", 1, "Second")]), to: "drop", "late.xml")
        await restarted.poll()
        let late = await restarted.poll()
        #expect(late.done == ["late.xml"] && late.sent == 0)
    }

    @Test("records the broker did not acknowledge: the file stays, nothing is checkpointed, the next poll sends them")
    func unacknowledgedRetried() async throws {
        let dir = try TemporaryDirectory("drop-unacked")
        defer { dir.remove() }
        let publisher = RecordingPublisher()
        let source = try Self.source(dir, publisher)
        try dir.write(SampleStories.rss([("u-1", "One", "Text one"), ("u-2", "Two", "Text two")]), to: "drop", "feed.xml")
        publisher.setFailing(true)
        await source.poll()
        let refused = await source.poll()
        #expect(refused.retry == ["feed.xml"] && refused.done.isEmpty)
        #expect(dir.files("drop").contains("feed.xml"))
        publisher.setFailing(false)
        let retried = await source.poll()
        #expect(retried.done == ["feed.xml"] && retried.sent == 2)
        #expect(publisher.ids == ["u-1", "u-2"])
    }
}
