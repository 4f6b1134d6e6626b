import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import StageKit
import Testing
import WireCtlCommands
import WirestreamTestSupport

/// Dedupe scaled out: instances each keep their own state directory and share a one-partition input and a
/// changelog topic of index segments; the group gives the partition to one of them at a time. Killing the
/// active one hands over to a standby, which restores the index from the changelog. Verdicts must be exactly
/// those of a single instance.
@Suite("Dedupe scale-out", .serialized)
struct DedupeScaleOutTests {
    @Test("3 dedupe instances, the active one killed twice, give the verdicts of 1 instance")
    func threeInstancesMatchOne() async throws {
        let broker = try await SharedBroker.instance.broker()
        var corpus = ArticleCorpus(seed: 11)
        var stream: [ArticleRecord] = (0..<150).map { corpus.article(index: $0) }
        for i in 0..<30 {
            let original = stream[i * 4]
            let body = i % 2 == 0 ? original.body! : original.body! + "\n\n" + corpus.paragraph()
            stream.append(ArticleRecord(id: "copy-\(i)", source: "partner", title: original.title, body: body, receivedAt: original.receivedAt))
        }
        // Each copy arrives ten articles after its original, so copies come in while the stage runs.
        var ordered: [ArticleRecord] = []
        for (i, r) in stream.prefix(150).enumerated() {
            ordered.append(r)
            if i >= 10, (i - 10) % 4 == 0, (i - 10) / 4 < 30 { ordered.append(stream[150 + (i - 10) / 4]) }
        }
        ordered += stream.dropFirst(150).filter { c in !ordered.contains { $0.id == c.id } }
        #expect(ordered.count == 180)

        let single = try await run(ordered, broker: broker, instances: 1, kills: 0).verdicts
        let (scaled, pipeline) = try await run(ordered, broker: broker, instances: 3, kills: 2)

        #expect(Set(single.keys) == Set(ordered.map(\.id)))
        #expect(Set(scaled.keys) == Set(ordered.map(\.id)))
        let flagged = single.values.filter { $0.first?.status != "unique" }.count
        #expect(flagged == 30)
        for (id, verdicts) in scaled {
            // At-least-once: a record processed again after a kill appears twice, with the same verdict.
            for v in verdicts { #expect(v == single[id]?.first, "\(id): \(v) vs \(String(describing: single[id]))") }
        }
        // Separate state: every instance that owned the partition wrote its own store, and each restored from the
        // changelog (at start and at both takeovers).
        let stores = (0..<3).map { StageContext.defaultStateDirectory(pipeline: "wire", stage: "dedupe", instance: $0).lastPathComponent }
            .filter { FileManager.default.fileExists(atPath: pipeline.stateDirectory.appendingPathComponent($0).appendingPathComponent("dedupe.sqlite").path) }
        #expect(stores.count >= 2, "state directories with a store: \(stores)")
        let log = (try? String(contentsOf: pipeline.logFile, encoding: .utf8)) ?? ""
        let restores = log.split(separator: "\n").filter { $0.contains("state restored from the changelog") }.count
        #expect(restores >= 3, "restores logged: \(restores)")
        let admin = try KafkaAdmin(configuration: pipeline.kafka, logger: pipeline.logger)
        #expect(try await admin.recordCount(topic: "\(pipeline.prefix).dedupe.changelog") > 0)
        print("dedupe scale-out: \(restores) restores from the changelog, stores in \(stores.joined(separator: ", "))")
        print("dedupe scale-out: \(ordered.count) articles, \(flagged) flagged; 3 instances with 2 kills: \(scaled.values.reduce(0) { $0 + $1.count }) deliveries, verdicts identical to 1 instance")
    }

    /// Runs the dedupe stage with `instances` workers over `records`; kills the active worker `kills` times.
    /// The first instance killed is started again (with its state directory, now stale), so a later takeover
    /// may restore over an outdated cache.
    private func run(_ records: [ArticleRecord], broker: TansuBroker, instances: Int, kills: Int) async throws
        -> (verdicts: [String: [DedupeRecord]], pipeline: TestPipeline)
    {
        let pipeline = try TestPipeline(broker: broker, dedupeOnly: true, dedupeInstances: instances)
        try await pipeline.createTopics()
        let stack = LocalStack(output: pipeline.logHandle)
        try stack.start(
            configFile: pipeline.configFile.path, configuration: pipeline.config, bootstrap: broker.bootstrapServers,
            workerDirectory: LocalStack.executableDirectory, stateDirectory: pipeline.stateDirectory,
            extraEnvironment: ["WIRESTREAM_LOG_LEVEL": "info"])
        defer { stack.stop() }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        defer { producer.close() }
        let chunks = stride(from: 0, to: records.count, by: records.count / (kills + 1) + 1).map { Array(records[$0..<min($0 + records.count / (kills + 1) + 1, records.count)]) }
        var sent = 0
        for (n, chunk) in chunks.enumerated() {
            for r in chunk {
                _ = try await producer.send(KafkaProducerRecord(topic: pipeline.raw, key: r.id, value: ArticleCodec.encode(r)))
            }
            sent += chunk.count
            if n < kills {
                // Wait until this chunk is through, then kill the instance that owns the partition.
                _ = try await pipeline.read(finalCount: sent, deadCount: 0, timeout: .seconds(60))
                if let active = activeInstance(log: pipeline.logFile), let worker = stack.workers.last(where: { $0.stage == active }) {
                    kill(worker.process.processIdentifier, SIGKILL)
                    worker.process.waitUntilExit()
                    print("dedupe scale-out: killed the active instance \(active) after \(sent) articles")
                    if n == 0 {
                        try pipeline.launchWorker(stage: "dedupe", stack: stack, bootstrap: broker.bootstrapServers, instance: worker.instance, displayName: active)
                    }
                }
            }
        }
        var verdicts: [String: [DedupeRecord]] = [:]
        var target = records.count
        let deadline = ContinuousClock.now + .seconds(120)
        while verdicts.count < records.count && ContinuousClock.now < deadline {
            // A fresh read from the start each time; records processed twice raise the count to wait for.
            let out = try await pipeline.read(finalCount: target, deadCount: 0, timeout: .seconds(30))
            verdicts = [:]
            for m in out.final {
                let r = try ArticleCodec.decode(m.value)
                if let d = r.dedupe { verdicts[r.id, default: []].append(d) }
            }
            target = out.final.count + (records.count - verdicts.count)
        }
        return (verdicts, pipeline)
    }

    /// The stage label (`dedupe#1`) of the instance that was last assigned the input partition.
    private func activeInstance(log: URL) -> String? {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").last { $0.contains("partitions assigned") && $0.contains(".raw[0]") }
        guard let line, line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        return String(line[line.index(after: line.startIndex)..<close])
    }
}
