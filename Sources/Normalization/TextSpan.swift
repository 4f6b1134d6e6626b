/// A range of Unicode code-point (scalar) offsets into `NormalizedText.text`; `end` is exclusive.
public struct TextSpan: Sendable, Equatable, Hashable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Number of code points covered.
    public var length: Int { end - start }
}
