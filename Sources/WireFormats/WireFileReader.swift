import ArticleSchema
import Foundation

/// Turns one file's bytes into article records: detects the format from the content (or takes the one given),
/// repairs what a tolerant reader can (see ``CharsetRepair``), and runs the format's reader.
///
/// ```swift
/// let result = try WireFileReader.read(bytes, name: "feed.xml")
/// for record in result.records { … }            // one per story; tombstones have `isDeleted`
/// for note in result.messages { log(note) }    // e.g. a package that only references items
/// ```
/// Stateless and `Sendable`: call it from any thread, one file per call.
public enum WireFileReader {
    /// Reads `data`. `name` is only used in messages and errors; `format` overrides detection.
    public static func read(_ data: [UInt8], name: String, format: WireFormat? = nil) throws(WireFormatError) -> WireFileReadResult {
        guard data.contains(where: { $0 > 0x20 }) else { throw .empty(file: name) }
        let detected: WireFormat
        if let format {
            detected = format
        } else {
            switch FormatDetector.detect(data) {
            case .success(let f): detected = f
            case .failure(let found): throw .unknownFormat(file: name, found: found.description)
            }
        }
        switch detected {
        case .anpa1312, .iptc7901:
            let (text, repairs) = CharsetRepair.decodeText(data)
            let story = detected == .anpa1312 ? ANPA1312Reader.read(text) : IPTC7901Reader.read(text)
            return WireFileReadResult(
                name: name, format: detected, method: .textHeuristic, records: [story.record(format: detected, method: .textHeuristic)],
                messages: [], repairs: repairs)
        default:
            let prepared = try CharsetRepair.prepareXML(data, file: name)
            let document: XMLDocument
            do {
                document = try XMLDocument.parse(prepared.bytes)
            } catch {
                throw .unreadable(file: name, format: detected, reason: error.description)
            }
            var repairs = prepared.repairs
            if document.repaired { repairs.append("malformed markup repaired (unclosed or stray tags, unquoted attributes or undeclared prefixes)") }
            let method: WireReadMethod = repairs.isEmpty ? .xml : .xmlRecovered
            let output: XMLReaderOutput
            do {
                output = try reader(for: detected)(document.root)
            } catch {
                throw .unreadable(file: name, format: detected, reason: error.reason)
            }
            return WireFileReadResult(
                name: name, format: detected, method: method, records: output.stories.map { $0.record(format: detected, method: method) },
                messages: output.messages.map { "\(name): \($0)" }, repairs: repairs.map { "\(name): \($0)" })
        }
    }

    /// Reads `data` (Foundation `Data`).
    public static func read(_ data: Data, name: String, format: WireFormat? = nil) throws(WireFormatError) -> WireFileReadResult {
        try read([UInt8](data), name: name, format: format)
    }

    /// Reads the file at `path`.
    public static func read(contentsOf path: String, format: WireFormat? = nil) throws(WireFormatError) -> WireFileReadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotOpen(file: path)
        }
        return try read([UInt8](data), name: path, format: format)
    }

    static func reader(for format: WireFormat) -> (XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        switch format {
        case .newsMLG2: NewsMLG2Reader.read
        case .nitf: NITFReader.read
        case .newsML1: NewsML1Reader.read
        case .rss: RSSReader.read
        case .atom: AtomReader.read
        case .anpa1312, .iptc7901: { _ throws(XMLReaderError) in throw XMLReaderError(reason: "not an XML format") }
        }
    }
}

/// What an XML format reader returns: stories in file order and notes for the operator.
struct XMLReaderOutput {
    var stories: [WireStory] = []
    var messages: [String] = []
}

/// The document is not the format its reader expects (wrong root element).
struct XMLReaderError: Error {
    var reason: String

    static func unexpectedRoot(_ root: XMLElement, expected: String) -> XMLReaderError {
        XMLReaderError(reason: "the root element is <\(root.name)>\(root.namespaceURI.map { " (namespace \($0))" } ?? ""), expected \(expected)")
    }
}
