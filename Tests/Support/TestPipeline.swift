import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Logging
import PipelineConfig
import WireCtlCommands

/// A pipelines.yaml with topic and group names unique to one test run.
public struct TestPipeline {
    public let prefix = SharedBroker.uniqueName("e2e")
    public let directory: URL
    public let configFile: URL
    public let stateDirectory: URL
    public let config: PipelineConfiguration
    public let kafka: KafkaConfiguration
    public let logFile: URL
    public let logHandle: FileHandle
    public let finalPartitions: Int
    public var raw: String { "\(prefix).raw" }
    public var final: String { "\(prefix).enriched" }
    public var dlq: String { "\(prefix).dlq" }
    public var logger: Logger {
        var l = Logger(label: "e2e")
        l.logLevel = .warning
        return l
    }

    /// The four-stage pipeline, or only a dedupe stage with `dedupeInstances` workers on one-partition topics
    /// and a state changelog (`<prefix>.dedupe.changelog`).
    /// `customStages`: YAML stage entries (indented four spaces) to use instead, over the same topics.
    /// `kafkaProperties`: more librdkafka properties for every client of the pipeline (tests also get
    /// ``KafkaConsumerConfiguration/fastGroupJoin``). `partitions`: of the raw and final topics, instead of 3
    /// (1 for `dedupeOnly`).
    public init(
        broker: TansuBroker, dedupeOnly: Bool = false, dedupeInstances: Int = 1, kafkaProperties: [String: String] = [:],
        partitions: Int? = nil, customStages: ((String) -> String)? = nil
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        configFile = directory.appendingPathComponent("pipelines.yaml")
        stateDirectory = directory.appendingPathComponent("state")
        logFile = directory.appendingPathComponent("workers.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        logHandle = try FileHandle(forWritingTo: logFile)
        let p = prefix
        let stages = customStages.map { $0(p) } ?? (dedupeOnly
            ? """
                  - { name: dedupe, worker: wire-dedupe, input: \(p).raw, output: \(p).enriched, group: \(p).dedupe, instances: \(dedupeInstances), changelog: \(p).dedupe.changelog }
              """
            : """
                  - { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).normalized, group: \(p).normalize }
                  - { name: entities, worker: wire-entities, input: \(p).normalized, output: \(p).entities, group: \(p).entities }
                  - { name: classify, worker: wire-classify, input: \(p).entities, output: \(p).classified, group: \(p).classify }
                  - { name: dedupe, worker: wire-dedupe, input: \(p).classified, output: \(p).enriched, group: \(p).dedupe }
              """)
        let partitions = partitions ?? (dedupeOnly ? 1 : 3)
        let yaml = """
            kafka:
              bootstrap: \(broker.bootstrapServers)
              properties: { \((["topic.metadata.refresh.interval.ms: 1000"] + kafkaProperties.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }).joined(separator: ", ")) }
              consumer: { \(KafkaConsumerConfiguration.fastGroupJoin.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")) }
            topics:
              \(p).raw: { partitions: \(partitions) }
              \(p).normalized: { partitions: 3 }
              \(p).entities: { partitions: 3 }
              \(p).classified: { partitions: 3 }
              \(p).enriched: { partitions: \(partitions) }
              \(p).dlq: { partitions: 1 }
              \(p).dedupe.changelog: { partitions: 1, config: { cleanup.policy: compact } }
            pipelines:
              wire:
                dead_letter: \(p).dlq
                stages:
            \(stages)
            """
        try yaml.write(to: configFile, atomically: true, encoding: .utf8)
        config = try PipelineConfigLoader.load(file: configFile.path)
        // In-process consumers of the tests join as fast as the workers (producers ignore these two).
        kafka = KafkaConfiguration(
            bootstrapServers: broker.bootstrapServers, properties: config.kafka.consumer.merging(config.kafka.properties) { $1 })
        finalPartitions = partitions
    }

    /// Starts every stage of the configuration as worker processes (logs to ``logFile``).
    public func startWorkers(broker: TansuBroker, environment: [String: String] = [:]) throws -> LocalStack {
        let stack = LocalStack(output: logHandle)
        try stack.start(
            configFile: configFile.path, configuration: config, bootstrap: broker.bootstrapServers,
            workerDirectory: LocalStack.executableDirectory, stateDirectory: stateDirectory, extraEnvironment: environment)
        return stack
    }

    public func createTopics() async throws {
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics(config.topics.map { NewTopic(name: $0.name, partitions: $0.partitions, configs: $0.config) })
    }

    /// Reads the final and dead-letter topics until the expected counts arrived or `timeout` passed.
    public func read(finalCount: Int, deadCount: Int, timeout: Duration) async throws -> (final: [KafkaConsumerMessage], dead: [KafkaConsumerMessage]) {
        var readerKafka = kafka
        readerKafka.properties["enable.auto.commit"] = "false"  // every read starts at the beginning
        var cc = KafkaConsumerConfiguration(kafka: readerKafka, groupID: "\(prefix).reader")
        cc.autoOffsetReset = "earliest"
        let consumer = try KafkaConsumer(configuration: cc, logger: logger)
        defer { consumer.close() }
        try consumer.assign((0..<Int32(finalPartitions)).map { TopicPartition(topic: final, partition: $0) } + [TopicPartition(topic: dlq, partition: 0)])
        var enriched: [KafkaConsumerMessage] = [], dead: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        while (enriched.count < finalCount || dead.count < deadCount) && ContinuousClock.now < deadline {
            let batch = try await consumer.nextBatch(maxMessages: 500, timeout: .milliseconds(300))
            for m in batch { if m.topic == dlq { dead.append(m) } else { enriched.append(m) } }
        }
        return (enriched, dead)
    }

    public func logTail() -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(60).joined(separator: "\n")
    }
}

