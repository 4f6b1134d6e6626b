/// One article as it arrives at the normalize stage, before any cleaning.
public struct RawText: Sendable {
    /// Headline given by the source, if any (may contain HTML entities when `isHTML`).
    public var title: String?
    /// Body: plain text, or a whole HTML page / fragment when `isHTML` is true.
    public var body: String
    /// Whether `body` is HTML.
    public var isHTML: Bool
    /// Publication time claimed by the feed (ISO 8601 or a common wire/web date format).
    public var publishedAt: String?
    /// Feed or source name, informational only.
    public var source: String?

    public init(title: String?, body: String, isHTML: Bool, publishedAt: String? = nil, source: String? = nil) {
        self.title = title
        self.body = body
        self.isHTML = isHTML
        self.publishedAt = publishedAt
        self.source = source
    }
}
