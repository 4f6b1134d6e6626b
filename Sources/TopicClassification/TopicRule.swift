/// A rule that assigns `label` with `score` when any of its keywords, phrases or entities occur.
/// Matching ignores case and punctuation; a keyword ending in `*` matches word prefixes (`elect*`).
public struct TopicRule: Sendable, Codable, Equatable {
    public var label: String
    /// Single words (multi-word keywords behave as phrases).
    public var keywords: [String]
    /// Word sequences that must occur contiguously.
    public var phrases: [String]
    /// Entity names compared with the article's extracted entities.
    public var entities: [String]
    /// Score given to `label` when the rule matches, in [0, 1].
    public var score: Double

    public init(label: String, keywords: [String] = [], phrases: [String] = [], entities: [String] = [], score: Double = 1) {
        self.label = label
        self.keywords = keywords
        self.phrases = phrases
        self.entities = entities
        self.score = score
    }
}
