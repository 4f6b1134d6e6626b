import ArgumentParser
import ArticleSchema
import Foundation
import Kafka
import PipelineConfig

/// `wirectl replay`: moves a stage's consumer group back so its workers reprocess history.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reset a stage's consumer group to reprocess its input, then follow progress.",
        discussion: """
            --from takes 'beginning', an ISO 8601 time (2026-02-05T00:00:00Z) or explicit positions \
            'partition:offset,…'. The stage's workers must be stopped (the group must have no live members); \
            start them again after the reset. Ids are stable, so downstream upserts stay correct, and dedupe \
            gives replayed articles the verdict they got the first time.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Pipeline of the stage.")
    var pipeline: String?

    @Option(help: "Stage to replay.")
    var stage: String

    @Option(help: "beginning | ISO 8601 time | partition:offset,…")
    var from: String

    @Flag(help: "Only reset; do not wait and show progress.")
    var noWait = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        let candidates = config.pipelines.filter { pipeline == nil || $0.name == pipeline }
        guard let (p, s) = candidates.lazy.compactMap({ p in p.stages.first { $0.name == self.stage }.map { (p, $0) } }).first else {
            let names = candidates.flatMap { $0.stages.map(\.name) }
            throw CommandFailure("no stage '\(stage)'\(didYouMean(stage, names)); stages: \(names.joined(separator: ", "))", code: 2)
        }
        let target = try parseTarget(s)
        let admin = try KafkaAdmin(configuration: common.kafkaConfiguration(config), logger: common.logger)
        let positions: [TopicPartition]
        do {
            positions = try await admin.resetGroupOffsets(group: s.group, topics: s.inputs, to: target)
        } catch {
            throw CommandFailure("cannot replay \(p.name).\(s.name): \(error)")
        }
        var total: Int64 = 0
        let marks = try await admin.watermarks(positions)
        for pos in positions {
            let m = marks[TopicPartition(topic: pos.topic, partition: pos.partition)] ?? (0, 0)
            total += max(0, m.high - (pos.offset ?? m.low))
        }
        print("reset group \(s.group) on \(s.inputs.joined(separator: ", ")): \(total) record\(total == 1 ? "" : "s") to reprocess")
        for pos in positions { print("  \(pos.topic)[\(pos.partition)] → offset \(pos.offset ?? -1)") }
        if noWait || total == 0 { return }
        print("waiting for the stage's workers to consume them (start them if they are stopped; Ctrl-C to stop watching)")
        let start = Date()
        while true {
            let lag = try await StatusTable.sample(admin, stage: s).lag
            let done = max(0, total - lag)
            let elapsed = Date().timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? String(format: "%.0fs", Double(lag) / rate) : "-"
            let width = 30
            let filled = total > 0 ? Int(Double(width) * Double(done) / Double(total)) : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r[%@] %lld/%lld (%.0f%%) %.0f/s ETA %@   ", bar, done, total, 100 * Double(done) / Double(max(total, 1)), rate, eta).utf8))
            if lag <= 0 { break }
            try await Task.sleep(for: .seconds(1))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print("replay of \(p.name).\(s.name) complete: \(total) records")
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
