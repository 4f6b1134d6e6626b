/// Errors thrown by ``Deduplicator``.
public enum DedupeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The options are unusable (e.g. `bands * rowsPerBand > permutations`).
    case invalidOptions(String)
    /// The state directory holds an index built with incompatible shingle/MinHash settings.
    case incompatibleState(String)
    /// A labelled stream could not be read.
    case badStream(String)

    public var description: String {
        switch self {
        case .invalidOptions(let m): return "invalid dedupe options: \(m)"
        case .incompatibleState(let m): return "incompatible dedupe state: \(m)"
        case .badStream(let m): return "bad dedupe stream: \(m)"
        }
    }
}
