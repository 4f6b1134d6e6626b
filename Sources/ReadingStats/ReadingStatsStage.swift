import ArticleSchema
import StageKit

/// `stats`: adds a `reading` section (words, sentences, paragraphs, reading minutes, average word length).
/// Shipped as the worked example of adding a stage: a library with the logic and this `Stage`,
/// a thin executable (`wire-stats`), an entry in pipelines.yaml.
public struct ReadingStatsStage: Stage {
    public let name = "stats"
    public let version = "1.0"

    public init(parameters: StageParameters = StageParameters()) throws {
        try parameters.rejectUnknown([])
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        var record = record
        let stats = ReadingStats(text: record.workingText)
        record.extra["reading"] = .object([
            "words": JSONValue(stats.words), "sentences": JSONValue(stats.sentences), "paragraphs": JSONValue(stats.paragraphs),
            "reading_minutes": JSONValue(stats.readingMinutes), "average_word_length": .number(stats.averageWordLength),
        ])
        return record
    }
}
