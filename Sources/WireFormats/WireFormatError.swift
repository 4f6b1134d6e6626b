/// A file that could not be read at all. The message names the file and says what is wrong.
public enum WireFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing in the content says which format it is.
    case unknownFormat(file: String, found: String)
    /// The file is empty (or only whitespace).
    case empty(file: String)
    /// The file does not exist or cannot be read.
    case cannotOpen(file: String)
    /// The content is not the format it was detected or declared as.
    case unreadable(file: String, format: WireFormat, reason: String)
    /// The XML declares a character encoding this reader cannot decode.
    case unsupportedEncoding(file: String, encoding: String)

    public var description: String {
        switch self {
        case .unknownFormat(let file, let found):
            "\(file): not a wire format this reader knows (\(found)); expected NewsML-G2, NITF, NewsML 1, RSS, Atom, ANPA-1312 or IPTC 7901 (use --format to force one)"
        case .empty(let file):
            "\(file): the file is empty"
        case .cannotOpen(let file):
            "\(file): no such file or not readable"
        case .unreadable(let file, let format, let reason):
            "\(file): cannot read as \(format.rawValue): \(reason)"
        case .unsupportedEncoding(let file, let encoding):
            "\(file): declares the character encoding '\(encoding)', which this reader cannot decode; convert the file to UTF-8"
        }
    }
}
