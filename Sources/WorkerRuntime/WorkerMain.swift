import ArgumentParser
import Foundation
import Kafka
import Logging
import PipelineConfig
import ServiceLifecycle
import StageKit

/// Builds a stage from its settings in pipelines.yaml. Errors are configuration errors (exit code 2).
public typealias StageFactory = @Sendable (StageSettings, StageContext) throws -> any Stage

/// The command line every worker executable shares:
/// `wire-<stage> [--config FILE] [--bootstrap HOST:PORT] [--pipeline NAME] [--instance N] [--log-level LEVEL]`.
struct WorkerOptions: ParsableArguments {
    @Option(help: "Pipeline configuration file.")
    var config = "pipelines.yaml"

    @Option(help: "Kafka bootstrap servers HOST:PORT; overrides the config and $WIRESTREAM_BOOTSTRAP.")
    var bootstrap: String?

    @Option(help: "Pipeline to run this worker's stage of (default: the one pipeline that has it).")
    var pipeline: String?

    @Option(help: "Instance number when several run (names the transactional id and state).")
    var instance = 0

    @Option(help: "Serve /metrics (Prometheus) and /health on this port (default: $WIRESTREAM_METRICS_PORT; off when unset).")
    var metricsPort: Int?

    /// `--metrics-port`, else `$WIRESTREAM_METRICS_PORT`, else nil (off).
    var effectiveMetricsPort: Int? {
        metricsPort ?? ProcessInfo.processInfo.environment["WIRESTREAM_METRICS_PORT"].flatMap(Int.init)
    }

    @Option(help: "Write to this topic instead of the stage's configured output (used by `wirectl replay --to-topic`).")
    var outputTopic: String?

    @Option(help: "Consume in this consumer group instead of the stage's configured one (used by `wirectl replay --to-topic`).")
    var group: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["WIRESTREAM_LOG_LEVEL"] ?? "info"
}

/// Entry point of a worker executable: parses the shared options, loads pipelines.yaml, finds the
/// stage run by this executable (its own name, e.g. `wire-normalize`), builds it and runs the
/// ``StageWorker`` until SIGTERM/SIGINT. Exit codes: 0 success, 2 usage or configuration error, 1 otherwise.
public enum WorkerMain {
    public static func run(worker defaultName: String, summary: String, makeStage: StageFactory) async -> Never {
        // Until the service group takes over the signals, SIGTERM/SIGINT mean "stop before starting":
        // nothing has been consumed yet, so exit 0 at once instead of dying by the signal.
        signal(SIGTERM) { _ in _exit(0) }
        signal(SIGINT) { _ in _exit(0) }
        // A peer that hangs up (a scraper, an external stage's child process) must give a write error, not
        // kill the worker.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let executable = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? defaultName
        let worker = executable.hasPrefix("wire-") ? executable : defaultName
        if arguments.contains("--help") || arguments.contains("-h") {
            print("\(worker): \(summary)\n")
            print(WorkerOptions.helpMessage(columns: 100).replacingOccurrences(of: "USAGE: worker", with: "USAGE: \(worker)"))
            print("""

            Reads its stage (input topic, output topic, consumer group, parameters, dead-letter topic) from the
            pipeline configuration. Stops cleanly on SIGTERM or Ctrl-C: finishes the batch in flight, commits, exits 0.
            """)
            exit(0)
        }
        let options: WorkerOptions
        do {
            options = try WorkerOptions.parse(arguments)
        } catch {
            FileHandle.standardError.write(Data((WorkerOptions.fullMessage(for: error) + "\nUsage: \(worker) [--config FILE] [--bootstrap HOST:PORT] [--pipeline NAME]\n").utf8))
            exit(2)
        }
        guard let level = Logger.Level(rawValue: options.logLevel.lowercased()) else {
            fail("\(worker): unknown log level '\(options.logLevel)'", code: 2)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: worker)
        logger[metadataKey: "instance"] = "\(options.instance)"

        do {
            try KafkaLibrary.requireSupportedVersion()
        } catch {
            fail("\(worker): \(error)", code: 1)
        }
        let configuration: PipelineConfiguration
        let pipeline: Pipeline
        var settings: StageSettings
        do {
            configuration = try PipelineConfigLoader.load(file: options.config)
            (pipeline, settings) = try configuration.stage(forWorker: worker, pipeline: options.pipeline)
        } catch {
            fail("\(worker): \(error)", code: 2)
        }
        if let topic = options.outputTopic {
            guard !topic.isEmpty, !settings.inputs.contains(topic) else {
                fail("\(worker): --output-topic '\(topic)' must name a topic other than the stage's input", code: 2)
            }
            settings.output = topic
        }
        if let group = options.group, !group.isEmpty { settings.group = group }
        let bootstrap = options.bootstrap
            ?? ProcessInfo.processInfo.environment["WIRESTREAM_BOOTSTRAP"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.kafka.bootstrap
        // A worker in a group of its own (`wirectl replay --to-topic`) restores the live state but writes none
        // of it, and keeps its local state apart from the live instances'.
        let replaying = options.group.map { !$0.isEmpty } ?? false
        var stateDirectory = StageContext.defaultStateDirectory(pipeline: pipeline.name, stage: settings.name, instance: options.instance)
        if replaying, settings.changelog != nil { stateDirectory = stateDirectory.deletingLastPathComponent().appendingPathComponent(settings.group) }
        var changelog: KafkaStateChangelog?
        if let topic = settings.changelog {
            do {
                changelog = try KafkaStateChangelog(
                    topic: topic, kafka: configuration.kafka, bootstrap: bootstrap, group: settings.group, logger: logger, readOnly: replaying)
            } catch {
                fail("\(worker): state changelog '\(topic)': \(error)", code: 2)
            }
        }
        let context = StageContext(
            pipeline: pipeline.name, stage: settings.name,
            stateDirectory: stateDirectory, instance: options.instance, changelog: changelog)
        let stage: any Stage
        do {
            stage = try makeStage(settings, context)
        } catch {
            fail("\(worker): \(error)", code: 2)
        }
        do {
            try await preflight(kafka: configuration.kafka, bootstrap: bootstrap, settings: settings, logger: logger)
        } catch {
            fail("\(worker): \(error)", code: 1)
        }
        let stageWorker = StageWorker(
            stage: stage, settings: settings, pipeline: pipeline.name, kafka: configuration.kafka, bootstrap: bootstrap,
            instance: options.instance, logger: logger, metricsPort: options.effectiveMetricsPort)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: stageWorker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("worker failed", metadata: ["error": "\(error)"])
            fail("\(worker): \(error)", code: 1)
        }
        await changelog?.close()
        exit(0)
    }

    /// Before joining the consumer group: the broker answers with these settings (address, TLS, SASL) and
    /// the stage's topics exist. Only reads metadata, so a failed start leaves nothing behind (no group,
    /// no topics). A broker that goes away later is retried, not fatal.
    static func preflight(kafka: KafkaSettings, bootstrap: String, settings: StageSettings, logger: Logger, timeout: Duration = .seconds(10)) async throws {
        var quiet = logger
        if quiet.logLevel > .debug { quiet.logLevel = .critical }  // one clear message at the end, unless debugging
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrap, properties: kafka.properties), logger: quiet, timeout: timeout)
        let existing = Set(try await admin.listTopics().map(\.name))
        let needed = settings.inputs + [settings.output] + (settings.deadLetter.map { [$0] } ?? []) + (settings.changelog.map { [$0] } ?? [])
        let missing = needed.filter { !existing.contains($0) }
        if !missing.isEmpty {
            throw WorkerError.missingTopics(stage: settings.name, topics: missing, bootstrap: bootstrap)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(code)
    }
}
