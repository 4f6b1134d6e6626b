import ArgumentParser
import ArticleSchema
import Foundation
import Kafka
import PipelineConfig
import WireFormats

/// `wirectl ingest FILE...`: JSONL records, wire-format files (as `wirectl convert` reads them), or `.txt`/`.html`
/// files as one article each, into a pipeline's input topic.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send articles to a pipeline's input topic.",
        discussion: """
            A .jsonl/.json file holds one record per line (fields id, source, url, title, body, content_type, \
            published_at; a missing id is derived from source, url, title and body, so ingesting twice gives the \
            same id); content starting with '{' is read as JSONL whatever the name. Wire-format files (NewsML-G2, \
            NITF, NewsML 1, RSS, Atom, ANPA-1312, IPTC 7901, detected from the content) give one record per story, \
            as `wirectl convert` prints them. Any other file is one article: .html/.htm as text/html, everything \
            else as text/plain. \
            "-" reads JSONL from stdin. Lines that are not valid records are sent as they are (unless --strict), \
            so the first stage puts them in the dead-letter topic with the reason.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Files to ingest ('-' for JSONL on stdin).")
    var files: [String]

    @Option(help: "Topic to write (default: the input topic of the pipeline's first stage).")
    var topic: String?

    @Option(help: "Pipeline whose input topic to write (default: the first pipeline).")
    var pipeline: String?

    @Option(help: "The `source` of articles read from plain .txt/.html files.")
    var source = "file"

    @Flag(help: "Refuse the whole input if any line is not a valid record, instead of sending it on for dead-lettering.")
    var strict = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        let target = try resolveTopic(config)
        let (batches, malformed) = try IngestFiles.records(files: files, topic: target, source: source)
        if strict && !malformed.isEmpty {
            throw CommandFailure("\(malformed.count) invalid record(s); nothing was sent:\n  " + malformed.prefix(20).joined(separator: "\n  "), code: 2)
        }

        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(kafka: producerConfiguration(config)), logger: common.logger)
        defer { producer.close() }
        try await IngestFiles.send(batches, with: producer, progressLabel: "ingested")
        print("ingested \(batches.count) record\(batches.count == 1 ? "" : "s") into \(target)")
        if !malformed.isEmpty {
            printError("\(malformed.count) line(s) are not valid records and were sent as-is; the first stage will dead-letter them:")
            for m in malformed.prefix(10) { printError("  \(m)") }
            if malformed.count > 10 { printError("  … and \(malformed.count - 10) more") }
        }
    }

    private func resolveTopic(_ config: PipelineConfiguration) throws -> String {
        if let topic { return topic }
        if let name = pipeline {
            guard let p = config.pipeline(named: name) else {
                throw CommandFailure("no pipeline named '\(name)'; pipelines: \(config.pipelines.map(\.name).joined(separator: ", "))", code: 2)
            }
            return p.source
        }
        guard let first = config.pipelines.first else { throw CommandFailure("the configuration has no pipeline", code: 2) }
        return first.source
    }

    private func producerConfiguration(_ config: PipelineConfiguration) -> KafkaConfiguration {
        var k = common.kafkaConfiguration(config)
        for (key, value) in config.kafka.producer { k.properties[key] = value }
        return k
    }
}

/// Reading files into records for the input topic, and sending them.
enum IngestFiles {
    /// The records for `files`, and a description of each line that is not a valid record (sent as-is).
    static func records(files: [String], topic: String, source: String) throws -> (records: [KafkaProducerRecord], malformed: [String]) {
        var batches: [KafkaProducerRecord] = []
        var malformed: [String] = []
        let receivedAt = ISOTime.string(from: Date())
        let headers = ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
        for file in files {
            let lower = file.lowercased()
            let content = file == "-" ? nil : FileManager.default.contents(atPath: file).map { [UInt8]($0) }
            let startsLikeJSON = content?.first { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF } == UInt8(ascii: "{")
            if file == "-" || lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") || startsLikeJSON {
                for (n, line) in try readLines(file).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    do {
                        var record = try ArticleCodec.decode(line)
                        if record.receivedAt == nil { record.receivedAt = receivedAt }
                        batches.append(KafkaProducerRecord(topic: topic, key: record.id, value: ArticleCodec.encode(record), headers: headers))
                    } catch {
                        malformed.append("\(file):\(n + 1): \(error)")
                        batches.append(KafkaProducerRecord(topic: topic, key: nil, value: Array(line.utf8)))
                    }
                }
            } else if let content, case .success = FormatDetector.detect(content) {
                // a wire format (NewsML-G2, NITF, NewsML 1, RSS, Atom, ANPA-1312, IPTC 7901): one record per story
                do {
                    let result = try WireFileReader.read(content, name: file)
                    for message in result.messages { printError(message) }
                    for var record in result.records {
                        if record.receivedAt == nil { record.receivedAt = receivedAt }
                        batches.append(KafkaProducerRecord(topic: topic, key: record.id, value: ArticleCodec.encode(record), headers: headers))
                    }
                } catch {
                    malformed.append("\(error.description) (not sent)")
                }
            } else {
                guard let data = content.map({ Data($0) }) else {
                    throw CommandFailure("cannot read '\(file)': no such file or not readable", code: 2)
                }
                let isHTML = lower.hasSuffix(".html") || lower.hasSuffix(".htm")
                let record = ArticleRecord(
                    source: source, url: URL(fileURLWithPath: file).lastPathComponent, body: String(decoding: data, as: UTF8.self),
                    contentType: isHTML ? .html : .plain, receivedAt: receivedAt)
                batches.append(KafkaProducerRecord(topic: topic, key: record.id, value: ArticleCodec.encode(record), headers: headers))
            }
        }
        return (batches, malformed)
    }

    /// Sends in chunks, each acknowledged before the next, with a progress line for large inputs.
    static func send(_ records: [KafkaProducerRecord], with producer: KafkaProducer, progressLabel: String) async throws {
        let progress = Progress(total: records.count, label: progressLabel)
        var index = 0
        while index < records.count {
            let chunk = Array(records[index..<min(index + 2000, records.count)])
            let results: [Result<KafkaDeliveryReport, KafkaError>]
            do {
                results = try await producer.sendBatch(chunk)
            } catch {
                throw CommandFailure("\(error)")
            }
            for case .failure(let error) in results {
                throw CommandFailure("sending to '\(chunk[0].topic)' failed after \(index) records: \(error)")
            }
            index += chunk.count
            progress.update(index)
        }
        progress.finish()
    }
}

/// A progress line on stderr for long work: count, rate, and percentage when the total is known.
final class Progress: @unchecked Sendable {
    private let total: Int?
    private let label: String
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var printed = false

    init(total: Int?, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= 0.5, now.timeIntervalSince(start) >= 1 || (total ?? 0) >= 5000 else { return }
        lastPrint = now
        printed = true
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        let pct = total.map { $0 > 0 ? String(format: " (%.0f%%)", 100 * Double(done) / Double($0)) : "" } ?? ""
        let of = total.map { "/\($0)" } ?? ""
        FileHandle.standardError.write(Data("\r\(label) \(done)\(of)\(pct), \(Int(rate))/s   ".utf8))
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
