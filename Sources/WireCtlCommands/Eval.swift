import ArgumentParser
import DedupeEvaluation
import Deduplication
import EntityExtraction
import EntityTraining
import Foundation
import TopicClassification
import TopicTraining
import Normalization


/// `wirectl eval entities|classifier|dedupe`: quality figures on labelled data.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a stage on labelled data.",
        subcommands: [Entities.self, Classifier.self, Dedupe.self, EvalExtraction.self])

    struct Entities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision, recall and F1 per type and overall on a CoNLL-2003 file (exact spans, conlleval convention), through the text path and on gold tokens.",
            discussion: """
                Text path (the headline figure): each document (found by its dateline, as \
                ../shared/data/conll2003/text_path_eval.py finds it) is rebuilt as text, tokens joined by spaces and one \
                sentence a line, and sent through the entities stage as deployed; its mentions are scored against the gold spans. \
                Gold tokens: the tagger alone on the file's own tokens, sentence by sentence.
                """)
        @Option(help: "CoNLL-2003 file with gold tags.") var conll: String
        @Option(help: "Tagger model (default: the shipped one).") var model: String?
        @Option(help: ArgumentHelp(
            "Text path with these steps switched off (comma-separated: \(TextPathStep.allCases.map(\.rawValue).joined(separator: ", "))).",
            discussion: "To measure what each step does; tokenizer = the gold tokens and sentences instead of the tokenizer's."))
        var without: String?

        func run() async throws {
            guard FileManager.default.fileExists(atPath: conll) else { throw CommandFailure("no such file '\(conll)'", code: 2) }
            var steps = Set<TextPathStep>()
            for name in (without ?? "").split(separator: ",") {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let step = TextPathStep(rawValue: trimmed) else {
                    throw CommandFailure(
                        "unknown step '\(trimmed)' in --without; use some of: \(TextPathStep.allCases.map(\.rawValue).joined(separator: ", "))", code: 2)
                }
                steps.insert(step)
            }
            do {
                let url = URL(fileURLWithPath: conll)
                let recognizer = try model.map { try EntityRecognizer(modelAt: URL(fileURLWithPath: $0)) } ?? EntityRecognizer.bundled()
                let label = steps.isEmpty ? "" : " without \(TextPathStep.allCases.filter(steps.contains).map(\.rawValue).joined(separator: ", "))"
                print("text path (entities stage as deployed\(label)):")
                print(try TextPathEvaluation.evaluate(conll: url, recognizer: recognizer, without: steps))
                print("\ngold tokens (tagger only):")
                print(try EntityEvaluation.evaluate(conll: url, recognizer: recognizer))
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    struct Classifier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accuracy, per-label precision/recall/F1 and the confusion matrix on CSV or JSONL.",
            discussion: """
                Give --csv several times to evaluate on the files' rows together. With --holdout the shipped recipe \
                is trained on all but a topic-stratified tenth of the rows (--seed picks it) and scored on that tenth: \
                the development figure of Sources/TopicClassification/MODEL.md is

                  wirectl eval classifier --csv ../shared/data/ag_news/train.csv --csv ../shared/data/ag_news/train-extra.csv --holdout
                """)
        @Option(help: "Labelled data (CSV label,title,description or JSONL); repeat to use several files together.") var csv: [String] = []
        @Option(help: "Model (default: the shipped one).") var model: String?
        @Flag(help: "Run the training recipe on a topic-stratified part of the rows and evaluate on the rest (--fraction).") var holdout = false
        @Option(help: "With --holdout: fraction of each topic held out.") var fraction: Double = TopicRecipe.holdoutFraction
        @Option(help: "Seed of the --holdout split and training.") var seed: UInt64 = TopicRecipe.seed
        @Option(help: ArgumentHelp(
            "With --holdout: repeat on this many splits (seeds --seed, --seed + 1, ...) and report the spread.",
            discussion: "One held-out part is a noisy figure; the mean over splits is a steadier one."))
        var splits: Int = 1
        @Option(name: .customLong("set"), help: "With --holdout: override a recipe hyper-parameter, NAME=VALUE (repeatable).")
        var overrides: [String] = []

        func validate() throws {
            guard !csv.isEmpty else { throw ValidationError("give the labelled data with --csv FILE (repeatable)") }
            guard splits >= 1 else { throw ValidationError("--splits must be at least 1, got \(splits)") }
            guard splits == 1 || holdout else { throw ValidationError("--splits needs --holdout") }
            guard overrides.isEmpty || holdout else { throw ValidationError("--set needs --holdout") }
            guard fraction > 0, fraction < 1 else { throw ValidationError("--fraction must be in (0, 1), got \(fraction)") }
            guard !holdout || model == nil else { throw ValidationError("--holdout trains its own model; drop --model") }
        }

        func run() async throws {
            let rows = try ClassifierData.load(csv)
            if holdout {
                let options = try ClassifierData.options(overrides)
                do {
                    if splits > 1 {
                        let seeds = (0..<UInt64(splits)).map { seed &+ $0 }
                        print(try TopicRecipe.repeatedHoldout(rows: rows, seeds: seeds, fraction: fraction, options: options,
                                                              log: { printError($0) }), terminator: "")
                    } else {
                        print(try TopicRecipe.holdoutAccuracy(rows: rows, seed: seed, fraction: fraction, options: options,
                                                              log: { printError($0) }))
                    }
                } catch {
                    throw CommandFailure("\(error)")
                }
                return
            }
            do {
                let classifier = try model.map { try TopicClassifier(modelAt: URL(fileURLWithPath: $0)) } ?? TopicClassifier.bundled()
                print(TopicEvaluation.evaluate(rows, classifier: classifier))
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    struct Dedupe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dedupe precision, recall and F1 on a labelled stream (truth.* fields, as ../shared/data/dedup/dev.jsonl).",
            discussion: "Articles are normalized with the normalize stage first, as in the pipeline.")
        @Option(help: "Labelled JSONL stream.") var stream: String

        func run() async throws {
            guard FileManager.default.fileExists(atPath: stream) else { throw CommandFailure("no such file '\(stream)'", code: 2) }
            let normalizer = Normalizer()
            do {
                let report = try DedupeEvaluation.evaluate(
                    stream: URL(fileURLWithPath: stream), options: DedupeOptions(),
                    prepare: { title, body in
                        (try? normalizer.normalize(RawText(title: title, body: body, isHTML: false)).text) ?? body
                    },
                    log: { printError($0) })
                print(report)
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
