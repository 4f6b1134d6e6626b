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
            discussion: """
                Any label set works: the model's labels are the distinct labels of the data. Give --csv several times \
                to train on the files' rows together. With --holdout F, a topic-stratified fraction F is kept out of \
                training and evaluated. Build with -c release: training in a debug build is slow.
                """)

        @Option(help: "Training data (CSV or JSONL); repeat to train on several files together.") var csv: [String] = []
        @Option(help: "Where to write the model.") var out: String
        @Option(help: "Random seed.") var seed: UInt64 = TopicRecipe.seed
        @Option(help: "Fraction held out for evaluation (0 = train on everything).") var holdout: Double = 0
        @Option(name: .customLong("set"), help: ArgumentHelp(
            "Override a recipe hyper-parameter, NAME=VALUE (repeatable; e.g. cost=0.5).",
            discussion: "The shipped model uses the defaults; see TopicTrainingOptions."))
        var overrides: [String] = []

        func validate() throws {
            guard !csv.isEmpty else { throw ValidationError("give the training data with --csv FILE (repeatable)") }
            guard (0..<1).contains(holdout) else { throw ValidationError("--holdout must be in [0, 1), got \(holdout)") }
        }

        func run() async throws {
            let options = try ClassifierData.options(overrides)
            let rows = try ClassifierData.load(csv)
            let (trainRows, heldOut) = holdout > 0
                ? TopicTraining.stratifiedSplit(rows, holdoutFraction: holdout, seed: seed) : (rows, [])
            let start = Date()
            do {
                let model = try TopicTraining.train(trainRows, seed: seed, options: options, log: { printError($0) })
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

/// Shared by `wirectl train classifier` and `wirectl eval classifier`: data files and recipe overrides.
enum ClassifierData {
    /// Rows of every file, concatenated in the order given.
    static func load(_ paths: [String]) throws -> [LabeledText] {
        for f in paths where !FileManager.default.fileExists(atPath: f) {
            throw CommandFailure("no such file '\(f)'", code: 2)
        }
        do {
            return try TopicDataset.load(paths.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure("\(error)", code: 2)
        }
    }

    /// The shipped recipe with `NAME=VALUE` overrides applied.
    static func options(_ overrides: [String]) throws -> TopicTrainingOptions {
        var options = TopicTrainingOptions()
        for assignment in overrides {
            do { try options.set(assignment) } catch { throw CommandFailure("--set: \(error)", code: 2) }
        }
        return options
    }
}
