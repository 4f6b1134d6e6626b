import ArticleSchema
import Foundation
import PipelineConfig
import Testing
@testable import WireSources

@Suite("Feed polling", .serialized)
struct FeedSourceTests {
    static func source(_ server: FeedServer, _ dir: TemporaryDirectory, _ publisher: RecordingPublisher, timeout: Double = 5) throws -> FeedSource {
        try FeedSource(
            name: "feed", settings: FeedSettings(url: server.url("feed.xml"), intervalSeconds: 60, timeoutSeconds: timeout, maxBackoffSeconds: 600, headers: [:]),
            topic: "raw", format: nil, publisher: publisher, stateDirectory: dir.path("state"), logger: quietLogger)
    }

    @Test("a feed that changes between polls: only new and changed items are sent; 304 sends nothing; a restart sends nothing")
    func changingFeed() async throws {
        let dir = try TemporaryDirectory("feed-change")
        defer { dir.remove() }
        let server = try FeedServer(root: dir.path("www").creatingDirectory())
        defer { server.stop() }
        let publisher = RecordingPublisher()
        try server.serve(SampleStories.rss([("f-1", "Rates held", "The bank held rates."), ("f-2", "Storm nears", "A storm nears.")]), as: "feed.xml")

        let source = try Self.source(server, dir, publisher)
        #expect(await source.poll() == .read(sent: 2, unchanged: 0))
        #expect(await source.poll() == .notModified)
        #expect(server.answers == ["/feed.xml 200", "/feed.xml 304"], "the second request carried the ETag")

        try server.serve(SampleStories.rss([
            ("f-3", "Markets open", "Markets opened higher."),
            ("f-1", "Rates held", "The bank held rates."),
            ("f-2", "Storm nears the coast", "A storm nears the coast; residents leave."),
        ]), as: "feed.xml")
        #expect(await source.poll() == .read(sent: 2, unchanged: 1))
        #expect(publisher.ids == ["f-1", "f-2", "f-3", "f-2"])
        #expect(publisher.records.last?.title == "Storm nears the coast")

        let restarted = try Self.source(server, dir, publisher)
        #expect(await restarted.poll() == .notModified, "the validators survive a restart")
        try server.serve(SampleStories.rss([("f-1", "Rates held", "The bank held rates."), ("f-4", "New item", "News.")]) + "\n", as: "feed.xml")
        #expect(await restarted.poll() == .read(sent: 1, unchanged: 1), "items sent before the restart are not sent again")
        #expect(publisher.ids == ["f-1", "f-2", "f-3", "f-2", "f-4"])
    }

    @Test("a 500 is logged and retried with backoff; the next good answer is read")
    func serverError() async throws {
        let dir = try TemporaryDirectory("feed-500")
        defer { dir.remove() }
        let server = try FeedServer(root: dir.path("www").creatingDirectory())
        defer { server.stop() }
        let publisher = RecordingPublisher()
        try server.serve(SampleStories.rss([("e-1", "One", "Text.")]), as: "feed.xml")
        try server.set("feed.xml", status: 500)
        let source = try Self.source(server, dir, publisher)
        guard case .failed(let reason) = await source.poll() else { Issue.record("a 500 is a failed poll"); return }
        #expect(reason.contains("500"))
        #expect(await source.nextDelay == 60)
        _ = await source.poll()
        #expect(await source.nextDelay == 120, "consecutive failures double the wait")
        #expect(publisher.records.isEmpty)
        try server.set("feed.xml", status: nil)
        #expect(await source.poll() == .read(sent: 1, unchanged: 0))
        #expect(await source.nextDelay == 60)
    }

    @Test("a slow server times out without sending anything, and the feed is read once it answers again")
    func slowServer() async throws {
        let dir = try TemporaryDirectory("feed-slow")
        defer { dir.remove() }
        let server = try FeedServer(root: dir.path("www").creatingDirectory())
        defer { server.stop() }
        let publisher = RecordingPublisher()
        try server.serve(SampleStories.rss([("s-1", "Slow", "Text.")]), as: "feed.xml")
        try server.set("feed.xml", delaySeconds: 5)
        let source = try Self.source(server, dir, publisher, timeout: 1)
        guard case .failed(let reason) = await source.poll() else { Issue.record("a server slower than the timeout is a failed poll"); return }
        #expect(reason.contains("timed out"), "\(reason)")
        #expect(publisher.records.isEmpty)
        try server.set("feed.xml", delaySeconds: nil)
        #expect(await source.poll() == .read(sent: 1, unchanged: 0))
        #expect(publisher.ids == ["s-1"])
    }

    @Test("a feed that is not a wire format is a failed poll naming the URL; nothing is sent")
    func unreadableFeed() async throws {
        let dir = try TemporaryDirectory("feed-bad")
        defer { dir.remove() }
        let server = try FeedServer(root: dir.path("www").creatingDirectory())
        defer { server.stop() }
        let publisher = RecordingPublisher()
        try server.serve("<html><body>Maintenance</body></html>", as: "feed.xml")
        let source = try Self.source(server, dir, publisher)
        guard case .failed(let reason) = await source.poll() else { Issue.record("an HTML page is not a feed"); return }
        #expect(reason.contains(server.url("feed.xml")))
        #expect(publisher.records.isEmpty)
    }
}

extension URL {
    func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
