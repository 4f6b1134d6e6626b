import ArgumentParser
import Foundation
import Kafka
import Logging
import PipelineConfig
import ServiceLifecycle

/// `wire-ingest [--config FILE] [--bootstrap HOST:PORT] [--source NAME]... [--state-dir DIR] [--log-level LEVEL]`
struct IngestOptions: ParsableArguments {
    @Option(help: "Pipeline configuration file.")
    var config = "pipelines.yaml"

    @Option(help: "Kafka bootstrap servers HOST:PORT; overrides the config and $WIRESTREAM_BOOTSTRAP.")
    var bootstrap: String?

    @Option(name: .customLong("source"), help: "Run only this source (repeatable; default: every source under `sources:`).")
    var sources: [String] = []

    @Option(help: "Directory for the checkpoints (default: $WIRESTREAM_STATE_DIR/ingest, else state/ingest).")
    var stateDir: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["WIRESTREAM_LOG_LEVEL"] ?? "info"
}

/// Entry point of the `wire-ingest` executable: loads pipelines.yaml, builds the declared sources and polls
/// them until SIGTERM/SIGINT. Exit codes: 0 success, 2 usage or configuration error, 1 otherwise.
public enum IngestMain {
    public static func run() async -> Never {
        signal(SIGTERM) { _ in _exit(0) }
        signal(SIGINT) { _ in _exit(0) }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("--help") || arguments.contains("-h") {
            print("wire-ingest: sends the stories of drop directories and feeds (pipelines.yaml `sources:`) to their pipeline's input topic.\n")
            print(IngestOptions.helpMessage(columns: 100).replacingOccurrences(of: "USAGE: ingest", with: "USAGE: wire-ingest"))
            print("""

            Remembers what it sent in one checkpoint per source in the state directory: a restart sends nothing
            twice and loses nothing. Stops cleanly on SIGTERM or Ctrl-C: finishes the poll in flight, exits 0.
            """)
            exit(0)
        }
        let options: IngestOptions
        do {
            options = try IngestOptions.parse(arguments)
        } catch {
            fail(IngestOptions.fullMessage(for: error) + "\nUsage: wire-ingest [--config FILE] [--bootstrap HOST:PORT] [--source NAME]", code: 2)
        }
        guard let level = Logger.Level(rawValue: options.logLevel.lowercased()) else {
            fail("wire-ingest: unknown log level '\(options.logLevel)'", code: 2)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "wire-ingest")
        do {
            try KafkaLibrary.requireSupportedVersion()
        } catch {
            fail("wire-ingest: \(error)", code: 1)
        }
        let configuration: PipelineConfiguration
        do {
            configuration = try PipelineConfigLoader.load(file: options.config)
        } catch {
            fail("wire-ingest: \(error)", code: 2)
        }
        guard !configuration.sources.isEmpty else {
            fail("wire-ingest: \(configuration.file) declares no sources; add a `sources:` section (see README, \"Continuous sources\")", code: 2)
        }
        let unknown = options.sources.filter { configuration.source(named: $0) == nil }
        guard unknown.isEmpty else {
            fail("wire-ingest: no source named \(unknown.map { "'\($0)'" }.joined(separator: ", ")); sources: \(configuration.sources.map(\.name).joined(separator: ", "))", code: 2)
        }
        let bootstrap = options.bootstrap
            ?? ProcessInfo.processInfo.environment["WIRESTREAM_BOOTSTRAP"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.kafka.bootstrap
        let stateDirectory = URL(fileURLWithPath: options.stateDir
            ?? (ProcessInfo.processInfo.environment["WIRESTREAM_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "state") + "/ingest")
        let selected = configuration.sources.filter { options.sources.isEmpty || options.sources.contains($0.name) }
        do {
            try await preflight(kafka: configuration.kafka, bootstrap: bootstrap, topics: Set(selected.map(\.topic)), logger: logger)
        } catch {
            fail("wire-ingest: \(error)", code: 1)
        }

        var producerKafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: ["allow.auto.create.topics": "false"])
        for (k, v) in configuration.kafka.properties { producerKafka.properties[k] = v }
        for (k, v) in configuration.kafka.producer { producerKafka.properties[k] = v }
        let producer: KafkaProducer
        let sources: [any PollingSource]
        do {
            producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: producerKafka), logger: logger)
        } catch {
            fail("wire-ingest: cannot create the Kafka producer: \(error)", code: 1)
        }
        do {
            sources = try SourceFactory.make(
                configuration, only: options.sources, publisher: KafkaStoryPublisher(producer: producer, logger: logger),
                stateDirectory: stateDirectory, logger: logger)
        } catch {
            fail("wire-ingest: \(error)", code: 2)
        }
        let worker = IngestWorker(sources: sources, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            producer.close()
            fail("wire-ingest: \(error)", code: 1)
        }
        producer.close()
        exit(0)
    }

    /// The broker answers with these settings and the topics exist (a worker never creates topics).
    static func preflight(kafka: KafkaSettings, bootstrap: String, topics: Set<String>, logger: Logger) async throws {
        var quiet = logger
        if quiet.logLevel > .debug { quiet.logLevel = .critical }
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrap, properties: kafka.properties), logger: quiet, timeout: .seconds(10))
        let existing = Set(try await admin.listTopics().map(\.name))
        let missing = topics.subtracting(existing).sorted()
        if !missing.isEmpty {
            throw IngestStartError(message: "topic\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")) missing on \(bootstrap); create them with `wirectl topics create`")
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(code)
    }
}

/// Why wire-ingest could not start.
struct IngestStartError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
