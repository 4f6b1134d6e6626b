import ArticleSchema
import EntityExtraction
import Foundation
import StageKit

/// `entities`: names (trained tagger) and values (rules) in `normalized.text`, merged per article
/// under a canonical name. Parameter `model`: path of another tagger model.
public struct EntitiesStage: Stage {
    public let name = "entities"
    public let version: String
    private let recognizer: EntityRecognizer

    public init(parameters: StageParameters = StageParameters()) throws {
        try parameters.rejectUnknown(["model"])
        if let path = try parameters.string("model") {
            do {
                recognizer = try EntityRecognizer(modelAt: URL(fileURLWithPath: path))
            } catch {
                throw StageConfigurationError(path: "\(parameters.path).model", message: "cannot load the tagger model '\(path)': \(error)")
            }
            version = "1.0+" + URL(fileURLWithPath: path).lastPathComponent
        } else {
            recognizer = try EntityRecognizer.bundled()
            version = "1.0+" + EntityRecognizer.bundledModelName
        }
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        var record = record
        let text = record.workingText
        record.entities = recognizer.recognize(text).map { e in
            EntityRecord(
                text: e.text, type: e.type.rawValue, canonical: e.canonical,
                mentions: e.mentions.map { EntityRecord.Mention(start: $0.start, end: $0.end) })
        }
        return record
    }
}
