import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Logging
import Testing
import WirestreamTestSupport

/// The `wire-ingest` executable against the real (Tansu) broker: a drop directory and a feed into the input
/// topic; SIGTERM; a restart that sends nothing twice.
@Suite("wire-ingest with the broker", .serialized)
struct IngestWorkerKafkaTests {
    @Test("drop directory and feed to the topic, files moved, unreadable file failed, restart resends nothing")
    func dropDirectoryAndFeed() async throws {
        let broker = try await SharedBroker.instance.broker()
        let prefix = SharedBroker.uniqueName("ingest")
        let dir = try TemporaryDirectory(prefix)
        defer { dir.remove() }
        let server = try FeedServer(root: dir.path("www").creatingDirectory())
        defer { server.stop() }
        try server.serve(SampleStories.rss([("feed-1", "Feed one", "First feed item."), ("feed-2", "Feed two", "Second feed item.")]), as: "feed.xml")

        let yaml = """
            kafka:
              bootstrap: \(broker.bootstrapServers)
              properties: { topic.metadata.refresh.interval.ms: 1000 }
            topics:
              \(prefix).raw: { partitions: 2 }
              \(prefix).normalized: { partitions: 1 }
            pipelines:
              wire:
                stages:
                  - { name: normalize, worker: wire-normalize, input: \(prefix).raw, output: \(prefix).normalized, group: \(prefix).normalize }
            sources:
              agency:
                directory: \(dir.path("drop").path)
                poll_seconds: 0.2
              publisher:
                url: \(server.url("feed.xml"))
                interval_seconds: 0.3
                timeout_seconds: 5
            """
        let configFile = dir.path("pipelines.yaml")
        try Data(yaml.utf8).write(to: configFile)
        let kafka = KafkaConfiguration(bootstrapServers: broker.bootstrapServers, properties: ["topic.metadata.refresh.interval.ms": "1000"])
        var logger = Logger(label: "ingest-test")
        logger.logLevel = .warning
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics([NewTopic(name: "\(prefix).raw", partitions: 2), NewTopic(name: "\(prefix).normalized", partitions: 1)])
        let raw = "\(prefix).raw"
        let collector = try TopicCollector(kafka: kafka, partitions: [raw: 2], logger: logger)
        defer { collector.close() }

        // an agency uploads under a temporary name and renames when done; someone drops a stray note
        let g2 = SampleStories.newsML([("urn:test:k1", 1, "Budget passes"), ("urn:test:k2", 1, "Port reopens")])
        try dir.write(g2, to: "drop", "a.xml.tmp")
        try FileManager.default.moveItem(at: dir.path("drop", "a.xml.tmp"), to: dir.path("drop", "a.xml"))
        try dir.write(SampleStories.unreadable, to: "drop", "note.txt")

        let log = dir.path("ingest.log")
        var worker = try startIngest(config: configFile, state: dir.path("state"), log: log)
        defer { if worker.isRunning { worker.terminate(); worker.waitUntilExit() } }
        let first = try await collector.poll(until: { c in
            c.keys(raw) == ["urn:test:k1", "urn:test:k2", "feed-1", "feed-2"] && dir.files("drop", "done") == ["a.xml"]
                && dir.files("drop", "failed").count == 2
        }, timeout: .seconds(60))
        #expect(first, "records: \(collector.keys(raw).sorted()); done: \(dir.files("drop", "done")); log:\n\(tail(log))")
        #expect(collector.messages(raw).count == 4)
        #expect(dir.files("drop", "failed") == ["note.txt", "note.txt.error"])
        #expect(worker.isRunning, "an unreadable file does not stop the worker")
        let record = try #require(collector.messages(raw).first { $0.keyString == "urn:test:k2" })
        let decoded = try ArticleCodec.decode(String(decoding: record.value, as: UTF8.self))
        #expect(decoded.title == "Port reopens" && decoded.version == "1" && decoded.receivedAt != nil)

        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0, "SIGTERM stops wire-ingest cleanly")

        // While it is down: the agency delivers the same file again plus an update and a new story;
        // the feed gains an item. After the restart only the new and changed stories arrive.
        try dir.write(g2, to: "drop", "b.xml")
        try dir.write(SampleStories.newsML([("urn:test:k2", 2, "Port reopens after repairs"), ("urn:test:k3", 1, "Match postponed")]), to: "drop", "c.xml")
        try server.serve(SampleStories.rss([
            ("feed-3", "Feed three", "Third feed item."), ("feed-1", "Feed one", "First feed item."), ("feed-2", "Feed two", "Second feed item."),
        ]), as: "feed.xml")
        worker = try startIngest(config: configFile, state: dir.path("state"), log: log)
        let second = try await collector.poll(until: { c in
            c.keys(raw).contains("urn:test:k3") && c.keys(raw).contains("feed-3") && dir.files("drop", "done") == ["a.xml", "b.xml", "c.xml"]
        }, timeout: .seconds(60))
        #expect(second, "records: \(collector.keys(raw).sorted()); done: \(dir.files("drop", "done")); log:\n\(tail(log))")
        try await collector.poll(for: .seconds(1))
        let keys = collector.messages(raw).compactMap(\.keyString)
        #expect(keys.sorted() == ["feed-1", "feed-2", "feed-3", "urn:test:k1", "urn:test:k2", "urn:test:k2", "urn:test:k3"],
            "one message per new story or new version, none resent")
        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
    }

    private func startIngest(config: URL, state: URL, log: URL) throws -> Process {
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = Tool.binaries.appendingPathComponent("wire-ingest")
        process.arguments = ["--config", config.path, "--state-dir", state.path]
        var env = ProcessInfo.processInfo.environment
        env["WIRESTREAM_LOG_LEVEL"] = "info"
        process.environment = env
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    private func tail(_ log: URL) -> String {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(30).joined(separator: "\n")
    }
}
