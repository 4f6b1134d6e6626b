import ArgumentParser
import ArticleSchema
import Foundation
import Kafka
import PipelineConfig

/// `wirectl replay`: reprocesses a stage's input from a point in its history, either by moving the
/// stage's own consumer group back (its workers reprocess into the configured output) or, with
/// `--to-topic`, by running the stage once more into another topic from a group of its own.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reprocess a stage's input from a point in time, then follow progress to 100%.",
        discussion: """
            --from takes 'beginning', an ISO 8601 time (2026-02-05T00:00:00Z) or explicit positions \
            'partition:offset,…'.

            Without --to-topic the stage's consumer group is reset, which Kafka allows only while the group \
            has no live members: stop the stage's workers first (with `wirectl dev`, --stop-workers does it \
            and starts them again after the reset), then start them; progress follows the group's lag.

            With --to-topic T the stage's worker executable runs here, from a consumer group of its own \
            ('<group>.replay.<T>'), over the range from --from to the input's current end, writing to T \
            (created like the stage's output if missing); the live workers are not touched. This is the \
            "a model changed, reprocess the last 30 days" workflow: replay into articles.entities.v2, let \
            downstream stages follow from it, cut over (README, "Replay").

            Ids are stable, so downstream upserts stay correct, and dedupe gives replayed articles the \
            verdict they got the first time.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Pipeline of the stage (default: the one that has it).")
    var pipeline: String?

    @Option(help: "Stage to replay.")
    var stage: String

    @Option(help: "beginning | ISO 8601 time | partition:offset,…")
    var from: String

    @Option(help: "Write the replayed records to this topic from a separate consumer group, leaving the live workers alone.")
    var toTopic: String?

    @Flag(help: "With `wirectl dev` running: stop the stage's workers for the reset and start them again after it.")
    var stopWorkers = false

    @Flag(help: "Only reset; do not wait and show progress (not with --to-topic).")
    var noWait = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        let candidates = config.pipelines.filter { pipeline == nil || $0.name == pipeline }
        guard let (p, s) = candidates.lazy.compactMap({ p in p.stages.first { $0.name == self.stage }.map { (p, $0) } }).first else {
            let names = candidates.flatMap { $0.stages.map(\.name) }
            throw CommandFailure("no stage '\(stage)'\(didYouMean(stage, names)); stages: \(names.joined(separator: ", "))", code: 2)
        }
        if toTopic != nil && (stopWorkers || noWait) {
            throw CommandFailure("--to-topic runs its own worker: it takes neither --stop-workers nor --no-wait", code: 2)
        }
        let target = try parseTarget(s)
        let admin = try KafkaAdmin(configuration: common.kafkaConfiguration(config), logger: common.logger)
        if let toTopic {
            try await replay(p, s, into: toTopic, from: target, config: config, admin: admin)
        } else {
            try await replayInPlace(p, s, from: target, admin: admin)
        }
    }

    // MARK: in place

    private func replayInPlace(_ p: Pipeline, _ s: StageSettings, from target: OffsetResetTarget, admin: KafkaAdmin) async throws {
        var paused = false
        if stopWorkers {
            try await stopDevWorkers(p, s, admin: admin)
            paused = true
        }
        let positions: [TopicPartition]
        do {
            positions = try await admin.resetGroupOffsets(group: s.group, topics: s.inputs, to: target)
        } catch {
            if paused { try? DevControl.setPause(config: common.config, pipeline: p.name, stage: s.name, state: "resume") }
            let hint = "\(error)".contains("live member")
                ? " (stop the stage's workers first; with `wirectl dev` running, add --stop-workers)" : ""
            throw CommandFailure("cannot replay \(p.name).\(s.name): \(error)\(hint)")
        }
        let total = try await remaining(positions, admin: admin).total
        print("reset group \(s.group) on \(s.inputs.joined(separator: ", ")): \(total) record\(total == 1 ? "" : "s") to reprocess")
        for pos in positions { print("  \(pos.topic)[\(pos.partition)] → offset \(pos.offset ?? -1)") }
        if paused { try await resumeDevWorkers(p, s) }
        if noWait || total == 0 { return }
        print("waiting for the stage's workers to consume them (start them if they are stopped; Ctrl-C to stop watching)")
        let progress = ProgressLine(total: total)
        while true {
            let lag = try await StatusTable.sample(admin, stage: s).lag
            progress.show(done: total - lag)
            if lag <= 0 { break }
            try await Task.sleep(for: .seconds(1))
        }
        progress.finish()
        print("replay of \(p.name).\(s.name) complete: \(total) records")
    }

    /// Stops the stage's workers of the running `wirectl dev` stack and waits until its group is empty.
    private func stopDevWorkers(_ p: Pipeline, _ s: StageSettings, admin: KafkaAdmin) async throws {
        guard let control = DevControl.running(config: common.config) else {
            throw CommandFailure(
                "--stop-workers works with the local stack of `wirectl dev`, and none is running for \(common.config); "
                    + "stop the stage's workers in your deployment (e.g. scale its Deployment to 0 replicas), then replay without it",
                code: 2)
        }
        let pids = control.workers.filter { $0.pipeline == p.name && $0.stage == s.name }.map(\.pid)
        try DevControl.setPause(config: common.config, pipeline: p.name, stage: s.name, state: "stopped")
        for pid in pids { kill(pid, SIGTERM) }
        printError("stopping \(pids.count) worker\(pids.count == 1 ? "" : "s") of \(p.name).\(s.name) in the dev stack …")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let alive = pids.filter { kill($0, 0) == 0 }
            let members = try await admin.listGroups(s.group).first { $0.groupID == s.group }?.members.count ?? 0
            if alive.isEmpty && members == 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        try? DevControl.setPause(config: common.config, pipeline: p.name, stage: s.name, state: "resume")
        throw CommandFailure("the workers of \(p.name).\(s.name) did not stop within 30 s; nothing was reset")
    }

    /// Lets `wirectl dev` start the stage's workers again and waits until it did.
    private func resumeDevWorkers(_ p: Pipeline, _ s: StageSettings) async throws {
        try DevControl.setPause(config: common.config, pipeline: p.name, stage: s.name, state: "resume")
        let deadline = Date().addingTimeInterval(15)
        while DevControl.pauseState(config: common.config, pipeline: p.name, stage: s.name) != nil {
            if Date() > deadline {
                throw CommandFailure("`wirectl dev` did not restart the workers of \(p.name).\(s.name) within 15 s; is it still running?")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        printError("the dev stack restarted the workers of \(p.name).\(s.name)")
    }

    // MARK: into another topic

    private func replay(_ p: Pipeline, _ s: StageSettings, into topic: String, from target: OffsetResetTarget, config: PipelineConfiguration, admin: KafkaAdmin) async throws {
        guard !s.inputs.contains(topic) else {
            throw CommandFailure("--to-topic '\(topic)' is an input of \(p.name).\(s.name); choose a new topic such as \(s.output).v2", code: 2)
        }
        let group = "\(s.group).replay.\(topic)"
        // The new topic gets the shape of the stage's output topic.
        let shape = config.topics.first { $0.name == s.output }
        let described = try await admin.describeTopic(s.output)
        let created = try await admin.ensureTopics([NewTopic(
            name: topic, partitions: shape?.partitions ?? described?.partitions.count ?? 1,
            replicationFactor: shape?.replicationFactor ?? -1, configs: shape?.config ?? [:])])
        if !created.isEmpty { print("created topic \(topic)") }

        let positions: [TopicPartition]
        do {
            positions = try await admin.resetGroupOffsets(group: group, topics: s.inputs, to: target)
        } catch {
            throw CommandFailure("cannot replay \(p.name).\(s.name) into \(topic): \(error)")
        }
        let (total, ends) = try await remaining(positions, admin: admin)
        print("replaying \(p.name).\(s.name) from \(from) into \(topic) (group \(group)): \(total) record\(total == 1 ? "" : "s")")
        if total == 0 {
            print("replay of \(p.name).\(s.name) into \(topic) complete: 0 records")
            return
        }

        let executable = try workerExecutable(s.worker)
        let stack = LocalStack(output: .standardError)
        try stack.launch(
            stage: "\(s.name) replay", instance: 0, executable: executable,
            arguments: ["--config", common.config, "--bootstrap", common.bootstrapServers(config), "--pipeline", p.name,
                        "--output-topic", topic, "--group", group],
            stateDirectory: URL(fileURLWithPath: ProcessInfo.processInfo.environment["WIRESTREAM_STATE_DIR"] ?? "state"),
            extraEnvironment: ["WIRESTREAM_LOG_LEVEL": common.verbose ? "info" : "warning"])
        let signals = SignalWatcher(name: "wirectl replay")
        let progress = ProgressLine(total: total)
        var failure: String?
        while true {
            let committed = try await admin.committedOffsets(group: group, partitions: Array(ends.keys))
            var done: Int64 = 0
            for p in committed {
                let key = TopicPartition(topic: p.topic, partition: p.partition)
                guard let end = ends[key], let start = positions.first(where: { $0.topic == p.topic && $0.partition == p.partition })?.offset else { continue }
                done += max(0, min(p.offset ?? start, end) - start)
            }
            progress.show(done: done)
            if done >= total { break }
            if let stopped = stack.stoppedWorkers.first {
                failure = "the replay worker exited with status \(stopped.process.terminationStatus) at \(done) of \(total) records"
                break
            }
            if signals.triggered {
                failure = "stopped at \(done) of \(total) records; run the same command again to continue from there"
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        progress.finish()
        let statuses = stack.stop()
        if let failure { throw CommandFailure("replay into \(topic): \(failure)") }
        if let bad = statuses.first(where: { $0.status != 0 }) {
            throw CommandFailure("the replay worker exited with status \(bad.status) after finishing")
        }
        print("replay of \(p.name).\(s.name) into \(topic) complete: \(total) records")
    }

    /// Records from each position to the partition's current end, and those ends.
    private func remaining(_ positions: [TopicPartition], admin: KafkaAdmin) async throws -> (total: Int64, ends: [TopicPartition: Int64]) {
        let marks = try await admin.watermarks(positions)
        var total: Int64 = 0
        var ends: [TopicPartition: Int64] = [:]
        for pos in positions {
            let key = TopicPartition(topic: pos.topic, partition: pos.partition)
            let m = marks[key] ?? (0, 0)
            ends[key] = m.high
            total += max(0, m.high - (pos.offset ?? m.low))
        }
        return (total, ends)
    }

    /// The stage's worker executable: beside `wirectl`, else on the PATH.
    private func workerExecutable(_ name: String) throws -> URL {
        let beside = LocalStack.executableDirectory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CommandFailure("worker executable '\(name)' not found beside wirectl or on the PATH; build it with `swift build`")
    }

    private func parseTarget(_ s: StageSettings) throws -> OffsetResetTarget {
        if from == "beginning" || from == "earliest" { return .earliest }
        if from == "end" || from == "latest" { return .latest }
        if let date = ISOTime.date(from: from) { return .timestamp(Int64(date.timeIntervalSince1970 * 1000)) }
        var positions: [TopicPartition] = []
        for part in from.split(separator: ",") {
            let bits = part.split(separator: ":")
            guard bits.count == 2, let partition = Int32(bits[0]), let offset = Int64(bits[1]), s.inputs.count == 1 else {
                throw CommandFailure("--from '\(from)': expected 'beginning', an ISO 8601 time or 'partition:offset,…'", code: 2)
            }
            positions.append(TopicPartition(topic: s.inputs[0], partition: partition, offset: offset))
        }
        return .offsets(positions)
    }
}

/// A progress bar on standard error: done/total, percent, rate and ETA.
final class ProgressLine {
    private let total: Int64
    private let start = Date()

    init(total: Int64) { self.total = total }

    func show(done rawDone: Int64) {
        let done = min(max(0, rawDone), total)
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? String(format: "%.0fs", Double(total - done) / rate) : "-"
        let width = 30
        let filled = total > 0 ? Int(Double(width) * Double(done) / Double(total)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(String(
            format: "\r[%@] %lld/%lld (%.0f%%) %.0f/s ETA %@   ",
            bar, done, total, 100 * Double(done) / Double(max(total, 1)), rate, eta).utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
