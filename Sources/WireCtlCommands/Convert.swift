import ArgumentParser
import ArticleSchema
import Foundation
import WireFormats

/// `wirectl convert FILE...`: the article records wire-format files hold, as JSONL on stdout, with no broker.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the article records wire-format files hold, as JSONL (no broker).",
        discussion: """
            Reads NewsML-G2, NITF, NewsML 1.x, RSS 2.0/1.0, Atom, ANPA-1312 and IPTC 7901 files; the format is \
            detected from the content (root element and namespace, teletype control characters), never the file \
            name. One record per story on stdout; notes (a package that only references items, repairs with \
            --verbose) and errors on stderr. A file that cannot be read is reported and the others go on; the exit \
            code is 1 when some file could not be read.
            """)

    @Argument(help: "Wire-format files.")
    var files: [String]

    @Option(help: "Read every file as this format: \(WireFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?

    @Flag(help: "Also report what the tolerant reader repaired (charset, whitespace before the declaration, broken markup).")
    var verbose = false

    func run() throws {
        var forced: WireFormat?
        if let format {
            guard let f = WireFormat(name: format) else {
                throw CommandFailure("unknown --format '\(format)'; one of: \(WireFormat.allCases.map(\.rawValue).joined(separator: ", "))", code: 2)
            }
            forced = f
        }
        var failed = 0
        let out = FileHandle.standardOutput
        for file in files {
            do {
                let result = try WireFileReader.read(contentsOf: file, format: forced)
                var chunk: [UInt8] = []
                for record in result.records {
                    chunk.append(contentsOf: ArticleCodec.encode(record))
                    chunk.append(0x0A)
                }
                out.write(Data(chunk))
                for message in result.messages { printError(message) }
                if verbose { for repair in result.repairs { printError("repaired: \(repair)") } }
            } catch {
                printError(error.description)
                failed += 1
            }
        }
        if failed > 0 { throw CommandFailure("\(failed) of \(files.count) file\(files.count == 1 ? "" : "s") could not be read") }
    }
}
