import ArticleSchema
import Normalization
import StageKit

/// `normalize`: raw text or HTML → the `normalized` section (clean text, title, language, date, byline, dateline, hash;
/// `credit` and a page's `canonical_url` as further fields).
public struct NormalizeStage: Stage {
    public let name = "normalize"
    public let version = "1.0"
    private let normalizer = Normalizer()

    public init(parameters: StageParameters = StageParameters()) throws {
        try parameters.rejectUnknown([])
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        // a tombstone (the source withdrew the story) has no text: it passes on for consumers to delete the id
        if record.isDeleted { return record }
        var record = record
        guard let body = record.body else {
            if record.normalized != nil { return record }
            throw StageError("missing required field 'body'")
        }
        let raw = RawText(
            title: record.title, body: body, isHTML: record.contentType == .html,
            publishedAt: record.publishedAt, source: record.source)
        let n: NormalizedText
        do {
            n = try normalizer.normalize(raw)
        } catch {
            throw StageError("normalization failed: \(error)")
        }
        var extra: JSONObject = ["language_confidence": .number((n.languageConfidence * 1000).rounded() / 1000)]
        if let credit = n.credit { extra["credit"] = .string(credit) }
        if let url = n.canonicalURL { extra["canonical_url"] = .string(url) }
        record.normalized = NormalizedSection(
            title: n.title, text: n.text, language: n.language,
            publishedAt: n.publishedAt.map(ISOTime.string(from:)),
            byline: n.byline, dateline: n.dateline, wordCount: n.wordCount, contentHash: n.contentHash, extra: extra)
        return record
    }
}
