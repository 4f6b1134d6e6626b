import Foundation

/// What a stage factory gets besides its parameters: where it runs and where it may keep state.
public struct StageContext: Sendable {
    /// The pipeline's name.
    public var pipeline: String
    /// The stage's name in the pipeline.
    public var stage: String
    /// A directory the stage owns for persistent state (created on demand by the stage).
    public var stateDirectory: URL
    /// Which instance of the stage this is (0-based), when several run.
    public var instance: Int
    /// The stage's state changelog (`changelog:` in pipelines.yaml), when it declares one: the source of truth
    /// for its state across instances; the state directory is then a local cache.
    public var changelog: (any StateChangelog)?

    public init(pipeline: String, stage: String, stateDirectory: URL, instance: Int = 0, changelog: (any StateChangelog)? = nil) {
        self.pipeline = pipeline
        self.stage = stage
        self.stateDirectory = stateDirectory
        self.instance = instance
        self.changelog = changelog
    }

    /// `state/<pipeline>.<stage>` under `$WIRESTREAM_STATE_DIR` (default `./state`); instances other than 0
    /// get `state/<pipeline>.<stage>.<instance>`, so instances on one host keep separate state.
    public static func defaultStateDirectory(pipeline: String, stage: String, instance: Int = 0) -> URL {
        let root = ProcessInfo.processInfo.environment["WIRESTREAM_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "state"
        return URL(fileURLWithPath: root).appendingPathComponent(instance == 0 ? "\(pipeline).\(stage)" : "\(pipeline).\(stage).\(instance)")
    }
}
