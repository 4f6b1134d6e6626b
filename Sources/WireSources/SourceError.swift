/// Why a source cannot run. The message says what to do.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The checkpoint file exists but is not a checkpoint.
    case checkpointUnreadable(path: String, reason: String)
    /// The checkpoint cannot be written (disk full, permissions).
    case checkpointUnwritable(path: String, reason: String)
    /// `format:` names no wire format.
    case unknownFormat(source: String, path: String, name: String)
    /// A directory the source needs cannot be created.
    case directoryUnusable(source: String, directory: String, reason: String)

    public var description: String {
        switch self {
        case .checkpointUnreadable(let path, let reason):
            "checkpoint '\(path)' cannot be read (\(reason)); restore it, or move it away to send everything the source holds again"
        case .checkpointUnwritable(let path, let reason):
            "checkpoint '\(path)' cannot be written (\(reason)); check free space and permissions of the state directory"
        case .unknownFormat(let source, let path, let name):
            "\(path).format: '\(name)' is not a wire format (source '\(source)'); use newsml-g2, nitf, newsml-1, rss, atom, anpa-1312 or iptc-7901, or leave it out to detect the format"
        case .directoryUnusable(let source, let directory, let reason):
            "source '\(source)': directory '\(directory)' cannot be created or read (\(reason))"
        }
    }
}
