import ArticleSchema
import Foundation
import WireFormats

/// `wirectl bench --convert DIR...`: how fast `wirectl convert` turns wire files into records, on one core.
///
/// Loads every wire-format file under the paths into memory, then converts them all (format detection, charset
/// repair, parsing, records encoded as JSON) again and again on one thread; each pass lasts at least
/// `minimumSeconds`. Figures per format and for all XML, as the range over the passes.
enum ConvertBench {
    struct Row {
        var label: String
        var files: Int
        var bytes: Int
        var megabytesPerSecond: [Double]
    }

    static func measure(paths: [String], repeats: Int, minimumSeconds: Double) -> [Row] {
        var inputs: [(name: String, bytes: [UInt8], format: WireFormat)] = []
        for path in paths {
            for file in files(under: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let bytes = [UInt8](data)
                guard case .success(let format) = FormatDetector.detect(bytes) else { continue }
                inputs.append((file, bytes, format))
            }
        }
        let groups = Dictionary(grouping: inputs, by: \.format).sorted { $0.key.rawValue < $1.key.rawValue }
        let xml = inputs.filter { $0.format.isXML }
        var rows: [Row] = []
        for (label, files) in [("all XML", xml)] + groups.map({ ($0.key.rawValue, $0.value) }) where !files.isEmpty {
            let rates = (0..<max(1, repeats)).map { _ in pass(files.map { ($0.name, $0.bytes) }, minimumSeconds: minimumSeconds) }
            rows.append(Row(label: label, files: files.count, bytes: files.reduce(0) { $0 + $1.bytes.count }, megabytesPerSecond: rates))
        }
        return rows
    }

    /// The rows as a table.
    static func table(_ rows: [Row], repeats: Int, minimumSeconds: Double) -> String {
        var lines = ["convert speed, one core (\(repeats) passes of ≥ \(minimumSeconds) s each):",
                     "FORMAT          FILES      BYTES   MB/S (MIN–MAX OVER PASSES)"]
        for row in rows {
            let name = row.label.padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append(name + String(format: " %6d %10d   %.1f–%.1f", row.files, row.bytes, row.megabytesPerSecond.min() ?? 0, row.megabytesPerSecond.max() ?? 0))
        }
        return lines.joined(separator: "\n")
    }

    /// Converts every file repeatedly for at least `minimumSeconds`; MB/s of input.
    static func pass(_ files: [(String, [UInt8])], minimumSeconds: Double) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var processed = 0
        var sink = 0
        repeat {
            for (name, bytes) in files {
                guard let result = try? WireFileReader.read(bytes, name: name) else { continue }
                for record in result.records { sink &+= ArticleCodec.encode(record).count }
                processed += bytes.count
            }
        } while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < minimumSeconds
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if sink == -1 { print(sink) }  // keeps the encoding from being optimised away
        return Double(processed) / 1e6 / elapsed
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
