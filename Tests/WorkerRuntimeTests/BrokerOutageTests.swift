import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WirestreamTestSupport
import WorkerRuntime

/// The broker goes away for 15 s in the middle of a run and a new one comes up on the same port. Tansu's
/// memory storage loses everything on restart, so the test recreates the topics and checks that the
/// workers survived (no crash, no busy loop, a clear log line) and process new records — not that the old
/// data came back.
@Suite("Broker outage", .serialized)
struct BrokerOutageTests {
    @Test("broker down 15 s, then a new broker on the same port: workers stay up, stay idle, log it, and resume")
    func outage() async throws {
        let first = try await TansuBroker()
        // A restarted Tansu answers the workers' idempotent producers with UNKNOWN_PRODUCER_ID until their messages
        // time out; a shorter message timeout than the default 120 s keeps the test short.
        let run = try TestPipeline(broker: first, kafkaProperties: ["message.timeout.ms": "15000"])
        try await run.createTopics()
        let stack = try run.startWorkers(broker: first)
        defer { stack.stop() }
        var corpus = ArticleCorpus(seed: 31)
        let before = (0..<60).map { corpus.shortArticle(index: $0) }
        try await send(before, run: run)
        let arrivedBefore = try await run.read(finalCount: before.count, deadCount: 0, timeout: .seconds(180))
        #expect(Set(try arrivedBefore.final.map { try ArticleCodec.decode($0.value).id }) == Set(before.map(\.id)), "\(run.logTail())")

        let pids = stack.workers.map { ($0.stage, $0.process.processIdentifier) }
        first.stop()
        let cpuAtStop = pids.map { ProcessStats.cpuSeconds(pid: $0.1) ?? 0 }
        try await Task.sleep(for: .seconds(15))
        let cpuUsed = zip(pids, cpuAtStop).map { ($0.0.0, (ProcessStats.cpuSeconds(pid: $0.0.1) ?? 0) - $0.1) }
        #expect(stack.exited.isEmpty, "workers exited during the outage: \(stack.exited)\n\(run.logTail())")
        for (stage, seconds) in cpuUsed {
            // No spin: reconnect attempts with back-off cost milliseconds, a spinning loop would burn most of the
            // outage. The bound is a generous fraction (a third of the outage), not a timing.
            #expect(seconds < 15.0 / 3, "\(stage) used \(seconds) s of CPU in the 15 s outage")
        }
        print("broker outage: CPU seconds used by each worker during 15 s without a broker: \(cpuUsed.map { "\($0.0)=\(String(format: "%.2f", $0.1))" }.joined(separator: " "))")
        let log = (try? String(contentsOf: run.logFile, encoding: .utf8)) ?? ""
        #expect(log.contains("broker connection problem; librdkafka keeps retrying"), "no clear log line about the outage")

        let second = try await TansuBroker(port: first.port)
        defer { second.stop() }
        try await run.createTopics()
        // The new broker starts every topic at offset 0, while the workers' fetch positions are where the old
        // broker left them; Tansu does not answer those with OFFSET_OUT_OF_RANGE but waits for the offsets to
        // exist. So first every partition of every topic gets past the old positions (at most 60 records each),
        // then the tracked records follow.
        try await fillPastOldPositions(run: run, corpus: &corpus, records: before.count)
        let after = (100..<130).map { corpus.shortArticle(index: $0) }
        try await send(after, run: run)
        let collector = try TopicCollector(kafka: run.kafka, partitions: [run.final: run.finalPartitions, run.dlq: 1], logger: run.logger)
        defer { collector.close() }
        let resumed = try await collector.poll(until: { $0.keys(run.final).isSuperset(of: after.map(\.id)) }, timeout: .seconds(180))
        #expect(resumed, "workers did not resume: \(collector.keys(run.final).count) of \(after.count) new records arrived\n\(run.logTail())")
        #expect(stack.exited.isEmpty, "workers exited: \(stack.exited)")
        let finalLog = (try? String(contentsOf: run.logFile, encoding: .utf8)) ?? ""
        print("broker outage: producers replaced after the restart: \(finalLog.components(separatedBy: "starting a new producer").count - 1)")
        print("broker outage: after the new broker started, \(collector.keys(run.final).intersection(after.map(\.id)).count) of \(after.count) new records arrived")
    }

    private func fillPastOldPositions(run: TestPipeline, corpus: inout ArticleCorpus, records: Int) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: run.kafka), logger: run.logger)
        defer { producer.close() }
        var fillers: [KafkaProducerRecord] = []
        var index = 10_000
        for topic in [run.raw, "\(run.prefix).normalized", "\(run.prefix).entities", "\(run.prefix).classified"] {
            for partition in 0..<Int32(3) {
                for _ in 0..<records {
                    let article = corpus.shortArticle(index: index)
                    index += 1
                    fillers.append(KafkaProducerRecord(topic: topic, partition: partition, key: Array(article.id.utf8), value: ArticleCodec.encode(article)))
                }
            }
        }
        let results = try await producer.sendBatch(fillers)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
    }

    private func send(_ articles: [ArticleRecord], run: TestPipeline) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: run.kafka), logger: run.logger)
        defer { producer.close() }
        let results = try await producer.sendBatch(articles.map { KafkaProducerRecord(topic: run.raw, key: $0.id, value: ArticleCodec.encode($0)) })
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
    }
}
