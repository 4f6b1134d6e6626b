import ArticleSchema
import Foundation
import LocalBroker
import Testing
import WireCtlCommands
import WirestreamTestSupport

/// Faults between hosts: the broker, a client host and two worker hosts in network namespaces of their own
/// (``NetworkLab``), the workers the real `wire-stats` executables, records ingested and read back with
/// `wirectl` on the client host and counted by id.
@Suite("Network faults between hosts", .serialized)
struct NetworkFaultTests {
    /// A one-stage pipeline (two `wire-stats` instances, 6 partitions) on a lab's broker.
    final class Run {
        let lab: NetworkLab
        let prefix = SharedBroker.uniqueName("net")
        let configFile: URL
        let logFile: URL
        let stack: LocalStack
        var corpus = ArticleCorpus(seed: 23)
        var sent: [String] = []
        var final: String { "\(prefix).enriched" }

        init(lab: NetworkLab) throws {
            self.lab = lab
            configFile = lab.directory.appendingPathComponent("pipelines.yaml")
            logFile = lab.directory.appendingPathComponent("workers.log")
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            stack = LocalStack(output: try FileHandle(forWritingTo: logFile))
            let p = prefix
            try """
                kafka:
                  bootstrap: \(lab.bootstrap)
                  properties: { session.timeout.ms: "6000", heartbeat.interval.ms: "500", topic.metadata.refresh.interval.ms: "1000" }
                topics:
                  \(p).raw: { partitions: 6 }
                  \(p).enriched: { partitions: 6 }
                  \(p).dlq: { partitions: 1 }
                pipelines:
                  wire:
                    dead_letter: \(p).dlq
                    stages:
                      - { name: stats, worker: wire-stats, input: \(p).raw, output: \(p).enriched, group: \(p).stats, instances: 2 }
                """.write(to: configFile, atomically: true, encoding: .utf8)
        }

        /// `wirectl SUBCOMMAND --config FILE ARGUMENTS` on the client host.
        func wirectl(_ subcommand: [String], _ arguments: [String] = [], stdin: String? = nil) throws -> Tool.Result {
            try lab.run(
                on: lab.clientHost, [Tool.binaries.appendingPathComponent("wirectl").path] + subcommand + ["--config", configFile.path] + arguments,
                stdin: stdin)
        }

        /// Starts the broker, creates the topics (retrying until the broker answers) and starts instance
        /// `i` (0, 1) of the stage on worker host `i + 1`, then waits until both have partitions.
        func start() async throws {
            let brokerLog = try lab.startBroker()
            let deadline = ContinuousClock.now + .seconds(60)
            while true {
                let result = try wirectl(["topics", "create"])
                if result.status == 0 { break }
                guard ContinuousClock.now < deadline else {
                    throw TestSupportError("could not create the topics on \(lab.bootstrap): \(result.stderr)\nbroker log:\n\((try? String(contentsOf: brokerLog, encoding: .utf8)) ?? "")")
                }
                try await Task.sleep(for: .milliseconds(500))
            }
            for instance in 0..<2 {
                try stack.launch(
                    stage: "stats#\(instance)", instance: instance, executable: URL(fileURLWithPath: try NetworkLab.ipPath()),
                    arguments: [
                        "netns", "exec", lab.workerHost(instance + 1), LocalStack.executableDirectory.appendingPathComponent("wire-stats").path,
                        "--config", configFile.path, "--bootstrap", lab.bootstrap, "--pipeline", "wire", "--instance", "\(instance)",
                    ],
                    stateDirectory: lab.directory.appendingPathComponent("state"))
            }
            for instance in 0..<2 {
                #expect(try await waitFor(.seconds(90)) { self.assignments(instance) > 0 }, "instance \(instance) never got partitions\n\(logTail())")
            }
        }

        /// Assignments with at least one partition that instance `i` logged so far.
        func assignments(_ instance: Int) -> Int {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").filter { $0.hasPrefix("[stats#\(instance)]") && $0.contains("partitions assigned") && $0.contains(".raw[") }.count
        }

        /// Ingests `count` new articles from the client host.
        func ingest(_ count: Int) throws {
            var lines: [String] = []
            for _ in 0..<count {
                let article = corpus.shortArticle(index: sent.count)
                sent.append(article.id)
                let json = try JSONSerialization.data(withJSONObject: [
                    "id": article.id, "source": article.source, "url": article.url, "title": article.title, "body": article.body,
                ])
                lines.append(String(decoding: json, as: UTF8.self))
            }
            let result = try wirectl(["ingest"], ["-"], stdin: lines.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "ingest failed: \(result.stderr)")
        }

        /// Ids of the output topic's records, one entry per record (duplicates repeat).
        func outputIDs() throws -> [String] {
            let result = try wirectl(["tail"], ["--topic", final, "--from-beginning", "--timeout", "3"])
            return result.stdout.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
            }
        }

        /// Reads the output until every sent id is there or `timeout` passed; returns the ids read.
        func waitForAll(_ timeout: Duration) async throws -> [String] {
            let deadline = ContinuousClock.now + timeout
            var ids = try outputIDs()
            while !Set(ids).isSuperset(of: sent) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .seconds(1))
                ids = try outputIDs()
            }
            return ids
        }

        func waitFor(_ timeout: Duration, _ condition: () -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + timeout
            while !condition() {
                if ContinuousClock.now >= deadline { return false }
                try await Task.sleep(for: .milliseconds(250))
            }
            return true
        }

        func logTail() -> String {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").suffix(40).joined(separator: "\n")
        }
    }

    @Test("a worker host cut off from the broker for 30 s: its partitions move to the other instance, it rejoins when the link returns, nothing lost")
    func workerCutOff() async throws {
        let lab = try NetworkLab(workers: 2)
        defer { lab.tearDown() }
        let run = try Run(lab: lab)
        defer { run.stack.stop() }
        try await run.start()
        try run.ingest(300)
        let before = try await run.waitForAll(.seconds(90))
        #expect(Set(before).isSuperset(of: run.sent), "the first records did not arrive\n\(run.logTail())")

        let survivorAssignments = run.assignments(1)
        try lab.setLink(worker: 1, up: false)
        let cutAt = ContinuousClock.now
        try run.ingest(300)
        // Within the cut, the group drops the silent member (session 6 s) and the other instance takes its
        // partitions and processes what was sent during the cut.
        let during = try await run.waitForAll(.seconds(25))
        let movedWithinCut = Set(during).isSuperset(of: run.sent)
        #expect(movedWithinCut, "records sent while instance 0 was cut off did not arrive within the cut: \(Set(run.sent).subtracting(during).count) missing\n\(run.logTail())")
        #expect(run.assignments(1) > survivorAssignments, "instance 1 was not assigned instance 0's partitions")
        let remaining = Duration.seconds(30) - (ContinuousClock.now - cutAt)
        if remaining > .zero { try await Task.sleep(for: remaining) }
        let rejoinsBefore = run.assignments(0)
        try lab.setLink(worker: 1, up: true)

        #expect(try await run.waitFor(.seconds(90)) { run.assignments(0) > rejoinsBefore }, "instance 0 did not get partitions again after its link returned\n\(run.logTail())")
        try run.ingest(300)
        let after = try await run.waitForAll(.seconds(120))
        let lost = Set(run.sent).subtracting(after)
        print("network cut 30 s: sent=\(run.sent.count) read=\(after.count) distinct=\(Set(after).count) lost=\(lost.count) processed_twice=\(after.count - Set(after).count) partitions_moved_within_cut=\(movedWithinCut)")
        #expect(lost.isEmpty, "\(lost.count) records lost, e.g. \(lost.sorted().prefix(5))\n\(run.logTail())")
        #expect(run.stack.exited.isEmpty, "workers exited: \(run.stack.exited)\n\(run.logTail())")
    }

    @Test("200 ms latency each way and 5 % frame loss on one worker host's link during a run: 0 lost")
    func latencyAndLoss() async throws {
        let lab = try NetworkLab(workers: 2, wired: [1])
        defer { lab.tearDown() }
        let run = try Run(lab: lab)
        defer { run.stack.stop() }
        try await run.start()
        try run.ingest(200)
        let before = try await run.waitForAll(.seconds(90))
        #expect(Set(before).isSuperset(of: run.sent), "the first records did not arrive\n\(run.logTail())")

        try lab.impair(true, worker: 1)
        // scripts/soak-network-faults sets WIRESTREAM_SOAK_ROUNDS for a longer impaired phase.
        let rounds = ProcessInfo.processInfo.environment["WIRESTREAM_SOAK_ROUNDS"].flatMap { Int($0) } ?? 4
        for _ in 0..<max(1, rounds) {
            try run.ingest(150)
            try await Task.sleep(for: .seconds(8))
        }
        let impaired = try await run.waitForAll(.seconds(60))
        let completeWhileImpaired = Set(impaired).isSuperset(of: run.sent)
        try lab.impair(false, worker: 1)
        try run.ingest(100)
        let after = try await run.waitForAll(.seconds(120))
        let lost = Set(run.sent).subtracting(after)
        let wire = (try? String(contentsOf: lab.wireLog(1), encoding: .utf8)) ?? ""
        let offLine = wire.split(separator: "\n").first { $0.contains("impairment off") }.map(String.init) ?? ""
        func counter(_ name: String) -> Int {
            guard let range = offLine.range(of: name + #"=(\d+)"#, options: .regularExpression) else { return 0 }
            return Int(offLine[range].dropFirst(name.count + 1)) ?? 0
        }
        print("network latency 200 ms + loss 5 %: sent=\(run.sent.count) read=\(after.count) distinct=\(Set(after).count) lost=\(lost.count) processed_twice=\(after.count - Set(after).count) complete_while_impaired=\(completeWhileImpaired) frames_delayed=\(counter("delayed")) frames_dropped=\(counter("dropped")) instance0_assignments=\(run.assignments(0))")
        #expect(counter("delayed") > 0 && counter("dropped") > 0, "the impaired link carried no traffic: \(offLine)")
        #expect(lost.isEmpty, "\(lost.count) records lost, e.g. \(lost.sorted().prefix(5))\n\(run.logTail())")
        #expect(run.stack.exited.isEmpty, "workers exited: \(run.stack.exited)\n\(run.logTail())")
    }
}
