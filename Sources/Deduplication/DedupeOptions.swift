/// Tuning knobs of the dedupe stage. Defaults are tuned on `../shared/data/dedup/dev.jsonl`.
///
/// Fields are plain `Int`/`Double` so a pipeline parameter map can set them by name.
public struct DedupeOptions: Sendable, Codable, Equatable {
    /// Words per shingle (word n-grams over the folded text). Changing it invalidates a stored index.
    public var shingleSize: Int = 4
    /// MinHash permutations (signature length). Changing it invalidates a stored index.
    public var permutations: Int = 128
    /// LSH bands; `bands * rowsPerBand` must not exceed `permutations`.
    public var bands: Int = 42
    /// Signature rows per LSH band (fewer rows = more candidates at low similarity).
    public var rowsPerBand: Int = 3
    /// At most this many LSH candidates (most band hits first) are verified per article.
    public var maxCandidates: Int = 24
    /// Near-duplicate when the verified weighted Jaccard of the shingle sets reaches this.
    public var jaccardThreshold: Double = 0.5
    /// Near-duplicate when the weighted containment (intersection / smaller set) reaches this
    /// (truncated or extended copies).
    public var containmentThreshold: Double = 0.8
    /// Containment only counts when the smaller article has at least this much shingle weight
    /// (short texts are contained in others by chance).
    public var minContainmentWeight: Double = 8
    /// A near-duplicate must share at least this much non-boilerplate shingle weight with its match
    /// (tiny texts of one template, e.g. two one-line results, otherwise look alike).
    public var minSharedWeight: Double = 4
    /// A shingle found in at least this many distinct clusters is boilerplate (partner headers
    /// and footers, stock phrases): weight 0 in verification and left out of signatures.
    public var boilerplateClusters: Int = 8
    /// Number tokens of the smaller article missing from the other that are tolerated
    /// without proportion checks (typos, a reworded figure).
    public var numberMismatchAllowance: Int = 1
    /// Beyond the allowance, at most this fraction of the smaller article's distinct numbers may be
    /// missing from the other; results tables and market reports differ in their numbers.
    public var maxNumberMismatchFraction: Double = 0.2
    /// Retention window in seconds by article timestamp (default 7 days). Older articles are forgotten.
    public var retentionSeconds: Double = 7 * 24 * 3600
    /// Verdicts of ids that left the index are still remembered this long (seconds by article
    /// timestamp, default 30 days), so replaying a topic older than `retentionSeconds` returns the
    /// first verdicts. About 100 bytes per id. Values below `retentionSeconds` act as `retentionSeconds`.
    public var verdictRetentionSeconds: Double = 30 * 24 * 3600
    /// Automatic expiry runs when the watermark (second-newest timestamp) has moved this many
    /// seconds past the last run (default 1 day; at most an eighth of `retentionSeconds`, see
    /// ``effectiveExpiryInterval``), so the index holds at most retention + interval. A run costs
    /// about what inserting the expired articles cost.
    public var expiryIntervalSeconds: Double = 86_400
    /// Pending index entries are written to the store as one segment every this many articles
    /// (and on `flush()`).
    public var flushEvery: Int = 512

    /// The tuned defaults.
    public init() {}

    /// The interval automatic expiry uses: `expiryIntervalSeconds`, but at most an eighth of the
    /// retention window, so a short window (a soak, a test) still moves.
    public var effectiveExpiryInterval: Double { min(expiryIntervalSeconds, retentionSeconds / 8) }

    /// Throws ``DedupeError/invalidOptions(_:)`` when the combination cannot work.
    public func validate() throws {
        if shingleSize < 1 { throw DedupeError.invalidOptions("shingleSize must be >= 1") }
        if permutations < 1 { throw DedupeError.invalidOptions("permutations must be >= 1") }
        if bands < 1 || rowsPerBand < 1 || bands * rowsPerBand > permutations {
            throw DedupeError.invalidOptions("bands * rowsPerBand must be between 1 and permutations")
        }
        if maxCandidates < 1 { throw DedupeError.invalidOptions("maxCandidates must be >= 1") }
        if !(0...1).contains(jaccardThreshold) || !(0...1).contains(containmentThreshold) {
            throw DedupeError.invalidOptions("thresholds must be within 0...1")
        }
        if boilerplateClusters < 2 || boilerplateClusters > 127 { throw DedupeError.invalidOptions("boilerplateClusters must be within 2...127") }
        if retentionSeconds <= 0 { throw DedupeError.invalidOptions("retentionSeconds must be > 0") }
        if flushEvery < 1 { throw DedupeError.invalidOptions("flushEvery must be >= 1") }
    }
}
