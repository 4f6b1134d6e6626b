/// The verdict for one article: its status, the earliest article of its cluster, and the verified score.
public struct DedupeVerdict: Sendable, Equatable {
    /// `unique`, `duplicate` or `nearDuplicate`.
    public var status: DedupeStatus
    /// Id of the earliest retained article of the cluster; `nil` when `status == .unique`.
    public var duplicateOf: String?
    /// 1 for exact duplicates; the verified weighted Jaccard (or containment, when that decided) for
    /// near-duplicates; for unique articles the best score seen among candidates (0 when none).
    public var similarity: Double

    public init(status: DedupeStatus, duplicateOf: String?, similarity: Double) {
        self.status = status
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }
}
