/// One retained article in the index (in memory and, as a row, in SQLite).
struct IndexedArticle: Sendable {
    /// Arrival sequence number (SQLite rowid); orders the index.
    var seq: Int64
    var id: String
    /// Seconds since 1970 of the article timestamp.
    var timestamp: Double
    var verdict: DedupeVerdict
    /// Id of the cluster's earliest article (`id` itself for unique articles).
    var root: String
    /// SHA-256 hex of the folded text ("" for empty text).
    var digest: String
    var shingles: [UInt64]
    var numbers: [UInt64]
    var signature: [UInt32]
    /// The article the verdict was verified against (`nil` for unique articles).
    var matchedSeq: Int64?
}
