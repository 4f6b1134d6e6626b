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
    /// SHA-256 (hex) of the folded `text` when the caller already has it (the normalize stage
    /// writes it as `normalized.content_hash`); saves hashing the text again. Anything that is not
    /// 64 lower-case hex digits is ignored and the digest is computed.
    public var contentHash: String?

    public init(id: String, title: String, text: String, timestamp: Date, contentHash: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.timestamp = timestamp
        self.contentHash = contentHash
    }
}
