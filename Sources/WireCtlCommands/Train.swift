import ArgumentParser
import EntityExtraction
import EntityTraining
import Foundation
import TopicClassification
import TopicTraining


/// `wirectl train entities|classifier`: reproduces the shipped models (fixed seeds).
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the entity tagger or the topic classifier.",
        subcommands: [Entities.self, Classifier.self])

    struct Entities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the entity tagger on CoNLL-2003 files.",
            discussion: "The dev file only picks the stopping epoch and is never trained on. The gazetteer and the pretrained word clusters come from the module's Resources (gazetteer.txt, word-clusters.txt; see its MODEL.md). Build with -c release: training in a debug build is slow.")

        @Option(help: "CoNLL-2003 training file.") var train: String
        @Option(help: "CoNLL-2003 development file (model selection only).") var dev: String?
        @Option(help: "Where to write the model.") var out: String
        @Option(help: "Random seed (shuffling).") var seed: UInt64 = 1
        @Option(help: "Training epochs.") var epochs = 18

        func run() async throws {
            for f in [train] + (dev.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: f) {
                throw CommandFailure("no such file '\(f)'", code: 2)
            }
            do {
                let summary = try EntityTraining.train(
                    train: URL(fileURLWithPath: train), dev: dev.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: out),
                    seed: seed, epochs: epochs, log: { printError($0) })
                print(summary)
            } catch {
                throw CommandFailure("training failed: \(error)")
            }
        }
    }

    struct Classifier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a topic classifier from CSV (label,title,description) or JSONL ({label,title,text}).",
            discussion: "With --holdout F, a topic-stratified fraction F is kept out of training and evaluated.")

        @Option(help: "Training data (CSV or JSONL).") var csv: String
        @Option(help: "Where to write the model.") var out: String
        @Option(help: "Random seed.") var seed: UInt64 = TopicRecipe.seed
        @Option(help: "Fraction held out for evaluation (0 = train on everything).") var holdout: Double = 0

        func run() async throws {
            let rows: [LabeledText]
            do {
                rows = try TopicDataset.load(URL(fileURLWithPath: csv))
            } catch {
                throw CommandFailure("\(csv): \(error)", code: 2)
            }
            guard (0..<1).contains(holdout) else { throw CommandFailure("--holdout must be in [0, 1)", code: 2) }
            let (trainRows, heldOut) = holdout > 0
                ? TopicTraining.stratifiedSplit(rows, holdoutFraction: holdout, seed: seed) : (rows, [])
            let start = Date()
            do {
                let model = try TopicTraining.train(trainRows, seed: seed, log: { printError($0) })
                try model.write(to: URL(fileURLWithPath: out))
                print("trained on \(trainRows.count) rows in \(String(format: "%.1f", Date().timeIntervalSince(start))) s → \(out)")
                if !heldOut.isEmpty {
                    print("held out \(heldOut.count) rows:")
                    print(TopicEvaluation.evaluate(heldOut, classifier: model.classifier))
                }
            } catch {
                throw CommandFailure("training failed: \(error)")
            }
        }
    }
}
