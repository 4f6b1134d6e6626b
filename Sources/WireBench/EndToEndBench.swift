import ArticleSchema
import Foundation
import WireCtlCommands
import Kafka
import LocalBroker
import Logging
import PipelineConfig

/// The end-to-end part of `wirectl bench`: a local Tansu broker, the four standard workers as separate
/// processes, generated articles ingested through Kafka and read back from the final topic.
///
/// Two phases: sustained throughput (all articles offered at once; first send to last arrival) and
/// latency at a fixed offered rate (ingest → final topic, per article, p50 and p99). Resident memory of
/// every worker is sampled during the latency phase.
struct EndToEndBench {
    struct Options {
        var articles: Int
        var rate: Int
        var latencySeconds: Double
        var partitions: Int
        var instances: [String: Int]
        /// librdkafka properties for the workers' consumers and producers (`kafka.consumer` / `kafka.producer`).
        var consumerProperties: [String: String]
        var producerProperties: [String: String]
        var bootstrap: String?
        var progress: Bool
        /// Dedupe retention window in minutes (nil: the stage default, 7 days); a short window lets a
        /// soak show the index reaching its steady size.
        var dedupeRetentionMinutes: Double? = nil
        /// Records processed at once per worker (`concurrency:`; nil: the default). With 1, each worker
        /// uses at most one core, as a pod limited to one CPU would.
        var concurrency: Int? = nil
        /// Also read the intermediate topics for the latency of each hop (a second consumer on each, which
        /// adds to the broker's load).
        var traceHops = false
    }

    struct Result {
        var articlesPerSecond: Double
        var p50ms: Double
        var p99ms: Double
        var offeredPerSecond: Double
        var latencyArticles: Int
        /// Per worker (stage, with `#i` for instances): resident MB at the start and end of the latency phase, and the peak.
        var memory: [(worker: String, startMB: Double, endMB: Double, peakMB: Double, byMinuteMB: [Double])]
        /// CPU milliseconds per article in the throughput phase, by worker, then "broker" (the local broker's
        /// process; absent with `--bootstrap`), "bench" (this process) and "other" (the rest of the machine's
        /// busy time: anything else running).
        var cpuMsPerArticle: [(process: String, ms: Double)]
        /// CPU milliseconds per article in the latency phase, by worker and the local broker (at a low rate
        /// batches are small, so the per-request costs show).
        var latencyCPUMsPerArticle: [(process: String, ms: Double)]
        /// By minute of the latency phase (when it lasts over a minute): p50/p99 of the articles sent in that
        /// minute, and the CPU milliseconds per article the local broker spent in it (with `--bootstrap`: the rest of
        /// the machine outside the workers).
        var byMinute: [(p50ms: Double, p99ms: Double, brokerCPUms: Double)] = []
        /// Where the latency goes, per hop of the latency phase: p50/p99 of the time from the previous stage's
        /// output (the bench's send for the first) to this stage's output, by the records' produce timestamps,
        /// and for `final` from the dedupe output to its arrival at the reader.
        var hops: [(hop: String, p50ms: Double, p99ms: Double)] = []
    }

    let options: Options
    let logger: Logger

    func run() async throws -> Result {
        var broker: TansuBroker?
        let bootstrap: String
        if let given = options.bootstrap {
            bootstrap = given
        } else {
            do {
                broker = try await TansuBroker(logger: logger)
            } catch {
                throw CommandFailure("the end-to-end benchmark needs the local Tansu broker (run scripts/bootstrap) or --bootstrap: \(error)")
            }
            bootstrap = broker?.bootstrapServers ?? ""
        }
        defer { broker?.stop() }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wirestream-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let prefix = "bench\(getpid())"
        let configFile = directory.appendingPathComponent("pipelines.yaml")
        try configuration(prefix: prefix, bootstrap: bootstrap).write(to: configFile, atomically: true, encoding: .utf8)
        let config: PipelineConfiguration
        do { config = try PipelineConfigLoader.load(file: configFile.path) } catch { throw CommandFailure("bench configuration: \(error)", code: 2) }
        let kafka = KafkaConfiguration(bootstrapServers: bootstrap, properties: config.kafka.properties)
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.ensureTopics(config.topics.map { NewTopic(name: $0.name, partitions: $0.partitions, configs: $0.config) })

        let stack = LocalStack(output: options.progress ? .standardError : nil)
        try stack.start(
            configFile: configFile.path, configuration: config, bootstrap: bootstrap,
            workerDirectory: LocalStack.executableDirectory, stateDirectory: directory.appendingPathComponent("state"),
            extraEnvironment: ["WIRESTREAM_LOG_LEVEL": "warning", "WIRESTREAM_FAST_GROUP_JOIN": "1"])
        defer { stack.stop() }

        let final = "\(prefix).enriched"
        var readerKafka = kafka
        readerKafka.properties["enable.auto.commit"] = "false"
        let reader = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: readerKafka, groupID: "\(prefix).reader"), logger: logger)
        defer { reader.close() }
        let finalPartitions = try await admin.describeTopic(final)?.partitions ?? [0]
        try reader.assign(finalPartitions.map { TopicPartition(topic: final, partition: $0, offset: 0) })
        var producerKafka = kafka
        producerKafka.properties["linger.ms"] = "5"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: producerKafka), logger: logger)
        defer { producer.close() }
        // Reads the intermediate topics for the produce timestamp of every record (latency per hop).
        let tracer = try options.traceHops ? KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: readerKafka, groupID: "\(prefix).tracer"), logger: logger) : nil
        defer { tracer?.close() }
        let hopTopics = ["normalized", "entities", "classified"].map { "\(prefix).\($0)" }
        if let tracer {
            var traced: [TopicPartition] = []
            for topic in hopTopics {
                for partition in try await admin.describeTopic(topic)?.partitions ?? [0] {
                    traced.append(TopicPartition(topic: topic, partition: partition, offset: 0))
                }
            }
            try tracer.assign(traced)
        }
        let raw = "\(prefix).raw"
        var nextIndex = 0
        // Articles carry a feed timestamp of when they are due to be sent (as a wire stamps on receipt),
        // so the dedupe retention window moves with the run.
        func records(_ n: Int, perSecond: Double? = nil) -> [KafkaProducerRecord] {
            let made = BenchCorpus.records(count: n, startingAt: nextIndex)
            nextIndex += n
            let now = Date()
            return made.enumerated().map { i, record in
                var r = record
                r.publishedAt = ISOTime.string(from: now.addingTimeInterval(perSecond.map { Double(i) / $0 } ?? 0))
                return KafkaProducerRecord(topic: raw, key: r.id, value: ArticleCodec.encode(r))
            }
        }

        // Warm-up: every worker joined its group and handled a first batch.
        let warm = records(50)
        _ = try await producer.sendBatch(warm)
        try await waitFor(count: warm.count, reader: reader, stack: stack, timeout: 120, what: "warm-up")

        // Phase 1: sustained throughput, with the CPU time each process spends on it.
        let batch = records(options.articles)
        func workerCPU() -> [String: Double] {
            var cpu: [String: Double] = [:]
            for w in stack.workers { cpu[w.stage, default: 0] += ProcessStats.cpuSeconds(pid: w.process.processIdentifier) ?? 0 }
            return cpu
        }
        // The broker (when local) and this process are measured apart; "other" is whatever else kept the
        // machine busy meanwhile (another job on a shared machine shows up there, not in the figures above it).
        func brokerCPU() -> Double? { broker.flatMap { ProcessStats.treeCPUSeconds(pid: $0.processIdentifier) } }
        func benchCPU() -> Double { ProcessStats.cpuSeconds(pid: getpid()) ?? 0 }
        let cpuBefore = workerCPU()
        let brokerBefore = brokerCPU(), benchBefore = benchCPU()
        let machineBefore = ProcessStats.machineBusySeconds() ?? 0
        let start = ContinuousClock.now
        for chunk in stride(from: 0, to: batch.count, by: 1000) {
            _ = try await producer.sendBatch(Array(batch[chunk..<min(chunk + 1000, batch.count)]))
        }
        try await waitFor(count: batch.count, reader: reader, stack: stack, timeout: max(120, Double(batch.count) / 20), what: "throughput phase")
        let throughput = Double(batch.count) / Bench.seconds(ContinuousClock.now - start)
        let cpuAfter = workerCPU()
        let brokerAfter = brokerCPU(), benchUsed = benchCPU() - benchBefore
        let brokerUsed: Double? = if let brokerAfter, let brokerBefore { brokerAfter - brokerBefore } else { nil }
        let machineUsed = (ProcessStats.machineBusySeconds() ?? 0) - machineBefore
        let perArticle = 1000 / Double(max(1, batch.count))
        var cpuPerArticle: [(String, Double)] = cpuAfter.keys.sorted().map { ($0, ((cpuAfter[$0] ?? 0) - (cpuBefore[$0] ?? 0)) * perArticle) }
        var accounted = cpuPerArticle.reduce(0) { $0 + $1.1 } / perArticle + benchUsed
        if let brokerUsed {
            cpuPerArticle.append(("broker", brokerUsed * perArticle))
            accounted += brokerUsed
        }
        cpuPerArticle.append(("bench", benchUsed * perArticle))
        cpuPerArticle.append(("other", max(0, machineUsed - accounted) * perArticle))
        if options.progress { printError("bench: end to end \(batch.count) articles at \(Int(throughput))/s") }

        // Phase 2: latency at a fixed offered rate; memory sampled meanwhile.
        var memory: [String: (start: Double, end: Double, peak: Double)] = [:]
        // Resident memory at the start of each minute of the latency phase, per worker (steady or growing?).
        var byMinute: [String: [Double]] = [:]
        var minutesSampled = 0
        var latencyPhaseStart = ContinuousClock.now
        func sampleMemory() {
            let minute = Int(Bench.seconds(ContinuousClock.now - latencyPhaseStart) / 60)
            let newMinute = minute >= minutesSampled
            if newMinute { minutesSampled = minute + 1 }
            for w in stack.workers {
                let mb = Self.residentMB(pid: w.process.processIdentifier)
                var entry = memory[w.stage] ?? (mb, mb, mb)
                entry.end = mb
                entry.peak = max(entry.peak, mb)
                memory[w.stage] = entry
                if newMinute { byMinute[w.stage, default: []].append((mb * 10).rounded() / 10) }
            }
        }
        latencyPhaseStart = ContinuousClock.now
        sampleMemory()
        let total = max(1, Int(Double(options.rate) * options.latencySeconds))
        let paced = records(total, perSecond: Double(options.rate))
        let sentAt = SendTimes()
        let rate = Double(options.rate)
        let phaseStart = ContinuousClock.now
        // The local broker's CPU (else the machine's outside the workers) at the start of each minute.
        var outsideCPU: [Double] = []
        func sampleOutsideCPU() {
            if let broker = brokerCPU() { outsideCPU.append(broker); return }
            let workers = workerCPU().values.reduce(0, +)
            outsideCPU.append((ProcessStats.machineBusySeconds() ?? 0) - workers)
        }
        sampleOutsideCPU()
        // The workers' and the local broker's CPU, for their CPU per article in this phase.
        func stackCPU() -> [String: Double] {
            var cpu = workerCPU()
            cpu["broker"] = brokerCPU()
            return cpu
        }
        let latencyCPUBefore = stackCPU()
        let sender = Task {
            var sent = 0
            while sent < total {
                // Send what is due by now (article i is due at i / rate), then sleep until the next one is due
                // (10 ms ticks at most).
                let due = min(total, Int(Bench.seconds(ContinuousClock.now - phaseStart) * rate) + 1)
                if due > sent {
                    let chunk = Array(paced[sent..<due])
                    let now = ContinuousClock.now
                    let wallMs = Int64((Date().timeIntervalSince1970 * 1000).rounded())
                for r in chunk {
                    guard let key = r.key else { continue }
                    sentAt.set(String(decoding: key, as: UTF8.self), now, wallMs: wallMs)
                }
                    _ = try await producer.sendBatch(chunk)
                    sent = due
                }
                let next = phaseStart + .milliseconds(Int(Double(sent) / rate * 1000))
                if next > ContinuousClock.now { try await Task.sleep(until: min(next, ContinuousClock.now + .milliseconds(10))) }
            }
            return (sent, Bench.seconds(ContinuousClock.now - phaseStart))
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(total)
        var latenciesByMinute: [[Double]] = []
        // Per article of the latency phase: produce times (ms since 1970) of its normalized, entities and
        // classified records, then of the final record, then its arrival.
        var stamps: [String: [Int64]] = [:]
        func stamp(_ key: String, _ index: Int, _ ms: Int64?) {
            guard let ms else { return }
            var entry = stamps[key] ?? [Int64](repeating: -1, count: 5)
            entry[index] = ms
            stamps[key] = entry
        }
        func readTracer() throws {
            guard let tracer else { return }
            while true {
                let batch = try tracer.bufferedBatch(maxMessages: 1000)
                if batch.isEmpty { return }
                for m in batch {
                    guard let key = m.keyString, sentAt.get(key) != nil, let index = hopTopics.firstIndex(of: m.topic) else { continue }
                    stamp(key, index, m.timestampMs)
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(options.latencySeconds + 120)
        var lastMemory = ContinuousClock.now
        while latencies.count < total && ContinuousClock.now < deadline {
            for m in try await reader.nextBatch(maxMessages: 1000, timeout: .milliseconds(100)) {
                let now = ContinuousClock.now
                guard let key = m.keyString, let sent = sentAt.get(key) else { continue }
                let latency = Bench.seconds(now - sent) * 1000
                latencies.append(latency)
                stamp(key, 3, m.timestampMs)
                stamp(key, 4, Int64((Date().timeIntervalSince1970 * 1000).rounded()))
                let minute = max(0, Int(Bench.seconds(sent - phaseStart) / 60))
                while latenciesByMinute.count <= minute { latenciesByMinute.append([]) }
                latenciesByMinute[minute].append(latency)
            }
            try readTracer()
            if ContinuousClock.now - phaseStart > .seconds(60 * outsideCPU.count) { sampleOutsideCPU() }
            if ContinuousClock.now - lastMemory > .seconds(5) {
                sampleMemory()
                lastMemory = ContinuousClock.now
            }
        }
        let (sent, sendingSeconds) = try await sender.value
        let latencyCPUAfter = stackCPU()
        let latencyProcesses = latencyCPUAfter.keys.filter { $0 != "broker" }.sorted() + (latencyCPUAfter["broker"] == nil ? [] : ["broker"])
        let latencyCPU = latencyProcesses.map {
            ($0, ((latencyCPUAfter[$0] ?? 0) - (latencyCPUBefore[$0] ?? 0)) * 1000 / Double(max(1, latencies.count)))
        }
        // Article i is due at i / rate: the rate achieved is (sent - 1) over the time the sending took.
        let offered = sent > 1 ? Double(sent - 1) / max(sendingSeconds, 1e-3) : Double(options.rate)
        sampleMemory()
        guard latencies.count == total else {
            throw CommandFailure("latency phase: \(latencies.count) of \(total) articles reached the final topic")
        }
        sampleOutsideCPU()
        func percentile(_ p: Double, of sorted: [Double]) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { percentile(p, of: latencies) }
        var latencyByMinute: [(p50ms: Double, p99ms: Double, brokerCPUms: Double)] = []
        if latenciesByMinute.count > 1 {
            for (minute, values) in latenciesByMinute.enumerated() {
                let sorted = values.sorted()
                let cpu = minute + 1 < outsideCPU.count ? (outsideCPU[minute + 1] - outsideCPU[minute]) * 1000 / max(1, rate * 60) : 0
                latencyByMinute.append((percentile(0.5, of: sorted), percentile(0.99, of: sorted), cpu))
            }
        }
        // Hops: the first from the send (wall clock at send, kept with the send instant), the rest between stamps.
        if tracer != nil { try await Task.sleep(for: .milliseconds(300)) }
        try readTracer()
        var hopValues = [[Double]](repeating: [], count: 5)
        for (key, entry) in stamps {
            guard let sentWall = sentAt.wallMs(key) else { continue }
            var previous = Double(sentWall)
            for (i, ms) in entry.enumerated() {
                guard ms >= 0 else { previous = .nan; continue }
                if !previous.isNaN { hopValues[i].append(Double(ms) - previous) }
                previous = Double(ms)
            }
        }
        let hopNames = ["normalize", "entities", "classify", "dedupe", "final"]
        let hops: [(hop: String, p50ms: Double, p99ms: Double)] = tracer == nil ? [] : hopNames.enumerated().map { i, name in
            let sorted = hopValues[i].sorted()
            return (name, percentile(0.5, of: sorted), percentile(0.99, of: sorted))
        }
        return Result(
            articlesPerSecond: throughput, p50ms: percentile(0.50), p99ms: percentile(0.99),
            offeredPerSecond: offered, latencyArticles: total,
            memory: memory.sorted { $0.key < $1.key }.map { ($0.key, $0.value.start, $0.value.end, $0.value.peak, byMinute[$0.key] ?? []) },
            cpuMsPerArticle: cpuPerArticle, latencyCPUMsPerArticle: latencyCPU, byMinute: latencyByMinute, hops: hops)
    }

    private func waitFor(count: Int, reader: KafkaConsumer, stack: LocalStack, timeout: Double, what: String) async throws {
        var arrived = 0
        let deadline = ContinuousClock.now + .seconds(timeout)
        while arrived < count {
            arrived += try await reader.nextBatch(maxMessages: 1000, timeout: .milliseconds(100)).count
            if let dead = stack.stoppedWorkers.first {
                throw CommandFailure("\(what): worker \(dead.stage) exited with status \(dead.process.terminationStatus)")
            }
            if ContinuousClock.now > deadline {
                throw CommandFailure("\(what): \(arrived) of \(count) articles arrived within \(Int(timeout)) s")
            }
        }
    }

    /// The four standard stages over topics of `partitions` partitions; dedupe's input has one (see README).
    private func configuration(prefix p: String, bootstrap: String) -> String {
        func instances(_ stage: String) -> Int { options.instances[stage] ?? 1 }
        let dedupeParams = options.dedupeRetentionMinutes.map {
            ", parameters: { retention_days: \($0 / 1440), verdict_retention_days: \($0 / 1440) }"
        } ?? ""
        let lanes = options.concurrency.map { ", concurrency: \($0)" } ?? ""
        return """
            kafka:
              bootstrap: \(bootstrap)
              consumer: { \(options.consumerProperties.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")) }
              producer: { \(options.producerProperties.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")) }
            topics:
              \(p).raw: { partitions: \(options.partitions) }
              \(p).normalized: { partitions: \(options.partitions) }
              \(p).entities: { partitions: \(options.partitions) }
              \(p).classified: { partitions: 1 }
              \(p).enriched: { partitions: \(options.partitions) }
              \(p).dlq: { partitions: 1 }
            pipelines:
              bench:
                dead_letter: \(p).dlq
                stages:
                  - { name: normalize, worker: wire-normalize, input: \(p).raw, output: \(p).normalized, group: \(p).normalize, instances: \(instances("normalize"))\(lanes) }
                  - { name: entities, worker: wire-entities, input: \(p).normalized, output: \(p).entities, group: \(p).entities, instances: \(instances("entities"))\(lanes) }
                  - { name: classify, worker: wire-classify, input: \(p).entities, output: \(p).classified, group: \(p).classify, instances: \(instances("classify"))\(lanes) }
                  - { name: dedupe, worker: wire-dedupe, input: \(p).classified, output: \(p).enriched, group: \(p).dedupe\(dedupeParams)\(lanes) }
            """
    }

    /// Resident set size of a process in MB (from /proc), 0 when unknown.
    static func residentMB(pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kb / 1024
    }
}

/// When each article of the latency phase was sent, by id: the instant, and the wall clock in ms since
/// 1970 (to compare with the records' produce timestamps).
private final class SendTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [String: (at: ContinuousClock.Instant, wallMs: Int64)] = [:]
    func set(_ id: String, _ t: ContinuousClock.Instant, wallMs: Int64) { lock.withLock { times[id] = (t, wallMs) } }
    func get(_ id: String) -> ContinuousClock.Instant? { lock.withLock { times[id]?.at } }
    func wallMs(_ id: String) -> Int64? { lock.withLock { times[id]?.wallMs } }
}
