import ArgumentParser
import Foundation
import Kafka
import Logging
import PipelineConfig

/// `--config` and `--bootstrap`, shared by every command.
struct CommonOptions: ParsableArguments {
    @Option(help: "Pipeline configuration file.")
    var config = "pipelines.yaml"

    @Option(help: "Kafka bootstrap servers HOST:PORT (overrides $WIRESTREAM_BOOTSTRAP and the config).")
    var bootstrap: String?

    @Flag(help: "Log librdkafka and worker details.")
    var verbose = false

    /// Loads and validates the configuration; a bad file exits with code 2 and every problem listed.
    func loadConfiguration() throws -> PipelineConfiguration {
        do {
            return try PipelineConfigLoader.load(file: config)
        } catch {
            throw CommandFailure(error.description, code: 2)
        }
    }

    /// `--bootstrap`, else `$WIRESTREAM_BOOTSTRAP`, else the broker of a `wirectl dev` stack running
    /// for this configuration, else `kafka.bootstrap`.
    func bootstrapServers(_ configuration: PipelineConfiguration?) -> String {
        bootstrap ?? ProcessInfo.processInfo.environment["WIRESTREAM_BOOTSTRAP"].flatMap { $0.isEmpty ? nil : $0 }
            ?? DevControl.running(config: config)?.bootstrap
            ?? configuration?.kafka.bootstrap ?? "localhost:9092"
    }

    func kafkaConfiguration(_ configuration: PipelineConfiguration) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers(configuration), properties: configuration.kafka.properties)
    }

    var logger: Logger {
        var logger = Logger(label: "wirectl")
        logger.logLevel = verbose ? .info : .error
        return logger
    }
}

/// An error that ends a command with a message and an exit code (2: usage/configuration, 1: anything else).
package struct CommandFailure: Error, CustomStringConvertible {
    package var message: String
    package var code: Int32
    package init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }
    package var description: String { message }
}

/// Writes to standard error.
package func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Checks the librdkafka the process loaded before any Kafka work.
func requireKafka() throws {
    do {
        try KafkaLibrary.requireSupportedVersion()
    } catch {
        throw CommandFailure("\(error)", code: 1)
    }
}

/// Reads a whole file or stdin ("-") as lines, failing with a readable message.
func readLines(_ path: String?) throws -> [String] {
    let data: Data
    if let path, path != "-" {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read '\(path)': no such file or not readable", code: 2)
        }
        data = d
    } else {
        data = FileHandle.standardInput.readDataToEndOfFile()
    }
    let text = String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
}
