/// Why an article could not be normalized.
public enum NormalizationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Nothing usable was left after cleaning; the string says why.
    case emptyDocument(String)
    /// The body is larger than the normalizer accepts (bytes, limit).
    case tooLarge(Int, Int)

    public var description: String {
        switch self {
        case .emptyDocument(let reason): return "empty document: \(reason)"
        case .tooLarge(let size, let limit): return "document too large: \(size) bytes (limit \(limit))"
        }
    }
}
