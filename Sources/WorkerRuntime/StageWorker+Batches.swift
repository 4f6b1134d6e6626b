import ArticleSchema
import Foundation
import Kafka
import StageKit

/// Batch processing: decode, process over the lanes, encode, send, then store the input offsets.
extension StageWorker {
    /// A batch processed into the records to send, with the input message behind each record.
    struct PreparedBatch: Sendable {
        var batch: [KafkaConsumerMessage]
        var records: [KafkaProducerRecord]
        var sources: [KafkaConsumerMessage]
        var deadLettered: Int
    }

    /// A batch whose records are being sent; its offsets are stored once they are acknowledged.
    struct InFlightBatch: Sendable {
        var prepared: PreparedBatch
        var sending: Task<[Result<KafkaDeliveryReport, KafkaError>], any Error>
        /// Its records in ``InFlightRecords``.
        var token: InFlightRecords.Token
    }

    /// Decodes, processes and encodes a batch (spread over the lanes), and builds the records to send.
    func prepare(_ batch: [KafkaConsumerMessage]) async throws -> PreparedBatch {
        counters.addConsumed(batch.count)
        counters.addBatch()
        let laneCount = stage.allowsConcurrency ? max(1, min(settings.concurrency, batch.count)) : 1
        var lanes = [[KafkaConsumerMessage]](repeating: [], count: laneCount)
        for message in batch { lanes[Self.lane(of: message, count: laneCount)].append(message) }

        let outputs: [[Outcome]] = await withTaskGroup(of: (Int, [Outcome]).self) { group in
            for (index, lane) in lanes.enumerated() where !lane.isEmpty {
                group.addTask {
                    var out: [Outcome] = []
                    out.reserveCapacity(lane.count)
                    for message in lane { out.append(await self.process(message)) }
                    return (index, out)
                }
            }
            var byLane = [[Outcome]](repeating: [], count: laneCount)
            for await (index, out) in group { byLane[index] = out }
            return byLane
        }
        var records: [KafkaProducerRecord] = []
        var sources: [KafkaConsumerMessage] = []
        records.reserveCapacity(batch.count)
        var deadLettered = 0
        for (laneIndex, lane) in outputs.enumerated() {
            for (i, outcome) in lane.enumerated() {
                sources.append(lanes[laneIndex][i])
                switch outcome {
                case .output(let r): records.append(r)
                case .deadLetter(let r):
                    records.append(r)
                    deadLettered += 1
                case .unroutable(let reason):
                    // Nowhere to put it: stop rather than lose the record (its offset is not committed).
                    throw WorkerError.noDeadLetterTopic(stage: settings.name, reason: reason)
                }
            }
        }

        return PreparedBatch(batch: batch, records: records, sources: sources, deadLettered: deadLettered)
    }

    /// Waits for a sent batch's acknowledgements (sending failed records again on a new producer),
    /// dead-letters outputs that outgrew the size limit, checkpoints the stage, then stores (or, with
    /// exactly-once, commits in the transaction) the batch's input offsets.
    func finish(
        _ prepared: PreparedBatch, results sent: [Result<KafkaDeliveryReport, KafkaError>], producers: ProducerBox,
        consumer: KafkaConsumer, exactlyOnce: Bool
    ) async throws {
        let (batch, records, sources) = (prepared.batch, prepared.records, prepared.sources)
        var deadLettered = prepared.deadLettered
        var producer = producers.current
        var results = sent
        if !exactlyOnce {
            // A producer that cannot deliver (e.g. a restarted broker that lost its state answers
            // UNKNOWN_PRODUCER_ID until the messages time out) is replaced and the failed records are sent
            // again; their input offsets are not stored until they are acknowledged.
            for attempt in 1...3 {
                let failed = results.indices.filter { if case .failure(let e) = results[$0] { !e.isRecordTooLarge } else { false } }
                guard let first = failed.first, case .failure(let error) = results[first] else { break }
                logger.warning("could not deliver records; starting a new producer and sending them again", metadata: [
                    "records": "\(failed.count)", "error": "\(error)", "attempt": "\(attempt)",
                ])
                producer = try await producers.renew()
                let retried = try await producer.sendBatch(failed.map { records[$0] })
                for (j, index) in failed.enumerated() { results[index] = retried[j] }
            }
        }
        var oversized: [KafkaProducerRecord] = []
        for (i, (record, result)) in zip(records, results).enumerated() {
            guard case .failure(let error) = result else { continue }
            if error.isRecordTooLarge, record.topic == settings.output, let dlq = settings.deadLetter {
                counters.addError(.recordTooLarge)
                // The enriched record outgrew the size limit: the original goes to the dead-letter topic.
                let reason = "the processed record (\(record.value.count) bytes) is larger than the message size limit: \(error.message)"
                logger.warning("record sent to the dead-letter topic", metadata: ["offset": "\(sources[i].offset)", "reason": "\(reason)"])
                oversized.append(DeadLetter.record(
                    for: sources[i], topic: dlq, reason: reason, stage: settings.name, pipeline: pipeline, maxValueBytes: deadLetterValueLimit))
                continue
            }
            if exactlyOnce { try? await producer.abortTransaction() }
            counters.addError(.deliveryFailed)
            throw WorkerError.deliveryFailed(topic: record.topic, error: error)
        }
        if !oversized.isEmpty {
            for case .failure(let error) in try await producer.sendBatch(oversized) {
                if exactlyOnce { try? await producer.abortTransaction() }
                counters.addError(.deliveryFailed)
                throw WorkerError.deliveryFailed(topic: settings.deadLetter ?? "", error: error)
            }
            deadLettered += oversized.count
        }
        try await stage.checkpoint()
        let positions = Self.nextPositions(batch)
        if exactlyOnce {
            try await producer.sendOffsetsToTransaction(positions, consumer: consumer)
            try await producer.commitTransaction()
        } else {
            try consumer.storeOffsets(positions)
            // Commit without waiting, at most every 200 ms, so a crash repeats at most that much; one commit
            // per batch made a request per batch, which at a few records per batch cost the broker more than
            // the records. librdkafka's auto-commit, the commit on revocation and the final commit cover the rest.
            if commits.due() { consumer.commitAsync() }
        }
        counters.addProduced(records.count - deadLettered)
        counters.addDeadLettered(deadLettered)
        counters.handled(positions)
    }

    enum Outcome: Sendable {
        case output(KafkaProducerRecord)
        case deadLetter(KafkaProducerRecord)
        /// Failed, and the stage has no dead-letter topic.
        case unroutable(String)
    }

    func process(_ message: KafkaConsumerMessage) async -> Outcome {
        let headerVersion = message.headers.string(ArticleCodec.schemaVersionHeader).flatMap { Int($0) }
        let clock = ContinuousClock()
        let start = clock.now
        var kind = WorkerCounters.ErrorKind.invalidRecord
        do {
            // Stages keep every input field, so an input already over the limit cannot be sent on: say so
            // without spending time processing it.
            if message.value.count > maxMessageBytes {
                kind = .recordTooLarge
                throw RecordTooLarge(bytes: message.value.count, limit: maxMessageBytes)
            }
            let record = try ArticleCodec.decode(message.value, headerSchemaVersion: headerVersion)
            kind = .stageError
            var out = try await stage.process(record)
            out.appendLineage(stage: stage.name, version: stage.version)
            counters.addProcessing(clock.now - start)
            let headers = ArticleCodec.headers.map { KafkaHeader(key: $0.key, string: $0.value) }
            return .output(KafkaProducerRecord(topic: settings.output, key: out.id, value: ArticleCodec.encode(out), headers: headers))
        } catch {
            counters.addProcessing(clock.now - start)
            counters.addError(kind)
            let reason = "\(error)"
            logger.warning("record sent to the dead-letter topic", metadata: [
                "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "reason": "\(reason)",
            ])
            guard let dlq = settings.deadLetter else {
                return .unroutable(reason)
            }
            return .deadLetter(DeadLetter.record(
                for: message, topic: dlq, reason: reason, stage: settings.name, pipeline: pipeline, maxValueBytes: deadLetterValueLimit))
        }
    }

    /// Room for a dead letter's value: the size limit less space for key and headers.
    var deadLetterValueLimit: Int { max(1024, maxMessageBytes - 16_384) }

    /// Lane for a message: by key, so one key's records stay in order; keyless records by partition and offset.
    static func lane(of message: KafkaConsumerMessage, count: Int) -> Int {
        guard count > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let key = message.key {
            for b in key { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        } else {
            hash = UInt64(bitPattern: message.offset) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: message.partition))
        }
        return Int(hash % UInt64(count))
    }

    /// Per partition, the offset after the last message of the batch.
    static func nextPositions(_ batch: [KafkaConsumerMessage]) -> [TopicPartition] {
        var next: [String: TopicPartition] = [:]
        for m in batch {
            let key = "\(m.topic)\u{0}\(m.partition)"
            if let existing = next[key], let offset = existing.offset, offset > m.offset { continue }
            next[key] = m.nextPosition
        }
        return next.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }
}
