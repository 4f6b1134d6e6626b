import ArgumentParser
import ArticleSchema
import Foundation
import WireFormats

/// `wirectl bench-convert DIR...`: how fast `convert` turns wire files into records, on one core.
struct BenchConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-convert",
        abstract: "Measure wirectl convert's speed (MB/s of input, one core) on the wire files in the given directories.",
        discussion: """
            Loads every file under the directories into memory, then converts them all (format detection, charset \
            repair, parsing, records encoded as JSON) again and again on one thread. Each pass lasts at least \
            --seconds; the figures are per format and for all XML, as the range over --repeats passes. Build with \
            -c release for figures worth comparing.
            """)

    @Argument(help: "Directories (searched recursively) or files.")
    var paths: [String]

    @Option(help: "Passes to run.")
    var repeats = 5

    @Option(help: "Minimum length of one pass, in seconds.")
    var seconds = 1.0

    func run() throws {
        var inputs: [(name: String, bytes: [UInt8], format: WireFormat)] = []
        for path in paths {
            for file in Self.files(under: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let bytes = [UInt8](data)
                guard case .success(let format) = FormatDetector.detect(bytes) else { continue }
                inputs.append((file, bytes, format))
            }
        }
        guard !inputs.isEmpty else { throw CommandFailure("no wire-format files under \(paths.joined(separator: ", "))", code: 2) }
        let groups = Dictionary(grouping: inputs, by: \.format).sorted { $0.key.rawValue < $1.key.rawValue }
        let xml = inputs.filter { $0.format.isXML }
        var rows: [(String, Int, Int, [Double])] = []
        for (label, files) in [("all XML", xml)] + groups.map({ ($0.key.rawValue, $0.value) }) where !files.isEmpty {
            let bytes = files.reduce(0) { $0 + $1.bytes.count }
            var rates: [Double] = []
            var records = 0
            for _ in 0..<max(1, repeats) {
                let (rate, count) = Self.pass(files.map { ($0.name, $0.bytes) }, minimumSeconds: seconds)
                rates.append(rate)
                records = count
            }
            rows.append((label, files.count, bytes, rates))
            _ = records
        }
        print("convert speed, one core (\(repeats) passes of ≥ \(seconds) s each):")
        print("format          files      bytes   MB/s (min–max over passes)")
        for (label, count, bytes, rates) in rows {
            let lo = rates.min() ?? 0, hi = rates.max() ?? 0
            let name = label.padding(toLength: 14, withPad: " ", startingAt: 0)
            print(name + String(format: " %6d %10d   %.1f–%.1f", count, bytes, lo, hi))
        }
    }

    /// Converts every file repeatedly for at least `minimumSeconds`; MB/s of input and records per round.
    static func pass(_ files: [(String, [UInt8])], minimumSeconds: Double) -> (Double, Int) {
        let start = DispatchTime.now().uptimeNanoseconds
        var processed = 0
        var records = 0
        var sink = 0
        repeat {
            records = 0
            for (name, bytes) in files {
                guard let result = try? WireFileReader.read(bytes, name: name) else { continue }
                for record in result.records { sink &+= ArticleCodec.encode(record).count }
                records += result.records.count
                processed += bytes.count
            }
        } while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < minimumSeconds
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if sink == -1 { print(sink) }  // keeps the encoding from being optimised away
        return (Double(processed) / 1e6 / elapsed, records)
    }

    static func files(under path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var out: [String] = []
        while let item = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(item)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { out.append(full) }
        }
        return out.sorted()
    }
}
