import Foundation
import LocalBroker
import PipelineConfig
import WireCtlCommands

extension TestPipeline {
    /// Starts one more process for `stage` (e.g. after the test killed it), as ``startWorkers(broker:environment:)`` does.
    /// `displayName`: the prefix of its log lines (default: the stage name).
    @discardableResult
    public func launchWorker(
        stage name: String, stack: LocalStack, bootstrap: String, instance: Int = 0, displayName: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Process {
        guard let (pipeline, stage) = config.pipelines.lazy.compactMap({ p in p.stages.first { $0.name == name }.map { (p, $0) } }).first else {
            throw TestSupportError("no stage '\(name)' in the test pipeline")
        }
        return try stack.launch(
            stage: displayName ?? name, instance: instance, executable: LocalStack.executableDirectory.appendingPathComponent(stage.worker),
            arguments: ["--config", configFile.path, "--bootstrap", bootstrap, "--pipeline", pipeline.name, "--instance", "\(instance)"],
            stateDirectory: stateDirectory, extraEnvironment: environment)
    }

    /// One `wire-stats` stage (quick in debug builds) from the raw to the final topic, its topics created.
    public static func stats(broker: TansuBroker, instances: Int = 1, partitions: Int? = nil) async throws -> TestPipeline {
        let pipeline = try TestPipeline(broker: broker, partitions: partitions) { p in
            """
                - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).enriched, group: \(p).stats, instances: \(instances) }
            """
        }
        try await pipeline.createTopics()
        return pipeline
    }

    /// The four stage names of the default pipeline, in order.
    public static let defaultStages = ["normalize", "entities", "classify", "dedupe"]
}

/// A failure in a test helper.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
