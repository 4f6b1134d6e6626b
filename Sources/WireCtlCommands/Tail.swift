import ArgumentParser
import ArticleSchema
import Foundation
import Kafka
import PipelineConfig
import StageKit

/// `wirectl tail`: prints a topic's records as JSONL.
struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a topic's records as JSONL on stdout.",
        discussion: "Without --topic, tails the final topic of the first pipeline. Reads without joining a consumer group, so it never moves a stage's offsets.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Topic to read.")
    var topic: String?

    @Flag(help: "Start at the oldest record instead of new ones only.")
    var fromBeginning = false

    @Option(help: "Stop after this many records.")
    var count: Int?

    @Option(help: "Stop when no record arrived for this many seconds.")
    var timeout: Double?

    @Flag(help: "Wrap each record with its topic, partition, offset, key and headers (dead-letter reasons are headers).")
    var headers = false

    func run() async throws {
        try requireKafka()
        let config = try common.loadConfiguration()
        guard let topic = topic ?? config.pipelines.first?.finalTopic else {
            throw CommandFailure("no --topic given and the configuration has no pipeline", code: 2)
        }
        let kafka = common.kafkaConfiguration(config)
        let admin = try KafkaAdmin(configuration: kafka, logger: common.logger)
        let description: TopicDescription?
        do {
            description = try await admin.describeTopic(topic)
        } catch {
            throw CommandFailure("\(error)")
        }
        guard let description else {
            let known = (try? await admin.listTopics().map(\.name)) ?? []
            throw CommandFailure("topic '\(topic)' does not exist\(didYouMean(topic, known))", code: 2)
        }
        var consumerKafka = kafka
        consumerKafka.properties["enable.auto.commit"] = "false"
        var cc = KafkaConsumerConfiguration(kafka: consumerKafka, groupID: "wirectl-tail-\(UUID().uuidString.prefix(8))")
        cc.autoOffsetReset = fromBeginning ? "earliest" : "latest"
        let consumer = try KafkaConsumer(configuration: cc, logger: common.logger)
        defer { consumer.close() }
        try consumer.assign(description.partitions.map { TopicPartition(topic: topic, partition: $0) })

        var printed = 0
        let out = FileHandle.standardOutput
        while count.map({ printed < $0 }) ?? true {
            let batch = try await nextBatch(consumer, timeout: timeout)
            guard let batch else { break }
            var text = ""
            for m in batch {
                if let count, printed >= count { break }
                text += headers ? wrap(m) : String(decoding: m.value, as: UTF8.self)
                text += "\n"
                printed += 1
            }
            out.write(Data(text.utf8))
        }
        if printed == 0, timeout != nil { printError("no records in '\(topic)'\(fromBeginning ? "" : " (new ones only; use --from-beginning for older)")") }
    }

    /// The next non-empty batch, or nil when `timeout` seconds pass without one.
    private func nextBatch(_ consumer: KafkaConsumer, timeout: Double?) async throws -> [KafkaConsumerMessage]? {
        guard let timeout else {
            let batch = try await consumer.nextBatch(maxMessages: 500)
            return batch.isEmpty ? nil : batch
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            let batch = try await consumer.nextBatch(maxMessages: 500, timeout: .milliseconds(200))
            if !batch.isEmpty { return batch }
        }
        return nil
    }

    private func wrap(_ m: KafkaConsumerMessage) -> String {
        var headerObject = JSONObject()
        for h in m.headers { headerObject[h.key] = JSONValue(h.stringValue) }
        let value = (try? JSONParser.parse(m.value)) ?? .string(String(decoding: m.value, as: UTF8.self))
        let o: JSONObject = [
            "topic": .string(m.topic), "partition": JSONValue(Int(m.partition)), "offset": JSONValue(Int(m.offset)),
            "key": JSONValue(m.keyString), "headers": .object(headerObject), "value": value,
        ]
        return JSONWriter.string(.object(o))
    }
}

/// ` (did you mean 'x'?)` or nothing.
func didYouMean(_ word: String, _ candidates: [String]) -> String {
    StageKit.Suggestion.closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}
