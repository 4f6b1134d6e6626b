import Foundation
import PipelineConfig
import Testing

@Suite("pipelines.yaml")
struct PipelineConfigTests {
    static let valid = """
        kafka:
          bootstrap: ${BROKER:-localhost:9092}
          properties: { sasl.password: "${SECRET}", linger.ms: 10 }
        topics:
          articles.raw: { partitions: 3 }
          articles.normalized: { partitions: 3 }
          articles.enriched: { partitions: 3, config: { retention.ms: 604800000 } }
          articles.dlq: {}
        pipelines:
          wire:
            dead_letter: articles.dlq
            stages:
              - { name: normalize, worker: wire-normalize, input: articles.raw, output: articles.normalized }
              - name: dedupe
                worker: wire-dedupe
                input: articles.normalized
                output: articles.enriched
                instances: 2
                parameters: { retention_days: 3 }
        """

    @Test("a valid file decodes with defaults and ${ENV} interpolation")
    func valid() throws {
        let config = try PipelineConfigLoader.parse(Self.valid, environment: ["SECRET": "s3cret"])
        #expect(config.kafka.bootstrap == "localhost:9092")
        #expect(config.kafka.properties == ["sasl.password": "s3cret", "linger.ms": "10"])
        #expect(config.topics.map(\.name) == ["articles.raw", "articles.normalized", "articles.enriched", "articles.dlq"])
        #expect(config.topic(named: "articles.enriched")?.config["retention.ms"] == "604800000")
        let wire = try #require(config.pipeline(named: "wire"))
        #expect(wire.source == "articles.raw")
        #expect(wire.finalTopic == "articles.enriched")
        #expect(wire.stages[1].group == "wirestream.wire.dedupe")
        #expect(wire.stages[1].deadLetter == "articles.dlq")
        #expect(wire.stages[1].instances == 2)
        #expect(wire.stages[1].parameters.values["retention_days"]?.intValue == 3)
        #expect(wire.stages[1].kind == "dedupe")
        let (p, s) = try config.stage(forWorker: "wire-normalize", pipeline: nil)
        #expect(p.name == "wire" && s.name == "normalize")
    }

    @Test("every problem is reported at once, with key path, line and a suggestion")
    func allProblems() {
        let yaml = """
            kafka:
              bootstrap: localhost:9092
              propertes: {}
            topics:
              articles.raw: { partitions: 0 }
              articles.normalized: { partitions: three }
            pipelines:
              wire:
                stages:
                  - { name: normalize, worker: wire-normalize, input: articles.raw, output: articles.normalised }
                  - { name: entities, worker: wire-entities, input: articles.normalized, output: articles.entities, delivery: twice }
            """
        do {
            _ = try PipelineConfigLoader.parse(yaml, file: "bad.yaml")
            Issue.record("accepted a bad file")
        } catch {
            let text = error.description
            #expect(text.contains("bad.yaml"))
            #expect(text.contains("kafka.propertes: unknown key (did you mean 'properties'?)"))
            #expect(text.contains("topics.articles.raw.partitions: expected an integer ≥ 1, got 0"))
            #expect(text.contains("topics.articles.normalized.partitions: expected an integer ≥ 1, got a string"))
            #expect(text.contains("pipelines.wire.stages[0].output: topic 'articles.normalised' is not declared under topics (did you mean 'articles.normalized'?)"))
            #expect(text.contains("pipelines.wire.stages[1].delivery: expected one of at_least_once, exactly_once, got 'twice'"))
            #expect(text.contains("pipelines.wire.stages[1].input: no stage produces topic 'articles.normalized'"))
            #expect(text.contains("bad.yaml:3:"))
            #expect(error.issues.count >= 6)
        }
    }

    @Test("a changelog topic is declared, compacted, the stage's own and not its input or output")
    func changelog() throws {
        let yaml = """
            kafka: { bootstrap: "k:9092" }
            topics: { a: {}, b: {}, c: {}, log: { config: { cleanup.policy: compact } } }
            pipelines:
              p:
                stages:
                  - { name: one, worker: wire-dedupe, input: a, output: b, changelog: c }
                  - { name: two, worker: wire-dedupe, input: b, output: c, changelog: b }
                  - { name: three, worker: wire-dedupe, input: c, output: log, changelog: lgo }
            """
        do {
            _ = try PipelineConfigLoader.parse(yaml)
            Issue.record("accepted bad changelogs")
        } catch {
            #expect(error.description.contains("pipelines.p.stages[0].changelog: the changelog topic 'c' must be compacted"))
            #expect(error.description.contains("pipelines.p.stages[1].changelog: the changelog topic must differ from the stage's input, output and dead-letter topics"))
            #expect(error.description.contains("topic 'lgo' is not declared under topics"))
        }
        let good = try PipelineConfigLoader.parse("""
            kafka: { bootstrap: "k:9092" }
            topics: { a: {}, b: {}, log: { config: { cleanup.policy: compact } } }
            pipelines: { p: { stages: [{ name: one, worker: wire-dedupe, input: a, output: b, changelog: log }] } }
            """)
        #expect(good.pipelines.first?.stages.first?.changelog == "log")
    }

    @Test("graph checks: cycles and two writers of one topic")
    func graph() {
        let yaml = """
            kafka: { bootstrap: "k:9092" }
            topics: { a: {}, b: {}, c: {} }
            pipelines:
              p:
                stages:
                  - { name: one, worker: w1, input: a, output: b }
                  - { name: two, worker: w2, input: b, output: a }
              q:
                stages:
                  - { name: three, worker: w3, input: c, output: b }
            """
        do {
            _ = try PipelineConfigLoader.parse(yaml)
            Issue.record("accepted a cyclic graph")
        } catch {
            #expect(error.description.contains("the stages form a cycle"))
            #expect(error.description.contains("pipelines.q.stages[0].output: topic 'b' is already written by pipelines.p.stages[0]"))
        }
    }

    @Test("missing environment variables and YAML syntax errors are reported with the file")
    func environmentAndSyntax() {
        #expect {
            try PipelineConfigLoader.parse(Self.valid, file: "p.yaml", environment: [:])
        } throws: { error in
            "\(error)".contains("kafka.properties.sasl.password: environment variable 'SECRET' is not set")
        }
        #expect {
            try PipelineConfigLoader.parse("kafka: [unclosed", file: "p.yaml")
        } throws: { error in
            "\(error)".contains("p.yaml") && "\(error)".contains("invalid YAML")
        }
    }

    @Test("the repository's pipelines.yaml is valid")
    func repositoryFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = try PipelineConfigLoader.load(file: root.appendingPathComponent("pipelines.yaml").path, environment: [:])
        #expect(config.pipelines.first?.stages.map(\.worker) == ["wire-normalize", "wire-entities", "wire-classify", "wire-dedupe"])
    }
}

@Suite("pipelines.yaml numbers")
struct PipelineConfigNumberTests {
    @Test("a number too large for an integer is a clear configuration error, not a crash")
    func hugeNumbers() {
        let yaml = """
            kafka:
              bootstrap: 1e30
              properties: { linger.ms: 1e300, retries: .inf, ratio: 0.5 }
            topics:
              a: {}
              b: {}
            pipelines:
              wire:
                stages:
                  - { name: normalize, worker: wire-normalize, input: a, output: b }
            """
        do {
            _ = try PipelineConfigLoader.parse(yaml)
            Issue.record("accepted out-of-range numbers")
        } catch {
            let text = "\(error)"
            #expect(text.contains("kafka.bootstrap") && text.contains("out of range"), "\(text)")
            #expect(text.contains("kafka.properties.linger.ms"), "\(text)")
            #expect(text.contains("kafka.properties.retries"), "\(text)")
            #expect(!text.contains("ratio"), "\(text)")
        }
    }
}
