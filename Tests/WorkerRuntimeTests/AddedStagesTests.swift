import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WorkerRuntime
import WirestreamTestSupport

/// Stages added by deploying new workers, on the broker: the Swift `wire-stats` worker and a Python
/// script run by `wire-exec`.
@Suite("Added stages", .serialized)
struct AddedStagesTests {
    @Test("wire-stats and a Python stage through wire-exec, end to end")
    func statsAndExec() async throws {
        let broker = try await SharedBroker.instance.broker()
        let script = Tool.root.appendingPathComponent("scripts/stages/headline_case.py").path
        let pipeline = try TestPipeline(broker: broker) { p in
            """
                - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).normalized, group: \(p).stats }
                - name: headline
                  worker: wire-exec
                  input: \(p).normalized
                  output: \(p).enriched
                  group: \(p).headline
                  parameters: { command: [python3, "\(script)"], timeout_seconds: 10 }
            """
        }
        try await pipeline.createTopics()
        let stack = try pipeline.startWorkers(broker: broker)
        var corpus = ArticleCorpus(seed: 5)
        var records = (0..<30).map { corpus.article(index: $0) }
        records.append(ArticleRecord(id: "untitled", body: "A body without any title."))
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        _ = try await producer.sendBatch(records.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        producer.close()
        let out = try await pipeline.read(finalCount: 30, deadCount: 1, timeout: .seconds(90))
        let statuses = stack.stop()
        #expect(statuses.allSatisfy { $0.status == 0 }, "\(statuses)")
        #expect(out.final.count == 30)
        for m in out.final {
            let r = try ArticleCodec.decode(m.value)
            #expect(r.extra["reading"]?.objectValue?["words"]?.intValue ?? 0 > 50)
            #expect(r.extra["headline"]?.objectValue?["words"]?.intValue == 3)
            #expect(r.lineage.map(\.stage) == ["stats", "exec"])
        }
        #expect(out.dead.count == 1)
        #expect(out.dead.first?.headers.string(DeadLetter.errorHeader) == "no title to analyse")
    }
}

@Suite("Worker metrics", .serialized)
struct WorkerMetricsTests {
    func get(_ url: String) throws -> (code: String, body: String) {
        let r = try Tool.runCommand("/usr/bin/env", ["curl", "-s", "-w", "\n%{http_code}", url])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test("a worker serves Prometheus counters on /metrics and readiness on /health")
    func metricsAndHealth() async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try await TestPipeline.stats(broker: broker)
        let port = try TansuBroker.freePort()
        let stack = try pipeline.startWorkers(broker: broker, environment: ["WIRESTREAM_METRICS_PORT": "\(port)"])
        defer { stack.stop() }
        var corpus = ArticleCorpus(seed: 9)
        let records = (0..<12).map { corpus.article(index: $0) }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        var messages = records.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) }
        messages.append(KafkaProducerRecord(topic: pipeline.raw, key: "bad-1", value: Array("{not json".utf8)))
        messages.append(KafkaProducerRecord(topic: pipeline.raw, key: "bad-2", value: Array(#"{"schema_version":1,"id":"x"}"#.utf8)))
        _ = try await producer.sendBatch(messages)
        producer.close()
        let read = try await pipeline.read(finalCount: records.count, deadCount: 2, timeout: .seconds(60))
        #expect(read.final.count == 12 && read.dead.count == 2)
        let health = try get("http://127.0.0.1:\(port)/health")
        #expect(health.code == "200" && health.body.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(health)")
        let metrics = try get("http://127.0.0.1:\(port)/metrics")
        #expect(metrics.code == "200")
        #expect(metrics.body.contains("# TYPE wirestream_records_consumed_total counter"))
        #expect(metrics.body.contains(#"wirestream_records_consumed_total{stage="stats",pipeline="wire",instance="0"} 14"#), "\(metrics.body)")
        #expect(metrics.body.contains(#"wirestream_records_dead_lettered_total{stage="stats",pipeline="wire",instance="0"} 2"#))
        #expect(metrics.body.contains(#"wirestream_errors_total{stage="stats",pipeline="wire",instance="0",kind="invalid_record"} 2"#))
        #expect(metrics.body.contains(#"wirestream_errors_total{stage="stats",pipeline="wire",instance="0",kind="stage_error"} 0"#))
        #expect(metrics.body.contains("# TYPE wirestream_processing_seconds histogram"))
        #expect(metrics.body.contains(#"wirestream_processing_seconds_bucket{stage="stats",pipeline="wire",instance="0",le="+Inf"} 14"#))
        #expect(metrics.body.contains(#"wirestream_processing_seconds_count{stage="stats",pipeline="wire",instance="0"} 14"#))
        // Lag per input partition the worker handled records from, all caught up.
        let lagLines = metrics.body.split(separator: "\n").filter { $0.hasPrefix("wirestream_consumer_lag{") }
        #expect(!lagLines.isEmpty && lagLines.allSatisfy { $0.split(separator: " ").last.flatMap { Double($0) } == 0 && $0.contains("topic=\"\(pipeline.raw)\"") }, "\(lagLines)")
        #expect(metrics.body.contains(#"wirestream_records_produced_total{stage="stats",pipeline="wire",instance="0"} 12"#))
        #expect(metrics.body.contains(#"wirestream_assigned_partitions{stage="stats",pipeline="wire",instance="0"} 3"#))
        #expect(try get("http://127.0.0.1:\(port)/nope").code == "404")

        // `wirectl status`: the stage's group with its live member, no lag, and its dead letters counted.
        let status = try Tool.run("wirectl", ["status", "--config", pipeline.configFile.path, "--interval", "0.5"])
        #expect(status.status == 0, "\(status.stderr)")
        let header = status.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("MEMBERS") && header.contains("LAG") && header.contains("RATE/s") && header.contains("DEAD-LETTERED"), "\(status.stdout)")
        let row = status.stdout.split(separator: "\n").first { $0.hasPrefix("wire ") && $0.contains(" stats ") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) } ?? []
        // PIPELINE STAGE GROUP STATE MEMBERS LAG DONE RATE/s DEAD-LETTERED
        #expect(row.count == 9 && row[4] == "1" && row[5] == "0" && row[6] == "14" && row[8] == "2", "\(status.stdout)")
    }
}
