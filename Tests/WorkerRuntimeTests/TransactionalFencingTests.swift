import ArticleSchema
import CRDKafka
import Foundation
import Kafka
import LocalBroker
import Logging
import Testing
import WireCtlCommands
import WirestreamTestSupport

@Suite("Transactional fencing", .serialized)
struct TransactionalFencingTests {
    @Test("exactly_once on Tansu: a second instance with the same transactional.id fences the first, which stops without committing and exits 0; nothing lost")
    func fencedByNewInstance() async throws {
        let broker = try await SharedBroker.instance.broker()
        try await fencing(bootstrap: broker.bootstrapServers) { topics in
            let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: broker.bootstrapServers), logger: Logger(label: "fencing-test"))
            try await admin.createTopics(topics.map { NewTopic(name: $0, partitions: 1) })
        }
    }

    @Test("exactly_once on the mock cluster: the broker answers the old instance's next transaction with PRODUCER_FENCED; it stops without committing and exits 0; nothing lost")
    func fencedByBroker() async throws {
        let mock = try MockKafkaCluster(brokers: 3)  // worker processes reach it over TCP like any broker
        // The mock gives each new producer a new producer id rather than bumping the transactional.id's epoch,
        // so the second instance does not fence the first there: the broker's answer is injected instead.
        try await fencing(bootstrap: mock.bootstrap, createTopics: { topics in
            for topic in topics { try mock.createTopic(topic, partitions: 1, replication: 3) }
        }, afterSecondStarted: { mock.pushErrors(apiKey: 24 /* AddPartitionsToTxn */, [RD_KAFKA_RESP_ERR_PRODUCER_FENCED]) })
    }

    /// One exactly_once `wire-stats` instance processes 50 records; a second starts with the same `--instance`
    /// (the same transactional.id, as when a replacement starts before the old one stopped); 50 more records:
    /// the old instance must find itself fenced, stop without committing and exit 0, and the new one process
    /// everything left.
    private func fencing(
        bootstrap: String, createTopics: ([String]) async throws -> Void, afterSecondStarted: () -> Void = {}
    ) async throws {
        let p = SharedBroker.uniqueName("fence")
        try await createTopics(["\(p).raw", "\(p).enriched", "\(p).dlq"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(p)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("pipelines.yaml")
        try """
            kafka:
              bootstrap: \(bootstrap)
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
                arguments: ["--config", configFile.path, "--bootstrap", bootstrap, "--pipeline", "wire", "--instance", "0"],
                stateDirectory: directory.appendingPathComponent("state-\(name)"))
        }
        func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
        func logged(_ name: String, _ text: String) -> Bool {
            log().split(separator: "\n").contains { $0.hasPrefix("[\(name)]") && $0.contains(text) }
        }

        var logger = Logger(label: "fencing-test")
        logger.logLevel = .warning
        let kafka = KafkaConfiguration(bootstrapServers: bootstrap)
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
        // Until its join completes (an assignment, empty here): a member leaving while another joins stalls
        // Tansu 0.6's group (see ChaosTests).
        while !logged("new", "partitions assigned") && ContinuousClock.now - started < .seconds(60) { try await Task.sleep(for: .milliseconds(200)) }
        #expect(logged("new", "partitions assigned"), "the second instance did not join the group\n\(log())")
        afterSecondStarted()
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
