import Foundation

/// The normalized article: clean text with typography kept, metadata found in it, and offsets.
public struct NormalizedText: Sendable {
    /// Headline: the raw title cleaned, else `<h1>`/`og:title`/`<title>`, else the first headline line or sentence.
    public var title: String
    /// Body text, NFC, paragraphs separated by a blank line, single spaces, typography kept.
    public var text: String
    /// ISO 639-1 code, `"und"` when unknown.
    public var language: String
    /// 0...1.
    public var languageConfidence: Double
    /// Only when trusted: a full date-time with zone from the text/meta/JSON-LD, else `RawText.publishedAt`,
    /// else a full calendar date (with year) from the text at 00:00 UTC.
    public var publishedAt: Date?
    /// Author(s), e.g. `"Nazrin Abdul"`.
    public var byline: String?
    /// Place (and date) of a wire dateline, e.g. `"LONDON, Aug 30"`.
    public var dateline: String?
    /// Agency or outlet credited in the text, e.g. `"Reuters"`, `"Azernews"`.
    public var credit: String?
    /// Number of words (CJK ideographs count one each).
    public var wordCount: Int
    /// The page's canonical URL (`<link rel=canonical>`, `og:url` or JSON-LD), when an HTML page names one.
    public var canonicalURL: String?
    /// Hex SHA-256 of `TextFolding.fold(text)`.
    public var contentHash: String
    /// Paragraph spans in `text`.
    public var paragraphs: [TextSpan]
    /// Sentence spans in `text`.
    public var sentences: [TextSpan]

    public init(
        title: String, text: String, language: String, languageConfidence: Double, publishedAt: Date?,
        byline: String?, dateline: String?, credit: String?, wordCount: Int, canonicalURL: String? = nil, contentHash: String,
        paragraphs: [TextSpan], sentences: [TextSpan]
    ) {
        self.canonicalURL = canonicalURL
        self.title = title
        self.text = text
        self.language = language
        self.languageConfidence = languageConfidence
        self.publishedAt = publishedAt
        self.byline = byline
        self.dateline = dateline
        self.credit = credit
        self.wordCount = wordCount
        self.contentHash = contentHash
        self.paragraphs = paragraphs
        self.sentences = sentences
    }

    /// `publishedAt` as ISO 8601 UTC (`2026-02-05T07:37:00Z`), or nil.
    public var publishedAtISO8601: String? {
        publishedAt.map { DateParser.iso8601($0) }
    }

    /// The substring of `text` covered by `span` (code-point offsets), clamped to the text.
    public func substring(_ span: TextSpan) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let start = max(0, min(span.start, count)), end = max(start, min(span.end, count))
        let a = scalars.index(scalars.startIndex, offsetBy: start)
        let b = scalars.index(a, offsetBy: end - start)
        return String(scalars[a..<b])
    }
}
