import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Logging
import Testing
import WireCtlCommands
import WirestreamTestSupport

/// `wirectl replay` against running workers: refused while the stage runs, then from a time and from the
/// beginning with progress to 100 %; replayed articles keep their ids and get the verdicts of the first pass.
@Suite("Replay", .serialized)
struct ReplayTests {
    @Test("replay by time and from the beginning reprocesses with the same ids and verdicts")
    func replay() async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try TestPipeline(broker: broker, dedupeOnly: true)
        try await pipeline.createTopics()
        var corpus = ArticleCorpus(seed: 23)
        let first: [ArticleRecord] = (0..<40).map { corpus.article(index: $0) }
        var second: [ArticleRecord] = (40..<60).map { corpus.article(index: $0) }
        second += (0..<5).map { i in ArticleRecord(id: "again-\(i)", source: "partner", title: first[i].title, body: first[i].body!, receivedAt: first[i].receivedAt) }

        let stack = LocalStack(output: pipeline.logHandle)
        func startWorkers() throws {
            try stack.start(
                configFile: pipeline.configFile.path, configuration: pipeline.config, bootstrap: broker.bootstrapServers,
                workerDirectory: LocalStack.executableDirectory, stateDirectory: pipeline.stateDirectory)
        }
        try startWorkers()
        defer { stack.stop() }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        _ = try await producer.sendBatch(first.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        _ = try await pipeline.read(finalCount: first.count, deadCount: 0, timeout: .seconds(60))
        try await Task.sleep(for: .milliseconds(1500))
        let between = Date()
        try await Task.sleep(for: .milliseconds(1500))
        _ = try await producer.sendBatch(second.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        producer.close()
        let firstPass = try await pipeline.read(finalCount: first.count + second.count, deadCount: 0, timeout: .seconds(60)).final
        #expect(firstPass.count == first.count + second.count)

        let common = ["--config", pipeline.configFile.path, "--bootstrap", broker.bootstrapServers, "--stage", "dedupe"]
        let refused = try Tool.run("wirectl", ["replay"] + common + ["--from", "beginning"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("live member"), "\(refused.stderr)")

        // By time: only the second batch is reprocessed.
        #expect(stack.stop().allSatisfy { $0.status == 0 })
        let time = ISOTime.string(from: between)
        let byTime = try await replayWhileWorkersRun(common + ["--from", time], start: startWorkers, stop: { _ = stack.stop() })
        #expect(byTime.status == 0, "\(byTime.stderr)")
        #expect(byTime.stdout.contains("\(second.count) records to reprocess"), "\(byTime.stdout)")
        #expect(byTime.stderr.contains("(100%)"))
        #expect(byTime.stdout.contains("complete: \(second.count) records"))

        // From the beginning: everything again.
        let all = try await replayWhileWorkersRun(common + ["--from", "beginning"], start: startWorkers, stop: { _ = stack.stop() })
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("\(first.count + second.count) records to reprocess"))
        #expect(all.stderr.contains("(100%)"))

        let total = firstPass.count + second.count + first.count + second.count
        let output = try await pipeline.read(finalCount: total, deadCount: 0, timeout: .seconds(60)).final
        #expect(output.count == total)
        var verdicts: [String: Set<String>] = [:]
        for m in output {
            let r = try ArticleCodec.decode(m.value)
            #expect(m.keyString == r.id)
            verdicts[r.id, default: []].insert("\(r.dedupe?.status ?? "-")|\(r.dedupe?.duplicateOf ?? "-")")
        }
        #expect(verdicts.count == first.count + second.count)
        for (id, v) in verdicts { #expect(v.count == 1, "\(id) got different verdicts: \(v)") }
        #expect(verdicts["again-0"] == ["duplicate|art-0"])

        // Into a versioned topic while the live workers keep running: the same ids and verdicts, the live
        // group untouched.
        try startWorkers()
        let liveBefore = try await KafkaAdmin(configuration: pipeline.kafka, logger: pipeline.logger)
            .committedOffsets(group: "\(pipeline.prefix).dedupe", partitions: [TopicPartition(topic: pipeline.raw, partition: 0)])
        let v2 = "\(pipeline.final).v2"
        let into = try Tool.run("wirectl", ["replay"] + common + ["--from", "beginning", "--to-topic", v2])
        #expect(into.status == 0, "\(into.stderr)")
        #expect(into.stdout.contains("created topic \(v2)"), "\(into.stdout)")
        #expect(into.stdout.contains("into \(v2) (group \(pipeline.prefix).dedupe.replay.\(v2)): \(first.count + second.count) records"), "\(into.stdout)")
        #expect(into.stderr.contains("(100%)"), "\(into.stderr)")
        #expect(into.stdout.contains("complete: \(first.count + second.count) records"))
        let replayed = try await readAll(topic: v2, count: first.count + second.count, kafka: pipeline.kafka, logger: pipeline.logger, timeout: .seconds(30))
        #expect(replayed.count == first.count + second.count)
        for m in replayed {
            let r = try ArticleCodec.decode(m.value)
            #expect(verdicts[r.id] == ["\(r.dedupe?.status ?? "-")|\(r.dedupe?.duplicateOf ?? "-")"], "\(r.id) changed its verdict in the replay")
        }
        let liveAfter = try await KafkaAdmin(configuration: pipeline.kafka, logger: pipeline.logger)
            .committedOffsets(group: "\(pipeline.prefix).dedupe", partitions: [TopicPartition(topic: pipeline.raw, partition: 0)])
        #expect(liveBefore == liveAfter, "the live group moved during a --to-topic replay")

        let refusedTopic = try Tool.run("wirectl", ["replay"] + common + ["--from", "beginning", "--to-topic", pipeline.raw])
        #expect(refusedTopic.status == 2 && refusedTopic.stderr.contains("is an input of"), "\(refusedTopic.stderr)")
        let noDev = try Tool.run("wirectl", ["replay"] + common + ["--from", "beginning", "--stop-workers"])
        #expect(noDev.status == 2 && noDev.stderr.contains("works with the local stack of `wirectl dev`"), "\(noDev.stderr)")
    }

    @Test("replay --stop-workers with wirectl dev: stops the stage, resets, dev restarts it, progress to 100%")
    func replayWithDevStack() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("devreplay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipelines.yaml")
        try """
            kafka: { bootstrap: "localhost:1" }
            topics:
              d.raw: { partitions: 2 }
              d.out: { partitions: 2 }
              d.dlq: { partitions: 1 }
            pipelines:
              p:
                dead_letter: d.dlq
                stages:
                  - { name: stats, worker: wire-stats, input: d.raw, output: d.out, group: d.stats }
            """.write(to: config, atomically: true, encoding: .utf8)
        var corpus = ArticleCorpus(seed: 41)
        let feed = dir.appendingPathComponent("feed.jsonl")
        try (0..<20).map { String(decoding: ArticleCodec.encode(corpus.article(index: $0)), as: UTF8.self) }
            .joined(separator: "\n").write(to: feed, atomically: true, encoding: .utf8)

        let out = dir.appendingPathComponent("dev.out"), err = dir.appendingPathComponent("dev.err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let dev = Process()
        dev.executableURL = Tool.binaries.appendingPathComponent("wirectl")
        dev.arguments = ["dev", "--config", config.path, "--no-sample", feed.path]
        dev.currentDirectoryURL = dir
        dev.standardOutput = try FileHandle(forWritingTo: out)
        dev.standardError = try FileHandle(forWritingTo: err)
        try dev.run()
        defer { if dev.isRunning { dev.terminate(); dev.waitUntilExit() } }
        func lines() -> Int { ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").count }
        var deadline = ContinuousClock.now + .seconds(90)
        while lines() < 20 && dev.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        #expect(lines() == 20, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")

        // Without --stop-workers: refused, the group has a live member. With it: the dev stack's worker stops,
        // the group is reset, dev starts the worker again and the 20 records come through a second time.
        let refused = try Tool.run("wirectl", ["replay", "--config", config.path, "--stage", "stats", "--from", "beginning"])
        #expect(refused.status == 1 && refused.stderr.contains("live member") && refused.stderr.contains("--stop-workers"), "\(refused.stderr)")
        let replay = try Tool.run("wirectl", ["replay", "--config", config.path, "--stage", "stats", "--from", "beginning", "--stop-workers"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("stopping 1 worker of p.stats"), "\(replay.stderr)")
        #expect(replay.stderr.contains("restarted the workers of p.stats"))
        #expect(replay.stdout.contains("20 records to reprocess"), "\(replay.stdout)")
        #expect(replay.stderr.contains("(100%)"))
        #expect(replay.stdout.contains("complete: 20 records"))
        deadline = ContinuousClock.now + .seconds(30)
        while lines() < 40 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        #expect(lines() == 40)
        dev.interrupt()
        dev.waitUntilExit()
        #expect(dev.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".wirestream/dev.json").path))
    }

    /// Every record of `topic` from the beginning, until `count` arrived or `timeout` passed.
    private func readAll(topic: String, count: Int, kafka: KafkaConfiguration, logger: Logger, timeout: Duration) async throws -> [KafkaConsumerMessage] {
        var readerKafka = kafka
        readerKafka.properties["enable.auto.commit"] = "false"
        var cc = KafkaConsumerConfiguration(kafka: readerKafka, groupID: "reader-\(UUID().uuidString)")
        cc.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: cc, logger: logger)
        defer { consumer.close() }
        try consumer.subscribe(topics: [topic])
        var out: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        while out.count < count && ContinuousClock.now < deadline {
            out += try await consumer.nextBatch(maxMessages: 500, timeout: .milliseconds(300))
        }
        return out
    }

    /// Runs `wirectl replay` with the stage stopped, starts the workers once the group is reset, and
    /// waits until replay reports the range consumed.
    private func replayWhileWorkersRun(_ arguments: [String], start: () throws -> Void, stop: () -> Void) async throws -> Tool.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = Tool.binaries.appendingPathComponent("wirectl")
        process.arguments = ["replay"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline,
              !((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("waiting for the stage's workers") {
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { try start() }
        defer { stop() }
        let end = ContinuousClock.now + .seconds(90)
        while process.isRunning && ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(200)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Tool.Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
