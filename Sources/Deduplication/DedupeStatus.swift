/// What the dedupe stage decided about one article.
public enum DedupeStatus: String, Sendable, Codable {
    /// First article of its story in the retained window.
    case unique
    /// Same folded text as an earlier article (SHA-256 match).
    case duplicate
    /// Verified near-copy of an earlier article (MinHash/LSH candidate, weighted Jaccard or containment).
    case nearDuplicate = "near_duplicate"
}
