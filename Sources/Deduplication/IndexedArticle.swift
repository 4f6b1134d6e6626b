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
    /// Sorted, distinct shingle keys (high 32 bits of the shingle hashes): what verification
    /// and boilerplate counting compare. Two shingles share a key about once in 4·10⁹ pairs.
    var shingles: [UInt32]
    /// Sorted, distinct keys of the number tokens.
    var numbers: [UInt32]
    var signature: [UInt32]
    /// The article the verdict was verified against (`nil` for unique articles).
    var matchedSeq: Int64?
    /// For a verified copy: its shingles that the matched article lacks (boilerplate evidence).
    var added: [UInt32] = []
}
