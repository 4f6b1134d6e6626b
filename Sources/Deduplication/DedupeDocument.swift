import Foundation

/// One article as the dedupe stage sees it.
public struct DedupeDocument: Sendable {
    /// Article id; an id seen before gets its first verdict back (replay safety).
    public var id: String
    /// Headline (kept for diagnostics; matching uses `text`).
    public var title: String
    /// Normalized body text (dateline and byline already stripped by the normalize stage).
    public var text: String
    /// `published_at`, or `received_at` when there is none; drives the retention window.
    public var timestamp: Date

    public init(id: String, title: String, text: String, timestamp: Date) {
        self.id = id
        self.title = title
        self.text = text
        self.timestamp = timestamp
    }
}
