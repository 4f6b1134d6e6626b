import ArticleSchema

/// How a file was read.
public enum WireReadMethod: String, Sendable, Equatable {
    /// Well-formed XML read as such.
    case xml
    /// XML that a tolerant reader repaired first (whitespace before the declaration, a wrong declared
    /// charset, undeclared Latin-1, broken markup).
    case xmlRecovered = "xml-recovered"
    /// A teletype format, whose headline/body split is a convention rather than a standard.
    case textHeuristic = "text-heuristic"
}

/// What one file gave.
public struct WireFileReadResult: Sendable {
    /// The file name the caller gave (used in messages).
    public var name: String
    public var format: WireFormat
    public var method: WireReadMethod
    /// One record per story, in file order; tombstones (``ArticleSchema/ArticleRecord/isDeleted``) included.
    public var records: [ArticleRecord]
    /// Non-fatal notes for the operator, e.g. "package … references 5 items, none in this file: no story".
    public var messages: [String]
    /// What a tolerant reader had to repair (charset corrected, whitespace before the declaration, …); empty for clean files.
    public var repairs: [String]
}
