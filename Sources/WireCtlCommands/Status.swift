import ArgumentParser
import Foundation
import Kafka
import Logging
import PipelineConfig

/// `wirectl status`: per stage, its group, members, lag and rate; per pipeline, final and dead-letter counts.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every stage's consumer group, lag and rate.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Seconds between the two samples the rate is computed from.")
    var interval: Double = 2

    @Flag(help: "Refresh until Ctrl-C.")
    var watch = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        let admin = try KafkaAdmin(configuration: common.kafkaConfiguration(config), logger: common.logger)
        repeat {
            do {
                let table = try await StatusTable.render(config: config, admin: admin, interval: interval, kafka: common.kafkaConfiguration(config))
                if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                print(table)
            } catch {
                throw CommandFailure("\(error)")
            }
        } while watch
    }
}

/// The status table, shared by `status` and `dev`.
package enum StatusTable {
    struct Sample {
        var lag: Int64
        var committed: Int64
    }

    static func sample(_ admin: KafkaAdmin, stage: StageSettings) async throws -> Sample {
        let lags = try await admin.lag(group: stage.group, topics: stage.inputs)
        return Sample(lag: lags.reduce(0) { $0 + max(0, $1.lag) }, committed: lags.reduce(0) { $0 + ($1.committed ?? $1.low) })
    }

    /// - Parameter kafka: when given, dead-letter topics are read to count their records by stage.
    static func render(config: PipelineConfiguration, admin: KafkaAdmin, interval: Double, kafka: KafkaConfiguration? = nil) async throws -> String {
        var first: [String: Sample] = [:]
        let stages = config.pipelines.flatMap { p in p.stages.map { (p, $0) } }
        for (_, s) in stages { first[s.group] = try await sample(admin, stage: s) }
        if interval > 0 { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        var rows: [[String]] = [["PIPELINE", "STAGE", "GROUP", "STATE", "MEMBERS", "LAG", "DONE", "RATE/s", "DEAD-LETTERED"]]
        var dead: [String: Int]? = nil
        if let kafka {
            let topics = Set(stages.compactMap(\.1.deadLetter)).sorted()
            dead = try? await DeadLetterCounter.counts(topics: topics, kafka: kafka, admin: admin)
        }
        let groups = (try? await admin.listGroups()) ?? []
        for (p, s) in stages {
            let now = try await sample(admin, stage: s)
            let before = first[s.group] ?? now
            let rate = interval > 0 ? Double(now.committed - before.committed) / interval : 0
            let g = groups.first { $0.groupID == s.group }
            let deadCount = dead.map { "\($0["\(p.name)\u{0}\(s.name)"] ?? 0)" } ?? "-"
            rows.append([p.name, s.name, s.group, g?.state ?? "-", "\(g?.members.count ?? 0)", "\(now.lag)", "\(now.committed)", String(format: "%.0f", rate), deadCount])
        }
        var out = table(rows)
        var topicRows: [[String]] = [["TOPIC", "RECORDS"]]
        var seen = Set<String>()
        for p in config.pipelines {
            for t in [p.finalTopic] + p.stages.compactMap(\.deadLetter) where seen.insert(t).inserted {
                topicRows.append([t, "\(try await count(admin, topic: t))"])
            }
        }
        out += "\n" + table(topicRows)
        return out
    }

    static func count(_ admin: KafkaAdmin, topic: String) async throws -> Int64 {
        try await admin.recordCount(topic: topic)
    }

    package static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Counts dead-letter records by the pipeline and stage that sent them (their `wirestream-pipeline`
/// and `wirestream-stage` headers), reading each dead-letter topic from its start to its current end.
enum DeadLetterCounter {
    /// Keys are "pipeline\0stage".
    static func counts(topics: [String], kafka: KafkaConfiguration, admin: KafkaAdmin, timeout: Duration = .seconds(10)) async throws -> [String: Int] {
        var partitions: [TopicPartition] = []
        for t in topics {
            if let d = try await admin.describeTopic(t) { partitions += d.partitions.map { TopicPartition(topic: t, partition: $0) } }
        }
        let marks = try await admin.watermarks(partitions)
        var remaining: [TopicPartition: Int64] = [:]
        var start: [TopicPartition] = []
        for p in partitions {
            guard let m = marks[p], m.high > m.low else { continue }
            remaining[p] = m.high
            start.append(TopicPartition(topic: p.topic, partition: p.partition, offset: m.low))
        }
        var counts: [String: Int] = [:]
        guard !start.isEmpty else { return counts }
        var readerKafka = kafka
        readerKafka.properties["enable.auto.commit"] = "false"
        let reader = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: readerKafka, groupID: "wirectl-status-\(getpid())"), logger: Logger(label: "wirectl"))
        defer { reader.close() }
        try reader.assign(start)
        let deadline = ContinuousClock.now + timeout
        while !remaining.isEmpty && ContinuousClock.now < deadline {
            for m in try await reader.nextBatch(maxMessages: 1000, timeout: .milliseconds(200)) {
                let key = "\(m.headers.string("wirestream-pipeline") ?? "?")\u{0}\(m.headers.string("wirestream-stage") ?? "?")"
                counts[key, default: 0] += 1
                let p = TopicPartition(topic: m.topic, partition: m.partition)
                if let end = remaining[p], m.offset + 1 >= end { remaining.removeValue(forKey: p) }
            }
        }
        return counts
    }
}
