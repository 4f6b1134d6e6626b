import ArticleSchema
import CRDKafka
import Foundation
import Kafka
import LocalBroker
import Logging
import Testing
import WireCtlCommands
import WirestreamTestSupport

/// librdkafka's mock cluster (3 brokers), owned by this test process; worker processes reach it over TCP
/// like any broker. Tansu is not used here: fencing needs a broker that bumps the producer epoch.
private final class OwnedMockCluster: @unchecked Sendable {
    private let owner: OpaquePointer
    private let cluster: OpaquePointer
    let bootstrap: String

    init(brokers: Int32) throws {
        var buffer = [CChar](repeating: 0, count: 256)
        let conf = rd_kafka_conf_new()
        _ = rd_kafka_conf_set(conf, "log_level", "0", &buffer, buffer.count)
        guard let rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &buffer, buffer.count) else { throw TestSupportError("rd_kafka_new failed") }
        owner = rk
        guard let mc = rd_kafka_mock_cluster_new(rk, brokers) else {
            rd_kafka_destroy(rk)
            throw TestSupportError("rd_kafka_mock_cluster_new failed")
        }
        cluster = mc
        bootstrap = String(cString: rd_kafka_mock_cluster_bootstraps(mc))
        rd_kafka_mock_group_initial_rebalance_delay_ms(mc, 0)
    }

    func createTopic(_ name: String, partitions: Int32, replication: Int32) throws {
        let err = rd_kafka_mock_topic_create(cluster, name, partitions, replication)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw TestSupportError("mock topic create: \(String(cString: rd_kafka_err2str(err)))") }
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(owner)
    }
}

@Suite("Transactional fencing", .serialized)
struct TransactionalFencingTests {
    @Test("exactly_once: a second instance with the same transactional.id fences the first, which stops without committing and exits 0; nothing lost")
    func fencedInstanceStops() async throws {
        let mock = try OwnedMockCluster(brokers: 3)
        let p = "fence"
        for topic in ["\(p).raw", "\(p).enriched", "\(p).dlq"] { try mock.createTopic(topic, partitions: 1, replication: 3) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(SharedBroker.uniqueName("fence"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("pipelines.yaml")
        try """
            kafka:
              bootstrap: \(mock.bootstrap)
              properties: { session.timeout.ms: "6000", heartbeat.interval.ms: "500", topic.metadata.refresh.interval.ms: "1000" }
            topics:
              \(p).raw: { partitions: 1 }
              \(p).enriched: { partitions: 1 }
              \(p).dlq: { partitions: 1 }
            pipelines:
              wire:
                dead_letter: \(p).dlq
                stages:
                  - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).enriched, group: \(p).stats, delivery: exactly_once }
            """.write(to: configFile, atomically: true, encoding: .utf8)
        let logFile = directory.appendingPathComponent("workers.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let stack = LocalStack(output: try FileHandle(forWritingTo: logFile))
        defer { stack.stop() }
        func launch(_ name: String) throws -> Process {
            // Both as instance 0: the same transactional.id, as when a replacement starts before the old one stopped.
            try stack.launch(
                stage: name, instance: 0, executable: LocalStack.executableDirectory.appendingPathComponent("wire-stats"),
                arguments: ["--config", configFile.path, "--bootstrap", mock.bootstrap, "--pipeline", "wire", "--instance", "0"],
                stateDirectory: directory.appendingPathComponent("state-\(name)"))
        }
        func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
        func logged(_ name: String, _ text: String) -> Bool {
            log().split(separator: "\n").contains { $0.hasPrefix("[\(name)]") && $0.contains(text) }
        }

        var logger = Logger(label: "fencing-test")
        logger.logLevel = .warning
        let kafka = KafkaConfiguration(bootstrapServers: mock.bootstrap)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: logger)
        defer { producer.close() }
        var corpus = ArticleCorpus(seed: 5)
        let articles = (0..<100).map { corpus.shortArticle(index: $0) }
        func send(_ range: Range<Int>) async throws {
            let results = try await producer.sendBatch(articles[range].map { KafkaProducerRecord(topic: "\(p).raw", key: $0.id, value: ArticleCodec.encode($0)) })
            #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        }
        let collector = try TopicCollector(kafka: kafka, partitions: ["\(p).enriched": 1], logger: logger)
        defer { collector.close() }

        let old = try launch("old")
        try await send(0..<50)
        #expect(try await collector.poll(until: { $0.keys("\(p).enriched").count >= 50 }, timeout: .seconds(90)), "the first instance did not process\n\(log())")

        let new = try launch("new")
        let started = ContinuousClock.now
        while !logged("new", "worker started") && ContinuousClock.now - started < .seconds(60) { try await Task.sleep(for: .milliseconds(200)) }
        #expect(logged("new", "worker started"), "the second instance did not start\n\(log())")
        // The old instance keeps its partition (cooperative-sticky); its next transaction finds it fenced.
        try await send(50..<100)
        let asked = ContinuousClock.now
        while old.isRunning && ContinuousClock.now - asked < .seconds(90) { try await collector.poll(for: .milliseconds(300)) }
        #expect(!old.isRunning, "the fenced instance did not stop\n\(log())")
        if !old.isRunning {
            #expect(old.terminationReason == .exit && old.terminationStatus == 0, "the fenced instance exited with \(old.terminationStatus)\n\(log())")
        }
        #expect(logged("old", "fenced: another instance with the same transactional.id took over"), "no clear log line about the fencing\n\(log())")
        #expect(!logged("old", "worker failed"))

        let complete = try await collector.poll(until: { Set($0.keys("\(p).enriched")).isSuperset(of: articles.map(\.id)) }, timeout: .seconds(120))
        let ids = collector.messages("\(p).enriched").compactMap(\.keyString)
        print("transactional fencing: read=\(ids.count) distinct=\(Set(ids).count) of \(articles.count); old instance exit=\(old.isRunning ? -1 : old.terminationStatus)")
        #expect(complete, "records lost after the fencing: \(Set(articles.map(\.id)).subtracting(ids).count)\n\(log())")
        #expect(new.isRunning, "the new instance stopped\n\(log())")
    }
}
