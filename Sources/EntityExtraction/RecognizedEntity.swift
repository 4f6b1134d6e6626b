/// An entity found in one document, with all of its mentions merged under one canonical name.
///
/// `text` is the surface form of the first mention, `canonical` the fullest form seen in the document
/// (`Trump` → `Donald Trump` once the full name has appeared), `mentions` in text order.
public struct RecognizedEntity: Sendable, Equatable {
    public var text: String
    public var type: EntityType
    public var canonical: String
    public var mentions: [EntityMention]

    public init(text: String, type: EntityType, canonical: String, mentions: [EntityMention]) {
        self.text = text
        self.type = type
        self.canonical = canonical
        self.mentions = mentions
    }
}
