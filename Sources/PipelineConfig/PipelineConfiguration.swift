import ArticleSchema
import StageKit

/// The whole of `pipelines.yaml`: the one place the topology lives. Decode it with
/// ``PipelineConfigLoader``, which validates it once and reports every problem at once.
public struct PipelineConfiguration: Sendable, Equatable {
    public var kafka: KafkaSettings
    /// Declared topics by name, in file order.
    public var topics: [TopicSettings]
    /// Pipelines in file order.
    public var pipelines: [Pipeline]
    /// `sources:` — drop directories and feeds `wire-ingest` reads, in file order (empty when the section is absent).
    public var sources: [SourceSettings] = []
    /// The file it was read from.
    public var file: String

    public func topic(named name: String) -> TopicSettings? { topics.first { $0.name == name } }
    public func pipeline(named name: String) -> Pipeline? { pipelines.first { $0.name == name } }
    public func source(named name: String) -> SourceSettings? { sources.first { $0.name == name } }

    /// The pipeline and stage a worker runs: by pipeline name when given, else the only pipeline that has a
    /// stage run by `worker`.
    public func stage(forWorker worker: String, pipeline: String?) throws(PipelineSelectionError) -> (Pipeline, StageSettings) {
        let candidates = pipelines.filter { pipeline == nil || $0.name == pipeline }
        if let pipeline, candidates.isEmpty {
            throw .noSuchPipeline(pipeline, known: pipelines.map(\.name))
        }
        var matches: [(Pipeline, StageSettings)] = []
        for p in candidates { for s in p.stages where s.worker == worker { matches.append((p, s)) } }
        guard let first = matches.first else { throw .noStage(worker: worker, pipeline: pipeline) }
        guard matches.count == 1 else { throw .ambiguous(worker: worker, matches: matches.map { "\($0.0.name).\($0.1.name)" }) }
        return first
    }
}

/// Why a worker cannot find its stage in the configuration.
public enum PipelineSelectionError: Error, Sendable, CustomStringConvertible {
    case noSuchPipeline(String, known: [String])
    case noStage(worker: String, pipeline: String?)
    case ambiguous(worker: String, matches: [String])

    public var description: String {
        switch self {
        case .noSuchPipeline(let name, let known):
            "no pipeline named '\(name)'\(Suggestion.closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""); pipelines: \(known.joined(separator: ", "))"
        case .noStage(let worker, let pipeline):
            "no stage runs worker '\(worker)'\(pipeline.map { " in pipeline '\($0)'" } ?? "")"
        case .ambiguous(let worker, let matches):
            "worker '\(worker)' runs several stages (\(matches.joined(separator: ", "))); choose one with --pipeline"
        }
    }
}

/// `kafka:` — how to reach the cluster. `properties` go to librdkafka verbatim.
public struct KafkaSettings: Sendable, Equatable {
    public var bootstrap: String
    /// librdkafka properties for every client (security, compression, …).
    public var properties: [String: String]
    /// Extra properties for consumers only.
    public var consumer: [String: String]
    /// Extra properties for producers only.
    public var producer: [String: String]
}

/// `topics.<name>:`
public struct TopicSettings: Sendable, Equatable {
    public var name: String
    public var partitions: Int
    /// -1 uses the broker's default.
    public var replicationFactor: Int
    /// Topic configs such as `retention.ms` or `cleanup.policy`.
    public var config: [String: String]
}

/// `pipelines.<name>:`
public struct Pipeline: Sendable, Equatable {
    public var name: String
    public var stages: [StageSettings]
    /// The topic records enter by (the first stage's input).
    public var source: String { stages.first?.inputs.first ?? "" }
    /// The pipeline's final topic: the last stage's output.
    public var finalTopic: String { stages.last?.output ?? "" }
    /// Every topic the pipeline reads or writes, including dead-letter topics.
    public var topics: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for s in stages {
            for t in s.inputs + [s.output] + (s.deadLetter.map { [$0] } ?? []) where seen.insert(t).inserted { out.append(t) }
        }
        return out
    }
}

/// How a stage's output and input offsets are tied together.
public enum DeliveryMode: String, Sendable, Equatable, CaseIterable {
    /// Commit input offsets after the output is acknowledged; a crash may repeat records, never lose them.
    case atLeastOnce = "at_least_once"
    /// Output and input offsets in one Kafka transaction; downstream readers with `isolation.level=read_committed` see each record once.
    case exactlyOnce = "exactly_once"
}

/// `pipelines.<name>.stages[i]`
public struct StageSettings: Sendable, Equatable {
    public var name: String
    /// Executable that runs the stage, e.g. `wire-normalize`.
    public var worker: String
    public var inputs: [String]
    public var output: String
    /// Consumer group; defaults to `wirestream.<pipeline>.<stage>`.
    public var group: String
    public var deadLetter: String?
    /// Compacted topic the stage writes its state changes to and restores from (`changelog:`), so an instance
    /// on another host can take over its state; nil when the stage keeps no state or only locally.
    public var changelog: String?
    public var delivery: DeliveryMode
    /// Worker processes `wirectl dev` starts for this stage.
    public var instances: Int
    /// Records processed at once per worker (different keys only; same key stays in order).
    public var concurrency: Int
    public var parameters: StageParameters
    /// The configuration key path of this stage, e.g. `pipelines.wire.stages[1]`.
    public var path: String

    /// The stage kind the worker implements: its executable name without `wire-`.
    public var kind: String { worker.hasPrefix("wire-") ? String(worker.dropFirst(5)) : worker }
}
