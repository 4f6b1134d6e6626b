import ArticleSchema

/// What a format reader extracts for one story before it becomes an ``ArticleRecord``.
struct WireStory {
    var guid: String?
    var version: String?
    var title: String?
    var body: String?
    var bodyIsHTML = false
    var publishedAt: String?
    var updatedAt: String?
    var language: String?
    var byline: String?
    var dateline: String?
    var source: String?
    var url: String?
    var subjects: [ArticleRecord.Subject] = []
    var deleted = false

    /// The record: `id` is the guid (stable across versions), or derived from source, url, title and body.
    func record(format: WireFormat, method: WireReadMethod) -> ArticleRecord {
        let clean = { (s: String?) -> String? in s.map(WireText.collapseWhitespace).flatMap { $0.isEmpty ? nil : $0 } }
        let title = clean(title.map(WireText.plainLine))
        var record = ArticleRecord(
            id: clean(guid), source: clean(source), url: clean(url), title: title, body: deleted ? "" : (body ?? ""),
            contentType: bodyIsHTML && !deleted ? .html : .plain, publishedAt: publishedAt)
        record.version = version
        record.updatedAt = updatedAt
        record.language = LanguageTag.normalize(language)
        record.byline = clean(byline.map(WireText.plainLine))
        record.dateline = clean(dateline.map(WireText.plainLine))
        record.subjects = subjects
        record.isDeleted = deleted
        record.wireOrigin = (format.rawValue, method.rawValue)
        return record
    }
}
