import ArgumentParser
import Foundation
import Kafka
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
                let table = try await StatusTable.render(config: config, admin: admin, interval: interval)
                if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                print(table)
            } catch {
                throw CommandFailure("\(error)")
            }
        } while watch
    }
}

/// The status table, shared by `status` and `dev`.
enum StatusTable {
    struct Sample {
        var lag: Int64
        var committed: Int64
    }

    static func sample(_ admin: KafkaAdmin, stage: StageSettings) async throws -> Sample {
        let lags = try await admin.lag(group: stage.group, topics: stage.inputs)
        return Sample(lag: lags.reduce(0) { $0 + max(0, $1.lag) }, committed: lags.reduce(0) { $0 + ($1.committed ?? $1.low) })
    }

    static func render(config: PipelineConfiguration, admin: KafkaAdmin, interval: Double) async throws -> String {
        var first: [String: Sample] = [:]
        let stages = config.pipelines.flatMap { p in p.stages.map { (p, $0) } }
        for (_, s) in stages { first[s.group] = try await sample(admin, stage: s) }
        if interval > 0 { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        var rows: [[String]] = [["PIPELINE", "STAGE", "GROUP", "STATE", "MEMBERS", "LAG", "DONE", "RATE/s"]]
        let groups = (try? await admin.listGroups()) ?? []
        for (p, s) in stages {
            let now = try await sample(admin, stage: s)
            let before = first[s.group] ?? now
            let rate = interval > 0 ? Double(now.committed - before.committed) / interval : 0
            let g = groups.first { $0.groupID == s.group }
            rows.append([p.name, s.name, s.group, g?.state ?? "-", "\(g?.members.count ?? 0)", "\(now.lag)", "\(now.committed)", String(format: "%.0f", rate)])
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

    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
