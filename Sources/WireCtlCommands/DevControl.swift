import Foundation

/// What a running `wirectl dev` tells the other `wirectl` commands started next to the same
/// configuration: its broker and its worker processes, in `.wirestream/dev.json` beside the
/// configuration file. `wirectl replay --stop-workers` uses it to stop a stage's workers and have
/// `dev` start them again once the group is reset (through a pause marker per stage).
struct DevControl: Codable, Sendable {
    struct WorkerEntry: Codable, Sendable {
        var pipeline: String
        var stage: String
        var instance: Int
        var pid: Int32
    }

    var pid: Int32
    var bootstrap: String
    var workers: [WorkerEntry]

    /// `.wirestream/` beside the configuration file.
    static func directory(config: String) -> URL {
        URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent(".wirestream")
    }

    static func file(config: String) -> URL { directory(config: config).appendingPathComponent("dev.json") }

    /// The running dev stack for this configuration, if there is one (its process is alive).
    static func running(config: String) -> DevControl? {
        guard let data = FileManager.default.contents(atPath: file(config: config).path),
              let control = try? JSONDecoder().decode(DevControl.self, from: data),
              kill(control.pid, 0) == 0 else { return nil }
        return control
    }

    func write(config: String) throws {
        try FileManager.default.createDirectory(at: Self.directory(config: config), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: Self.file(config: config), options: .atomic)
    }

    static func remove(config: String) {
        try? FileManager.default.removeItem(at: file(config: config))
        try? FileManager.default.removeItem(at: directory(config: config).appendingPathComponent("dev-paused"))
    }

    // MARK: pausing a stage

    /// A stage's pause marker: "stopped" while `replay` works on its group, "resume" when `dev` may
    /// start its workers again; `dev` deletes it once they run.
    static func pauseMarker(config: String, pipeline: String, stage: String) -> URL {
        directory(config: config).appendingPathComponent("dev-paused").appendingPathComponent("\(pipeline).\(stage)")
    }

    static func setPause(config: String, pipeline: String, stage: String, state: String) throws {
        let marker = pauseMarker(config: config, pipeline: pipeline, stage: stage)
        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(state.utf8).write(to: marker, options: .atomic)
    }

    /// "stopped", "resume", or nil when the stage is not paused.
    static func pauseState(config: String, pipeline: String, stage: String) -> String? {
        FileManager.default.contents(atPath: pauseMarker(config: config, pipeline: pipeline, stage: stage).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
