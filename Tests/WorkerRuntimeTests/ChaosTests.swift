import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WireCtlCommands
import WirestreamTestSupport
import WorkerRuntime

/// The four workers killed at random moments while 10,000 articles go through them; the test restarts each
/// killed worker at once. At-least-once must lose nothing, and dedupe must give a record processed again the
/// verdict it gave the first time (never "duplicate of itself").
@Suite("Chaos", .serialized)
struct ChaosTests {
    @Test("10,000 articles streamed in, a random worker SIGKILLed every 1-3 s and restarted: 0 lost, no dead letters, replays keep their verdict")
    func sigkill() async throws {
        let result = try await ChaosRun.run(articles: 10_000, signal: SIGKILL, seed: 1)
        #expect(result.kills >= 15, "too few kills to mean anything: \(result.kills)")
        #expect(result.lost == 0)
        #expect(result.deadLettered == 0)
    }

    @Test("the same with SIGTERM every 0.5-2 s after the last restarted worker joined: each finishes its batch, commits and exits 0; 0 lost, 0 duplicated")
    func sigterm() async throws {
        let result = try await ChaosRun.run(articles: 10_000, signal: SIGTERM, seed: 2)
        #expect(result.kills >= 8, "too few stops to mean anything: \(result.kills)")
        #expect(result.lost == 0)
        #expect(result.duplicated == 0)
        #expect(result.deadLettered == 0)
        #expect(result.badExits.isEmpty, "workers stopped with SIGTERM exited with \(result.badExits)")
    }
}

enum ChaosRun {
    /// How many times a stage's workers have logged an assignment so far.
    static func assignments(of stage: String, log: URL) -> Int {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("[\(stage)]") && $0.hasSuffix("[WorkerRuntime] partitions assigned") }.count
    }

    struct Result {
        var kills = 0
        var lost = 0
        var duplicated = 0
        var deadLettered = 0
        var badExits: [String] = []
    }

    static func run(articles count: Int, signal: Int32, seed: UInt64) async throws -> Result {
        let label = signal == SIGKILL ? "SIGKILL" : "SIGTERM"
        let broker = try await SharedBroker.instance.broker()
        let run = try TestPipeline(broker: broker)
        try await run.createTopics()
        let stack = try run.startWorkers(broker: broker)
        defer { stack.stop() }

        var corpus = ArticleCorpus(seed: 1000 + seed)
        let articles = (0..<count).map { corpus.shortArticle(index: $0) }
        let headers = ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: run.kafka), logger: run.logger)
        defer { producer.close() }
        let started = ContinuousClock.now
        // The articles go in as a stream of chunks, one chunk before each stop, so every stop lands mid-stream
        // and the number of stops does not depend on how fast this (loaded) test process gets scheduled.
        let chunkSize = signal == SIGKILL ? 500 : 1000
        var pending = articles.map { KafkaProducerRecord(topic: run.raw, key: $0.id, value: ArticleCodec.encode($0), headers: headers) }[...]
        func sendChunk() async throws {
            let chunk = Array(pending.prefix(chunkSize))
            pending = pending.dropFirst(chunkSize)
            let sent = try await producer.sendBatch(chunk)
            #expect(sent.allSatisfy { if case .success = $0 { true } else { false } })
        }

        let collector = try TopicCollector(kafka: run.kafka, partitions: [run.final: run.finalPartitions, run.dlq: 1], logger: run.logger)
        defer { collector.close() }
        var rng = ArticleCorpus(seed: seed)  // only its random numbers
        var result = Result()
        var killedStages: [String: Int] = [:]
        if signal == SIGTERM {
            // See below: the first stop too goes to workers that have joined their group.
            let joinDeadline = ContinuousClock.now + .seconds(60)
            while TestPipeline.defaultStages.contains(where: { assignments(of: $0, log: run.logFile) == 0 }), ContinuousClock.now < joinDeadline {
                try await collector.poll(for: .milliseconds(200))
            }
        }
        // One chunk, a random pause, one stop and restart; until every chunk is sent (bounded in time too).
        let killUntil = ContinuousClock.now + .seconds(240)
        while !pending.isEmpty, ContinuousClock.now < killUntil {
            try await sendChunk()
            // SIGTERM runs wait for each restarted worker to join, so they stop the next one sooner.
            try await collector.poll(for: .milliseconds(signal == SIGTERM ? 500 + rng.next(1500) : 1000 + rng.next(2000)))
            let stage = TestPipeline.defaultStages[rng.next(4)]
            guard let worker = stack.workers.last(where: { $0.stage == stage && $0.process.isRunning }) else {
                Issue.record("no running \(stage) worker; exited: \(stack.exited)\n\(run.logTail())")
                break
            }
            let stopAsked = ContinuousClock.now
            kill(worker.process.processIdentifier, signal)
            while worker.process.isRunning {
                if ContinuousClock.now - stopAsked > .seconds(30) {
                    kill(worker.process.processIdentifier, SIGKILL)
                    result.badExits.append("\(stage) did not stop within 30 s")
                }
                try await collector.poll(for: .milliseconds(50))
            }
            if signal == SIGTERM, worker.process.terminationReason != .exit || worker.process.terminationStatus != 0 {
                result.badExits.append("\(stage): \(worker.process.terminationReason == .exit ? "exit" : "signal") \(worker.process.terminationStatus)")
            }
            result.kills += 1
            killedStages[stage, default: 0] += 1
            let assignedBefore = assignments(of: stage, log: run.logFile)
            try run.launchWorker(stage: stage, stack: stack, bootstrap: broker.bootstrapServers)
            if signal == SIGTERM {
                // A member that leaves the group (SIGTERM → LeaveGroup) while it is still joining stalls Tansu 0.6's
                // group: the next member is not assigned for minutes. So SIGTERM goes only to workers that have joined.
                let joinDeadline = ContinuousClock.now + .seconds(30)
                while assignments(of: stage, log: run.logFile) == assignedBefore, ContinuousClock.now < joinDeadline {
                    try await collector.poll(for: .milliseconds(200))
                }
            }
        }
        while !pending.isEmpty { try await sendChunk() }
        let killPhase = ContinuousClock.now - started
        let complete = try await collector.poll(until: { $0.keys(run.final).count >= count }, timeout: .seconds(180))
        // Records processed twice may still be on their way; give them a moment to show up in the count.
        try await collector.poll(for: .seconds(2))
        let elapsed = ContinuousClock.now - started
        if !complete { print(run.logTail()) }

        var verdicts: [String: [DedupeRecord]] = [:]
        for m in collector.messages(run.final) {
            let record = try ArticleCodec.decode(m.value)
            #expect(record.lineage.map(\.stage) == TestPipeline.defaultStages, "\(record.id): lineage \(record.lineage.map(\.stage))")
            if let d = record.dedupe { verdicts[record.id, default: []].append(d) } else { Issue.record("\(record.id) has no dedupe section") }
        }
        let inputIDs = Set(articles.map(\.id))
        result.lost = inputIDs.subtracting(verdicts.keys).count
        result.duplicated = collector.messages(run.final).count - verdicts.count
        result.deadLettered = collector.messages(run.dlq).count
        // Every input is a distinct article: each delivery, first or repeated, must say "unique".
        let wrong = verdicts.filter { _, v in v.contains { $0.status != "unique" } }
        #expect(wrong.isEmpty, "\(wrong.count) articles got a non-unique verdict, e.g. \(wrong.prefix(3).map { "\($0.key): \($0.value)" })")
        #expect(verdicts.values.allSatisfy { v in v.allSatisfy { $0.duplicateOf == nil } })
        #expect(Set(verdicts.keys).isSubset(of: inputIDs))
        for m in collector.messages(run.dlq).prefix(3) {
            print("chaos: unexpected dead letter \(m.keyString ?? "-"): \(m.headers.string(DeadLetter.errorHeader) ?? "")")
        }
        print("chaos (\(label)): articles=\(count) kills=\(result.kills) \(killedStages.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) lost=\(result.lost) duplicated=\(result.duplicated) dead_lettered=\(result.deadLettered) kill_phase=\(killPhase) total=\(elapsed)")
        return result
    }
}
