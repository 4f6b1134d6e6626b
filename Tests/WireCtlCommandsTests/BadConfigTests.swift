import Foundation
import Kafka
import LocalBroker
import Logging
import Testing
import WirestreamTestSupport

/// Broken configurations through the real `wirectl validate` and a real worker (`wire-normalize`): one clear
/// message naming the file and key (or the broker), a non-zero exit, no crash trace, and nothing
/// half-started on the broker (no topics, no consumer group).
@Suite("Bad configuration", .serialized)
struct BadConfigTests {
    /// A one-stage configuration over topics named with `prefix`; `kafka` and `stage` lines are spliced in.
    static func yaml(prefix p: String, kafka: String = "  bootstrap: 127.0.0.1:9092", topicsExtra: String = "", stage: String? = nil) -> String {
        """
        kafka:
        \(kafka)
        topics:
          \(p).raw: { partitions: 1 }
          \(p).out: { partitions: 1 }
          \(p).dlq: { partitions: 1 }
        \(topicsExtra)
        pipelines:
          wire:
            dead_letter: \(p).dlq
            stages:
              \(stage ?? "- { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).out, group: \(p).normalize }")
        """
    }

    static func write(_ text: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("badconfig-\(UUID().uuidString.prefix(8)).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// No Swift crash output: a clear message is all the user sees.
    static func expectNoCrash(_ r: Tool.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for marker in ["Fatal error", "Stack dump", "Backtrace", "Current stack trace", "💣"] {
            #expect(!r.stderr.contains(marker), "crash output in: \(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    struct ConfigCase: CustomTestStringConvertible, Sendable {
        var name: String
        var kafka: String = "  bootstrap: 127.0.0.1:9092"
        var topicsExtra: String = ""
        var stage: (@Sendable (String) -> String)?
        /// Parts of the message: key path, what is wrong.
        var expected: [String]
        var testDescription: String { name }
    }

    static let configCases: [ConfigCase] = [
        ConfigCase(name: "unknown key in a stage", stage: { p in "- { name: normalize, worker: wire-normalize, inptu: \(p).raw, output: \(p).out }" },
                   expected: ["pipelines.wire.stages[0].inptu", "unknown key", "did you mean 'input'"]),
        ConfigCase(name: "unknown key under kafka", kafka: "  bootstrap: 127.0.0.1:9092\n  propertys: { client.id: x }",
                   expected: ["kafka.propertys", "unknown key", "did you mean 'properties'"]),
        ConfigCase(name: "wrong type (partitions: four)", topicsExtra: "  extra.topic: { partitions: four }",
                   expected: ["topics.extra.topic.partitions", "expected an integer"]),
        ConfigCase(name: "wrong type (concurrency: true)", stage: { p in "- { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).out, concurrency: true }" },
                   expected: ["pipelines.wire.stages[0].concurrency", "expected an integer"]),
        ConfigCase(name: "undeclared output topic", stage: { p in "- { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).outt }" },
                   expected: ["pipelines.wire.stages[0].output", "is not declared under topics", "did you mean"]),
        ConfigCase(name: "missing environment variable", kafka: "  bootstrap: ${WIRESTREAM_TEST_SURELY_UNSET_1}",
                   expected: ["kafka.bootstrap", "environment variable 'WIRESTREAM_TEST_SURELY_UNSET_1' is not set"]),
    ]

    @Test("wirectl validate and the worker reject the file with file, key path and reason; exit 2; no topics created", arguments: configCases)
    func badFile(_ c: ConfigCase) async throws {
        let broker = try await SharedBroker.instance.broker()
        let prefix = SharedBroker.uniqueName("badcfg")
        let text = Self.yaml(prefix: prefix, kafka: c.kafka, topicsExtra: c.topicsExtra, stage: c.stage?(prefix))
        let file = try Self.write(text)
        let validate = try Tool.run("wirectl", ["validate", "--config", file])
        let worker = try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire", "--bootstrap", broker.bootstrapServers])
        for (tool, r) in [("wirectl validate", validate), ("wire-normalize", worker)] {
            #expect(r.status == 2, "\(tool) exit \(r.status): \(r.stderr)")
            #expect(r.stderr.contains(file), "\(tool) does not name the file: \(r.stderr)")
            for part in c.expected { #expect(r.stderr.contains(part), "\(tool) message lacks '\(part)': \(r.stderr)") }
            Self.expectNoCrash(r)
        }
        print("bad config: \(c.name) → \(worker.stderr.split(separator: "\n").prefix(3).joined(separator: " | "))")
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: broker.bootstrapServers), logger: Logger(label: "t"))
        #expect(try await admin.listTopics().filter { $0.name.hasPrefix(prefix) }.isEmpty, "topics were created")
    }

    @Test("a worker whose broker is unreachable says so and exits 1 within 20 s; wirectl status likewise")
    func unreachableBroker() throws {
        let prefix = SharedBroker.uniqueName("badcfg")
        let file = try Self.write(Self.yaml(prefix: prefix, kafka: "  bootstrap: 127.0.0.1:1"))
        #expect(try Tool.run("wirectl", ["validate", "--config", file]).status == 0)
        let started = Date()
        let worker = try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire"])
        let seconds = Date().timeIntervalSince(started)
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("cannot reach the Kafka broker at 127.0.0.1:1"), "\(worker.stderr)")
        #expect(seconds < 20, "took \(seconds) s")
        Self.expectNoCrash(worker)
        let status = try Tool.run("wirectl", ["status", "--config", file])
        #expect(status.status == 1)
        #expect(status.stderr.contains("cannot reach the Kafka broker at 127.0.0.1:1"), "\(status.stderr)")
        print("bad config: unreachable broker → \(worker.stderr.split(separator: "\n").last ?? "") (\(String(format: "%.1f", seconds)) s)")
    }

    @Test("declared topics that do not exist on the broker: the worker refuses to start and creates nothing")
    func topicsMissingOnBroker() async throws {
        let broker = try await SharedBroker.instance.broker()
        let prefix = SharedBroker.uniqueName("badcfg")
        let file = try Self.write(Self.yaml(prefix: prefix, kafka: "  bootstrap: \(broker.bootstrapServers)"))
        let worker = try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire"])
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("'\(prefix).raw', '\(prefix).out', '\(prefix).dlq' not found on the broker"), "\(worker.stderr)")
        #expect(worker.stderr.contains("wirectl topics create"))
        Self.expectNoCrash(worker)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: broker.bootstrapServers), logger: Logger(label: "t"))
        #expect(try await admin.listTopics().filter { $0.name.hasPrefix(prefix) }.isEmpty, "topics were created")
        #expect(try await admin.listGroups("\(prefix).normalize").allSatisfy { $0.members.isEmpty }, "a group member was left behind")
        print("bad config: topics missing on the broker → \(worker.stderr.split(separator: "\n").last ?? "")")
    }

    @Test("SASL/SCRAM with a user the broker does not know (Tansu --authentication): exit 1 naming the authentication failure")
    func unknownUser() async throws {
        let broker = try await TansuBroker(authentication: true)
        defer { broker.stop() }
        let prefix = SharedBroker.uniqueName("badcfg")
        let kafka = "  bootstrap: \(broker.bootstrapServers)\n  properties: { security.protocol: SASL_PLAINTEXT, sasl.mechanisms: SCRAM-SHA-512, sasl.username: nobody, sasl.password: \"${WIRESTREAM_TEST_PASSWORD}\" }"
        let file = try Self.write(Self.yaml(prefix: prefix, kafka: kafka))
        let secret = "pw-\(UUID().uuidString)"
        let worker = try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire"], environment: ["WIRESTREAM_TEST_PASSWORD": secret])
        #expect(worker.status == 1, "exit \(worker.status): \(worker.stderr)")
        #expect(worker.stderr.lowercased().contains("authentication") || worker.stderr.contains("SASL"), "\(worker.stderr)")
        #expect(!(worker.stdout + worker.stderr).contains(secret))
        Self.expectNoCrash(worker)
        print("bad config: SCRAM user unknown to the broker → \(worker.stderr.split(separator: "\n").last ?? "")")
    }

    struct CredentialCase: CustomTestStringConvertible, Sendable {
        var name: String
        var properties: String
        var expected: String
        var testDescription: String { name }
    }

    static let credentialCases: [CredentialCase] = [
        CredentialCase(name: "SASL/PLAIN against a broker without SASL",
                       properties: "{ security.protocol: SASL_PLAINTEXT, sasl.mechanisms: PLAIN, sasl.username: wirestream, sasl.password: \"${WIRESTREAM_TEST_PASSWORD}\" }",
                       expected: "cannot reach the Kafka broker"),
        CredentialCase(name: "SASL/SCRAM against a broker without SASL",
                       properties: "{ security.protocol: SASL_PLAINTEXT, sasl.mechanisms: SCRAM-SHA-512, sasl.username: wirestream, sasl.password: \"${WIRESTREAM_TEST_PASSWORD}\" }",
                       expected: "cannot reach the Kafka broker"),
        CredentialCase(name: "TLS against a plaintext broker (system CAs)", properties: "{ security.protocol: SSL }",
                       expected: "cannot reach the Kafka broker"),
        CredentialCase(name: "TLS with a CA file that does not exist", properties: "{ security.protocol: SSL, ssl.ca.location: /nonexistent/ca.pem }",
                       expected: "ssl.ca.location"),
    ]

    @Test("wrong credentials or TLS settings: one clear message, exit 1, no secret printed, nothing created", arguments: credentialCases)
    func wrongCredentials(_ c: CredentialCase) async throws {
        let broker = try await SharedBroker.instance.broker()
        let prefix = SharedBroker.uniqueName("badcfg")
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: broker.bootstrapServers), logger: Logger(label: "t"))
        try await admin.createTopics(["raw", "out", "dlq"].map { NewTopic(name: "\(prefix).\($0)", partitions: 1) })
        let file = try Self.write(Self.yaml(prefix: prefix, kafka: "  bootstrap: \(broker.bootstrapServers)\n  properties: \(c.properties)"))
        let secret = "pw-\(UUID().uuidString)"
        let env = ["WIRESTREAM_TEST_PASSWORD": secret, "WIRESTREAM_LOG_LEVEL": "debug"]
        #expect(try Tool.run("wirectl", ["validate", "--config", file], environment: env).status == 0)
        let started = Date()
        let worker = try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire"], environment: env)
        #expect(worker.status == 1, "exit \(worker.status): \(worker.stderr)")
        #expect(worker.stderr.contains(c.expected), "\(worker.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(!(worker.stdout + worker.stderr).contains(secret), "the password was printed")
        Self.expectNoCrash(worker)
        #expect(try await admin.listGroups("\(prefix).normalize").allSatisfy { $0.members.isEmpty })
        print("bad config: \(c.name) → \(worker.stderr.split(separator: "\n").last ?? "")")
    }
}

/// Credentials come from the environment through `${…}` and never appear in any output, even with debug
/// logging in Wirestream and librdkafka (`debug: all`).
@Suite("Secrets", .serialized)
struct SecretsTests {
    @Test("sasl.password from ${ENV}: validate, status, topics list and a worker at debug level never print it")
    func passwordNeverPrinted() async throws {
        let broker = try await SharedBroker.instance.broker()
        let prefix = SharedBroker.uniqueName("secret")
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: broker.bootstrapServers), logger: Logger(label: "t"))
        try await admin.createTopics(["raw", "out", "dlq"].map { NewTopic(name: "\(prefix).\($0)", partitions: 1) })
        let kafka = """
              bootstrap: \(broker.bootstrapServers)
              properties: { security.protocol: SASL_PLAINTEXT, sasl.mechanisms: PLAIN, sasl.username: wirestream, sasl.password: "${WIRESTREAM_TEST_PASSWORD}", debug: all }
            """
        let file = try BadConfigTests.write(BadConfigTests.yaml(prefix: prefix, kafka: kafka))
        let secret = "s3cr3t-\(UUID().uuidString)"
        let env = ["WIRESTREAM_TEST_PASSWORD": secret, "WIRESTREAM_LOG_LEVEL": "trace"]
        let runs = [
            ("wirectl validate", try Tool.run("wirectl", ["validate", "--config", file], environment: env)),
            ("wirectl status", try Tool.run("wirectl", ["status", "--config", file, "--verbose"], environment: env)),
            ("wirectl topics list", try Tool.run("wirectl", ["topics", "list", "--config", file, "--verbose"], environment: env)),
            ("wire-normalize", try Tool.run("wire-normalize", ["--config", file, "--pipeline", "wire", "--log-level", "trace"], environment: env)),
        ]
        #expect(runs[0].1.status == 0, "\(runs[0].1.stderr)")
        for (name, r) in runs {
            #expect(!(r.stdout + r.stderr).contains(secret), "\(name) printed the password")
            #expect(!(r.stdout + r.stderr).contains(String(secret.suffix(12))), "\(name) printed part of the password")
        }
        let worker = runs[3].1
        #expect(worker.status == 1)
        // The debug output is really there (librdkafka's SASL handshake at least), so the check means something.
        #expect(worker.stderr.contains("SASL"), "no librdkafka debug output to check: \(worker.stderr.suffix(500))")
        print("secrets: \(runs.map { "\($0.0): exit \($0.1.status), \(($0.1.stdout + $0.1.stderr).utf8.count) bytes of output" }.joined(separator: "; ")); password never printed")
    }
}
