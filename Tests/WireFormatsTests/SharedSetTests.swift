import ArticleSchema
import Foundation
import Testing
import WireFormats

/// Every file of `../shared/data/formats/` (69 real agency and publisher files) read and checked against
/// `expected.jsonl`: headline, the body's opening words (the expected first 12 words must start within the first
/// 40 words of the body's text), and published_at as an instant. Every format must get ≥ 95 % of its items right
/// and no file may be refused. Language, updated_at, read method and version are checked the same way.
@Suite struct SharedSetTests {
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/formats")

    struct Expected {
        var file: String, format: String, item: Int
        var headline: String?, bodyFirstWords: String?, publishedAt: String?
        var language: String?, updatedAt: String?, method: String, version: String?
    }

    static func expected() throws -> [Expected] {
        let url = directory.appendingPathComponent("expected.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let o = try JSONParser.parse(String(line)).objectValue ?? [:]
            return Expected(
                file: o["file"]?.stringValue ?? "", format: o["format"]?.stringValue ?? "", item: o["item"]?.intValue ?? -1,
                headline: o["headline"]?.stringValue, bodyFirstWords: o["body_first_words"]?.stringValue, publishedAt: o["published_at"]?.stringValue,
                language: o["language"]?.stringValue, updatedAt: o["updated_at"]?.stringValue, method: o["method"]?.stringValue ?? "",
                version: o["version"]?.stringValue)
        }
    }

    /// Whitespace-separated words of a record's body text (markup stripped), control characters dropped.
    static func words(_ text: String?, html: Bool) -> [Substring] {
        guard let text else { return [] }
        let plain = html ? WireText.plainText(html: text) : text
        return withoutControls(plain).split(whereSeparator: \.isWhitespace)
    }

    static func withoutControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F || $0 == "\n" || $0 == "\t" }))
    }

    /// Why a record does not match, or nil when it does.
    static func mismatch(_ record: ArticleRecord?, _ e: Expected) -> String? {
        guard let record else { return "no record" }
        var problems: [String] = []
        let headline = e.headline.map { WireText.collapseWhitespace(withoutControls($0)) }
        if headline != record.title { problems.append("headline \(record.title ?? "nil") ≠ \(headline ?? "nil")") }
        let body = words(record.body, html: record.contentType == .html)
        if let first = e.bodyFirstWords {
            let want = withoutControls(first).split(whereSeparator: \.isWhitespace)
            let found = (0...min(40, max(0, body.count - want.count))).contains { start in
                start + want.count <= body.count && Array(body[start..<(start + want.count)]) == want
            }
            if !found { problems.append("body starts \(body.prefix(15).joined(separator: " ")) ≠ \(first)") }
        } else if !body.isEmpty {
            problems.append("body should be empty, starts \(body.prefix(8).joined(separator: " "))")
        }
        // an expected null means the reference could not parse the date; any date we read is then accepted
        if let published = e.publishedAt, WireDate.normalize(published) != record.publishedAt.flatMap(WireDate.normalize) {
            problems.append("published_at \(record.publishedAt ?? "nil") ≠ \(published)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    @Test func everyFormatReadsAtLeast95PercentOfItemsRight() throws {
        #expect(FileManager.default.fileExists(atPath: Self.directory.path), "missing \(Self.directory.path): the shared development data must sit beside the repository")
        let expected = try Self.expected()
        #expect(expected.count == 543)
        var results: [String: WireFileReadResult] = [:]
        var refused: [String] = []
        for file in Set(expected.map(\.file)).union(try Self.allFiles()) {
            do {
                results[file] = try WireFileReader.read(contentsOf: Self.directory.appendingPathComponent(file).path)
            } catch {
                refused.append(error.description)
            }
        }
        #expect(refused.isEmpty, "\(refused)")
        var right: [String: Int] = [:], total: [String: Int] = [:], metadataRight: [String: Int] = [:]
        var failures: [String] = []
        for e in expected {
            total[e.format, default: 0] += 1
            let result = results[e.file]
            let records = result?.records ?? []
            #expect(result?.format.rawValue == e.format, "\(e.file): read as \(result?.format.rawValue ?? "nothing")")
            if let problem = Self.mismatch(e.item < records.count ? records[e.item] : nil, e) {
                failures.append("\(e.file)#\(e.item): \(problem)")
            } else {
                right[e.format, default: 0] += 1
            }
            if e.item < records.count {
                let r = records[e.item]
                let same = r.language == e.language && r.updatedAt.flatMap(WireDate.normalize) == e.updatedAt.flatMap(WireDate.normalize)
                    && result?.method.rawValue == e.method && r.version == e.version
                if same { metadataRight[e.format, default: 0] += 1 } else {
                    failures.append("\(e.file)#\(e.item): metadata language \(r.language ?? "nil")/\(e.language ?? "nil"), updated_at \(r.updatedAt ?? "nil")/\(e.updatedAt ?? "nil"), method \(result?.method.rawValue ?? "nil")/\(e.method), version \(r.version ?? "nil")/\(e.version ?? "nil")")
                }
            }
        }
        for file in Set(expected.map(\.file)) {
            #expect(results[file]?.records.count == expected.filter { $0.file == file }.count, "\(file): wrong number of records")
        }
        for (format, count) in total.sorted(by: { $0.key < $1.key }) {
            let ok = right[format] ?? 0
            let meta = metadataRight[format] ?? 0
            print("shared formats: \(format) \(ok)/\(count) items right (\(String(format: "%.1f", 100 * Double(ok) / Double(count))) %); language, updated_at, method and version as expected for \(meta)/\(count)")
            #expect(Double(ok) >= 0.95 * Double(count), "\(format): \(ok)/\(count)")
            #expect(Double(meta) >= 0.95 * Double(count), "\(format): metadata \(meta)/\(count)")
        }
        for failure in failures { print("  mismatch: \(failure)") }
    }

    /// Every format file in the folder (files with no expected items, such as reference-only packages, included).
    static func allFiles() throws -> [String] {
        var files: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            var isDirectory: ObjCBool = false
            let path = directory.appendingPathComponent(folder).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() { files.append("\(folder)/\(name)") }
        }
        return files
    }
}
