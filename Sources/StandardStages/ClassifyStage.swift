import ArticleSchema
import Foundation
import StageKit
import TopicClassification

/// `classify`: topic scores from a trained model plus the newsroom's rule-based labels.
///
/// Parameters: `model` (path of a model from `wirectl train classifier`, for any label set; default the shipped
/// AG News model; relative paths are taken from the worker's working directory), `threshold` (score from which a label counts as assigned, default 0.5), `rules` (list of
/// `{label, keywords, phrases, entities, score}`).
public struct ClassifyStage: Stage {
    public let name = "classify"
    public let version: String
    private let classifier: TopicClassifier
    private let rules: RuleSet
    public let threshold: Double

    public init(parameters: StageParameters = StageParameters()) throws {
        try parameters.rejectUnknown(["model", "threshold", "rules"])
        threshold = try parameters.double("threshold", default: 0.5)
        if let path = try parameters.string("model") {
            do {
                classifier = try TopicClassifier(modelAt: URL(fileURLWithPath: path))
            } catch {
                throw StageConfigurationError(path: "\(parameters.path).model", message: "cannot load the classifier model '\(path)': \(error); give the path of a model written by `wirectl train classifier --out`, or drop `model:` to use the shipped AG News model")
            }
            version = "1.1+" + URL(fileURLWithPath: path).lastPathComponent
        } else {
            classifier = try TopicClassifier.bundled()
            version = "1.1+bundled"
        }
        var parsed: [TopicRule] = []
        if let list = parameters.values["rules"], !list.isNull {
            guard let items = list.arrayValue else {
                throw StageConfigurationError(path: "\(parameters.path).rules", expected: "a list of rules", found: list)
            }
            for (i, item) in items.enumerated() {
                let path = "\(parameters.path).rules[\(i)]"
                guard let o = item.objectValue else { throw StageConfigurationError(path: path, expected: "a mapping", found: item) }
                let p = StageParameters(o, path: path)
                try p.rejectUnknown(["label", "keywords", "phrases", "entities", "score"])
                guard let label = try p.string("label") else {
                    throw StageConfigurationError(path: "\(path).label", message: "missing; expected the label this rule assigns")
                }
                let rule = TopicRule(
                    label: label, keywords: try p.strings("keywords"), phrases: try p.strings("phrases"),
                    entities: try p.strings("entities"), score: try p.double("score", default: 1.0))
                if rule.keywords.isEmpty && rule.phrases.isEmpty && rule.entities.isEmpty {
                    throw StageConfigurationError(path: path, message: "a rule needs at least one of keywords, phrases, entities")
                }
                parsed.append(rule)
            }
        }
        rules = RuleSet(parsed)
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        var record = record
        let title = record.workingTitle
        let text = record.workingText
        let model = classifier.classify(title: title, text: text)
        let names = (record.entities ?? []).map(\.canonical)
        let combined = TopicCombination.combine(model: model, rules: rules.apply(title: title, text: text, entities: names))
        record.topics = combined.map { TopicRecord(label: $0.label, score: $0.score) }
        return record
    }
}
