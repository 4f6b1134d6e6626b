import Foundation
import PipelineConfig

/// Worker processes of a pipeline configuration, started as separate executables against one broker,
/// their output prefixed with the stage name. Used by `wirectl dev` and the end-to-end tests.
public final class LocalStack: @unchecked Sendable {
    public struct Worker {
        /// Display name: the stage, with `#instance` when it runs several.
        public var stage: String
        public var instance: Int
        public var process: Foundation.Process
        /// Pipeline and stage as named in the configuration.
        public var pipeline: String = ""
        public var stageName: String = ""
        fileprivate var launch: Launch? = nil
    }

    fileprivate struct Launch {
        var executable: URL
        var arguments: [String]
        var stateDirectory: URL
        var environment: [String: String]
    }

    public private(set) var workers: [Worker] = []
    private let lock = NSLock()
    private let output: FileHandle?

    /// - Parameter output: where worker logs go, each line prefixed with `[stage]`; nil discards them.
    public init(output: FileHandle? = .standardError) {
        self.output = output
    }

    /// Directory holding the worker executables: the one this program runs from.
    public static var executableDirectory: URL {
        let path = CommandLine.arguments.first ?? "wirectl"
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        return (Bundle.main.executableURL ?? url).deletingLastPathComponent()
    }

    /// Starts every stage of `pipelines` (all when empty), `instances` processes each, and `wire-ingest`
    /// when the configuration declares `sources:` feeding those pipelines.
    public func start(
        configFile: String, configuration: PipelineConfiguration, pipelines: [String] = [], bootstrap: String,
        workerDirectory: URL, stateDirectory: URL, extraEnvironment: [String: String] = [:]
    ) throws {
        for p in configuration.pipelines where pipelines.isEmpty || pipelines.contains(p.name) {
            for s in p.stages {
                let executable = workerDirectory.appendingPathComponent(s.worker)
                guard FileManager.default.isExecutableFile(atPath: executable.path) else {
                    throw CommandFailure("worker executable '\(s.worker)' not found in \(workerDirectory.path); build it with `swift build`")
                }
                for i in 0..<s.instances {
                    let process = try launch(stage: s.instances > 1 ? "\(s.name)#\(i)" : s.name, instance: i, executable: executable, arguments: [
                        "--config", configFile, "--bootstrap", bootstrap, "--pipeline", p.name, "--instance", "\(i)",
                    ], stateDirectory: stateDirectory, extraEnvironment: extraEnvironment)
                    lock.withLock {
                        guard let index = workers.firstIndex(where: { $0.process === process }) else { return }
                        workers[index].pipeline = p.name
                        workers[index].stageName = s.name
                    }
                }
            }
        }
        let inputs = Set(configuration.pipelines.filter { pipelines.isEmpty || pipelines.contains($0.name) }.map(\.source))
        let sources = configuration.sources.filter { inputs.contains($0.topic) }
        if !sources.isEmpty {
            let executable = workerDirectory.appendingPathComponent("wire-ingest")
            guard FileManager.default.isExecutableFile(atPath: executable.path) else {
                throw CommandFailure("worker executable 'wire-ingest' not found in \(workerDirectory.path); build it with `swift build`")
            }
            let process = try launch(
                stage: "ingest", instance: 0, executable: executable,
                arguments: ["--config", configFile, "--bootstrap", bootstrap] + sources.flatMap { ["--source", $0.name] },
                stateDirectory: stateDirectory, extraEnvironment: extraEnvironment)
            lock.withLock {
                guard let index = workers.firstIndex(where: { $0.process === process }) else { return }
                workers[index].stageName = "ingest"
            }
        }
    }

    /// Starts one worker process.
    @discardableResult
    public func launch(stage: String, instance: Int, executable: URL, arguments: [String], stateDirectory: URL, extraEnvironment: [String: String] = [:]) throws -> Foundation.Process {
        let process = Foundation.Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["WIRESTREAM_STATE_DIR"] = stateDirectory.path
        for (k, v) in extraEnvironment { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = self.output
        let prefix = "[\(stage)] "
        let pending = LineBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            let lines = pending.append(data)
            if let output, !lines.isEmpty {
                output.write(Data(lines.map { prefix + $0 + "\n" }.joined().utf8))
            }
        }
        do {
            try process.run()
        } catch {
            throw CommandFailure("cannot start \(executable.lastPathComponent): \(error)")
        }
        let launch = Launch(executable: executable, arguments: arguments, stateDirectory: stateDirectory, environment: extraEnvironment)
        lock.withLock { workers.append(Worker(stage: stage, instance: instance, process: process, launch: launch)) }
        return process
    }

    /// Starts the exited workers of one stage again, as they were started the first time.
    public func restart(pipeline: String, stage: String) throws {
        let stopped = lock.withLock { workers.filter { $0.pipeline == pipeline && $0.stageName == stage && !$0.process.isRunning } }
        for old in stopped {
            guard let l = old.launch else { continue }
            let process = try launch(stage: old.stage, instance: old.instance, executable: l.executable, arguments: l.arguments, stateDirectory: l.stateDirectory, extraEnvironment: l.environment)
            lock.withLock {
                workers.removeAll { $0.process === old.process }
                if let index = workers.firstIndex(where: { $0.process === process }) {
                    workers[index].pipeline = pipeline
                    workers[index].stageName = stage
                }
            }
        }
    }

    /// Workers that are not running, with where they belong.
    public var stoppedWorkers: [Worker] {
        lock.withLock { workers.filter { !$0.process.isRunning } }
    }

    /// Workers that exited although nobody asked them to.
    public var exited: [(stage: String, status: Int32)] {
        lock.withLock { workers.filter { !$0.process.isRunning }.map { ($0.stage, $0.process.terminationStatus) } }
    }

    /// SIGTERM to every worker, then waits up to `timeout` seconds; SIGKILL for any still running.
    /// Returns each worker's exit status.
    @discardableResult
    public func stop(timeout: TimeInterval = 10) -> [(stage: String, status: Int32)] {
        let all = lock.withLock { workers }
        for w in all where w.process.isRunning { w.process.terminate() }
        let deadline = Date().addingTimeInterval(timeout)
        while all.contains(where: { $0.process.isRunning }) && Date() < deadline { usleep(50_000) }
        for w in all where w.process.isRunning { kill(w.process.processIdentifier, SIGKILL) }
        for w in all { w.process.waitUntilExit() }
        lock.withLock { workers.removeAll() }
        return all.map { ($0.stage, $0.process.terminationStatus) }
    }
}

/// Splits a byte stream into lines.
private final class LineBuffer: @unchecked Sendable {
    private var buffer = Data()
    private let lock = NSLock()

    func append(_ data: Data) -> [String] {
        lock.withLock {
            buffer.append(data)
            var lines: [String] = []
            while let newline = buffer.firstIndex(of: 0x0A) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
            return lines
        }
    }
}
