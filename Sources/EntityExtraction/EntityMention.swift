/// One occurrence of an entity: Unicode code-point (scalar) offsets into the input text, `end` exclusive.
public struct EntityMention: Sendable, Equatable, Codable {
    /// Offset of the first scalar of the mention.
    public var start: Int
    /// Offset one past the last scalar of the mention.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
