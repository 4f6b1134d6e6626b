import ArgumentParser
import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import PipelineConfig

/// `wirectl dev`: the local development stack — a Tansu broker, the topics, every worker as its own
/// process — fed with the sample feed and any files given; prints the enriched records as they arrive.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the local stack: broker, topics, every worker as its own process; ingest files and print enriched records.",
        discussion: """
            Starts the Tansu broker (installed by scripts/bootstrap) on a free loopback port, creates the \
            configured topics, starts each stage's worker executable, ingests the sample feed (samples/feed) \
            and the FILES given, and prints every record reaching a pipeline's final topic as JSONL on stdout; \
            worker logs go to stderr prefixed with the stage. Ctrl-C stops everything cleanly. With --once, \
            stops by itself when every ingested record reached the final or the dead-letter topic.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "More files to ingest (JSONL, .txt, .html).")
    var files: [String] = []

    @Option(help: "Run only this pipeline (default: all).")
    var pipeline: String?

    @Flag(help: "Do not ingest the sample feed.")
    var noSample = false

    @Flag(help: "Exit once every ingested record has arrived (instead of running until Ctrl-C).")
    var once = false

    @Option(help: "Seconds --once waits for records before giving up.")
    var timeout: Double = 180

    @Flag(help: "Print worker logs (otherwise only warnings and errors).")
    var workerLogs = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        let pipelines = config.pipelines.filter { pipeline == nil || $0.name == pipeline }
        guard !pipelines.isEmpty else { throw CommandFailure("no pipeline named '\(pipeline ?? "")'", code: 2) }
        let configDirectory = URL(fileURLWithPath: common.config).deletingLastPathComponent()
        var inputs = files
        if !noSample {
            let sampleDir = configDirectory.appendingPathComponent("samples/feed")
            let sample = ((try? FileManager.default.contentsOfDirectory(atPath: sampleDir.path)) ?? []).sorted()
                .map { sampleDir.appendingPathComponent($0).path }
            if sample.isEmpty { printError("wirectl dev: no sample feed at \(sampleDir.path); ingesting only the files given") }
            inputs = sample + inputs
        }

        printError("wirectl dev: librdkafka \(KafkaLibrary.version); starting the Tansu broker …")
        let broker: TansuBroker
        do {
            broker = try await TansuBroker(logger: common.logger)
        } catch {
            throw CommandFailure("cannot start the local broker: \(error)")
        }
        defer { broker.stop() }
        let bootstrap = broker.bootstrapServers
        printError("wirectl dev: broker at \(bootstrap)")
        var kafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: config.kafka.properties)
        let admin = try KafkaAdmin(configuration: kafka, logger: common.logger)
        try await admin.ensureTopics(config.topics.map {
            NewTopic(name: $0.name, partitions: $0.partitions, replicationFactor: $0.replicationFactor, configs: $0.config)
        })
        printError("wirectl dev: created \(config.topics.count) topics")

        let state = FileManager.default.temporaryDirectory.appendingPathComponent("wirestream-dev-\(getpid())")
        defer { try? FileManager.default.removeItem(at: state) }
        let stack = LocalStack(output: .standardError)
        let signals = SignalWatcher()
        do {
            try stack.start(
                configFile: common.config, configuration: config, pipelines: pipelines.map(\.name), bootstrap: bootstrap,
                workerDirectory: LocalStack.executableDirectory, stateDirectory: state,
                extraEnvironment: ["WIRESTREAM_LOG_LEVEL": workerLogs || common.verbose ? "info" : "warning", "WIRESTREAM_FAST_GROUP_JOIN": "1"])
        } catch {
            stack.stop()
            throw error
        }
        printError("wirectl dev: started \(stack.workers.count) workers: \(stack.workers.map(\.stage).joined(separator: ", "))")
        // Tell other wirectl commands run next to this configuration where the stack is.
        let configFile = common.config
        func publishControl() {
            let control = DevControl(pid: getpid(), bootstrap: bootstrap, workers: stack.workers.map {
                DevControl.WorkerEntry(pipeline: $0.pipeline, stage: $0.stageName, instance: $0.instance, pid: $0.process.processIdentifier)
            })
            do { try control.write(config: configFile) } catch { printError("wirectl dev: cannot write \(DevControl.file(config: configFile).path): \(error)") }
        }
        publishControl()
        defer { DevControl.remove(config: configFile) }

        // Print what reaches the final topics nobody reads on; count dead letters.
        let consumed = Set(pipelines.flatMap { $0.stages.flatMap(\.inputs) })
        let produced = Set(pipelines.flatMap { $0.stages.map(\.output) })
        let finals = Set(pipelines.map(\.finalTopic).filter { !consumed.contains($0) })
        let deadLetters = Set(pipelines.flatMap { $0.stages.compactMap(\.deadLetter) })
        kafka.properties["enable.auto.commit"] = "false"
        var cc = KafkaConsumerConfiguration(kafka: kafka, groupID: "wirectl-dev-\(getpid())")
        cc.autoOffsetReset = "earliest"
        let reader = try KafkaConsumer(configuration: cc, logger: common.logger)
        var assignment: [TopicPartition] = []
        for t in finals.union(deadLetters) {
            if let d = try await admin.describeTopic(t) { assignment += d.partitions.map { TopicPartition(topic: t, partition: $0) } }
        }
        try reader.assign(assignment)

        var ingested = 0
        if !inputs.isEmpty {
            let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: common.logger)
            var total = 0
            for p in pipelines where !produced.contains(p.source) {
                let (records, malformed) = try IngestFiles.records(files: inputs, topic: p.source, source: "file")
                try await IngestFiles.send(records, with: producer, progressLabel: "ingested")
                total += records.count
                printError("wirectl dev: ingested \(records.count) records into \(p.source)\(malformed.isEmpty ? "" : " (\(malformed.count) malformed, expected in the dead-letter topic)")")
            }
            producer.close()
            ingested = total
        }

        var arrived = 0
        var dead = 0
        let started = Date()
        var lastStatus = Date()
        while !signals.triggered {
            let batch = try await reader.nextBatch(maxMessages: 500, timeout: .milliseconds(250))
            var out = ""
            for m in batch {
                if finals.contains(m.topic) {
                    arrived += 1
                    out += String(decoding: m.value, as: UTF8.self) + "\n"
                } else {
                    dead += 1
                    printError("wirectl dev: dead letter from \(m.headers.string("wirestream-stage") ?? "?"): \(m.headers.string("wirestream-error") ?? "?")")
                }
            }
            if !out.isEmpty { FileHandle.standardOutput.write(Data(out.utf8)) }
            var failed: LocalStack.Worker?
            for w in stack.stoppedWorkers {
                switch DevControl.pauseState(config: configFile, pipeline: w.pipeline, stage: w.stageName) {
                case "stopped": continue  // `wirectl replay --stop-workers` is resetting its group
                case "resume":
                    try stack.restart(pipeline: w.pipeline, stage: w.stageName)
                    try? FileManager.default.removeItem(at: DevControl.pauseMarker(config: configFile, pipeline: w.pipeline, stage: w.stageName))
                    publishControl()
                    printError("wirectl dev: restarted the workers of \(w.pipeline).\(w.stageName) after the replay reset")
                default: failed = w
                }
                if failed != nil { break }
            }
            if let failed {
                printError("wirectl dev: worker \(failed.stage) exited with status \(failed.process.terminationStatus); stopping")
                break
            }
            if once && ingested > 0 && arrived + dead >= ingested {
                break
            }
            if once && Date().timeIntervalSince(started) > timeout {
                printError("wirectl dev: gave up after \(Int(timeout)) s with \(arrived + dead) of \(ingested) records arrived")
                break
            }
            if !once && Date().timeIntervalSince(lastStatus) > 30 {
                lastStatus = Date()
                if let table = try? await StatusTable.render(config: config, admin: admin, interval: 0, kafka: kafka) { printError(table) }
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        if let table = try? await StatusTable.render(config: config, admin: admin, interval: 0, kafka: kafka) { printError(table) }
        printError("wirectl dev: \(arrived) records on the final topic, \(dead) dead-lettered, of \(ingested) ingested, in \(String(format: "%.1f", elapsed)) s; stopping workers …")
        reader.close()
        let statuses = stack.stop()
        let unclean = statuses.filter { $0.status != 0 }
        printError("wirectl dev: stopped\(unclean.isEmpty ? " cleanly" : "; non-zero exits: \(unclean.map { "\($0.stage)=\($0.status)" }.joined(separator: ", "))")")
        if once && arrived + dead < ingested { throw CommandFailure("not every record arrived (\(arrived + dead) of \(ingested))") }
    }
}

/// Notices SIGINT and SIGTERM so `dev` can stop its workers and broker before exiting.
final class SignalWatcher: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var _triggered = false

    var triggered: Bool { lock.withLock { _triggered } }

    init(name: String = "wirectl dev") {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.withLock { self._triggered = true }
                printError("\n\(name): stopping …")
            }
            source.resume()
            sources.append(source)
        }
    }
}
