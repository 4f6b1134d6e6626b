import ArgumentParser
import ArticleSchema
import Foundation
import PipelineConfig
import StageKit
import StandardStages

/// `wirectl process`: runs stage logic in-process over JSONL, no broker. This is how stages are
/// evaluated and benchmarked.
struct Process: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run stages in-process over JSONL (stdin or --input) and write JSONL to stdout; no broker.",
        discussion: """
            Stages run in the order given; records may already carry sections of earlier stages (so --stages \
            entities runs on records with normalized.text). Dedupe sees the records in input order. Stage \
            parameters come from the pipeline configuration when the file exists. Records that fail are \
            reported on stderr with their line number and the reason, and left out of the output.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Comma-separated stages: normalize, entities, classify, dedupe.")
    var stages = "normalize,entities,classify,dedupe"

    @Option(help: "JSONL input file (default: stdin).")
    var input: String?

    @Option(help: "Pipeline whose stage parameters to use (default: the first that has the stage).")
    var pipeline: String?

    @Option(help: "Directory for dedupe state, to keep it across runs (default: in memory).")
    var stateDir: String?

    func run() async throws {
        let kinds = stages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !kinds.isEmpty else { throw CommandFailure("--stages is empty; choose from \(StandardStages.kinds.joined(separator: ", "))", code: 2) }
        for kind in kinds where !StandardStages.kinds.contains(kind) {
            throw CommandFailure("unknown stage '\(kind)'\(didYouMean(kind, StandardStages.kinds)); choose from \(StandardStages.kinds.joined(separator: ", "))", code: 2)
        }
        let config: PipelineConfiguration? = FileManager.default.fileExists(atPath: common.config) ? try common.loadConfiguration() : nil
        var built: [any Stage] = []
        for kind in kinds {
            var parameters = StageParameters([:], path: "stages.\(kind).parameters")
            if let settings = config.flatMap({ settings(for: kind, in: $0) }) { parameters = settings.parameters }
            if kind == "dedupe" {
                if let stateDir { parameters.values["state_dir"] = .string(stateDir) } else { parameters.values["in_memory"] = true }
            }
            do {
                built.append(try StandardStages.make(
                    kind: kind, parameters: parameters,
                    context: StageContext(pipeline: "process", stage: kind, stateDirectory: URL(fileURLWithPath: stateDir ?? "state/process.\(kind)"))))
            } catch let error as StageConfigurationError {
                throw CommandFailure("\(config?.file ?? "parameters"): \(error)", code: 2)
            }
        }
        let prefixCount = built.prefix { $0.allowsConcurrency }.count
        let parallel = Array(built.prefix(prefixCount))
        let sequential = Array(built.dropFirst(prefixCount))

        let lines = try readLines(input)
        var failed = 0
        var written = 0
        let out = FileHandle.standardOutput
        let chunkSize = 512
        var start = 0
        let progress = Progress(total: lines.count, label: "processed")
        while start < lines.count {
            let end = min(start + chunkSize, lines.count)
            let chunk = Array(lines[start..<end])
            let base = start
            var results = await Self.runParallel(chunk, stages: parallel, workers: max(1, ProcessInfo.processInfo.activeProcessorCount))
            for i in results.indices {
                guard case .success(var record) = results[i] else { continue }
                for stage in sequential {
                    do {
                        record = try await stage.process(record)
                        record.appendLineage(stage: stage.name, version: stage.version)
                    } catch {
                        results[i] = .failure(.init("\(stage.name): \(error)"))
                        break
                    }
                }
                if case .success = results[i] { results[i] = .success(record) }
            }
            var text = ""
            for (i, result) in results.enumerated() {
                switch result {
                case .success(let record):
                    text += ArticleCodec.encodeString(record)
                    text += "\n"
                    written += 1
                case .failure(let error) where error.reason == "":
                    continue
                case .failure(let error):
                    failed += 1
                    printError("\(input ?? "stdin"):\(base + i + 1): \(error.reason)")
                }
            }
            out.write(Data(text.utf8))
            start = end
            progress.update(start)
        }
        progress.finish()
        for stage in built { try await stage.shutdown() }
        if failed > 0 { printError("wirectl process: \(written) records written, \(failed) failed (reasons above)") }
    }

    /// Decodes and runs the concurrent stages over a chunk, keeping input order. Blank lines give an empty failure.
    static func runParallel(_ lines: [String], stages: [any Stage], workers: Int) async -> [Result<ArticleRecord, StageError>] {
        await withTaskGroup(of: (Int, [Result<ArticleRecord, StageError>]).self) { group in
            let per = (lines.count + workers - 1) / workers
            for w in 0..<workers {
                let lo = w * per
                let hi = min(lines.count, lo + per)
                guard lo < hi else { continue }
                let slice = Array(lines[lo..<hi])
                group.addTask {
                    var out: [Result<ArticleRecord, StageError>] = []
                    out.reserveCapacity(slice.count)
                    for line in slice {
                        if line.trimmingCharacters(in: .whitespaces).isEmpty {
                            out.append(.failure(StageError("")))
                            continue
                        }
                        do {
                            var record = try ArticleCodec.decode(line)
                            for stage in stages {
                                do {
                                    record = try await stage.process(record)
                                } catch {
                                    throw StageError("\(stage.name): \(error)")
                                }
                                record.appendLineage(stage: stage.name, version: stage.version)
                            }
                            out.append(.success(record))
                        } catch let error as StageError {
                            out.append(.failure(error))
                        } catch {
                            out.append(.failure(StageError("\(error)")))
                        }
                    }
                    return (lo, out)
                }
            }
            var parts: [(Int, [Result<ArticleRecord, StageError>])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    private func settings(for kind: String, in config: PipelineConfiguration) -> StageSettings? {
        let pipelines = config.pipelines.filter { pipeline == nil || $0.name == pipeline }
        for p in pipelines { if let s = p.stages.first(where: { $0.kind == kind }) { return s } }
        return nil
    }
}
