import ArgumentParser
import PipelineConfig
import StageKit
import StandardStages
import WireSources

/// `wirectl validate`: checks pipelines.yaml (keys, types, topics, stage graph, stage parameters).
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the pipeline configuration and report every problem at once.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.loadConfiguration()
        var problems: [String] = []
        for pipeline in config.pipelines {
            for stage in pipeline.stages where stage.kind == "dedupe" && stage.instances > 1 && stage.changelog == nil {
                problems.append("  \(config.file): \(stage.path).instances: dedupe with several instances needs a changelog topic (`changelog:`, declared with cleanup.policy: compact): each instance keeps its own state, and the one that takes over restores it from the changelog")
            }
            for stage in pipeline.stages where stage.kind == "dedupe" && stage.instances > 1 {
                for input in stage.inputs where (config.topic(named: input)?.partitions ?? 1) > 1 {
                    problems.append("  \(config.file): \(stage.path).instances: dedupe with several instances needs a one-partition input topic ('\(input)' has \(config.topic(named: input)?.partitions ?? 0)): one instance decides in arrival order, the others stand by")
                }
            }
            for stage in pipeline.stages where StandardStages.kinds.contains(stage.kind) {
                let context = StageContext(pipeline: pipeline.name, stage: stage.name, stateDirectory: StageContext.defaultStateDirectory(pipeline: pipeline.name, stage: stage.name))
                do {
                    var params = stage.parameters
                    if stage.kind == "dedupe" { params.values["in_memory"] = true }
                    let built = try StandardStages.make(kind: stage.kind, parameters: params, context: context)
                    try await built.shutdown()
                } catch {
                    problems.append("  \(config.file): \(error)")
                }
            }
        }
        problems += SourceFactory.problems(in: config).map { "  \(config.file): \($0)" }
        if !problems.isEmpty {
            throw CommandFailure("\(config.file): \(problems.count) problem\(problems.count == 1 ? "" : "s")\n" + problems.joined(separator: "\n"), code: 2)
        }
        print("\(config.file): OK — \(config.topics.count) topics, \(config.pipelines.count) pipeline\(config.pipelines.count == 1 ? "" : "s")")
        for pipeline in config.pipelines {
            print("pipeline \(pipeline.name): \(pipeline.source) → \(pipeline.finalTopic)")
            for stage in pipeline.stages {
                let dlq = stage.deadLetter.map { ", dead letters → \($0)" } ?? ""
                print("  \(stage.name) (\(stage.worker)): \(stage.inputs.joined(separator: ", ")) → \(stage.output), group \(stage.group)\(dlq)")
            }
        }
        for source in config.sources {
            switch source.origin {
            case .directory(let d): print("source \(source.name) (wire-ingest): directory \(d.directory) every \(d.pollSeconds) s → \(source.topic)")
            case .feed(let f): print("source \(source.name) (wire-ingest): \(f.url) every \(f.intervalSeconds) s → \(source.topic)")
            }
        }
    }
}
