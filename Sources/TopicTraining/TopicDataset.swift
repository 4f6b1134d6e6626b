import Foundation
import TopicClassification

/// Errors reading a labelled data set; line numbers are 1-based.
public enum TopicDatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    case missingColumns(found: [String])
    case unterminatedQuote(line: Int)
    case badQuote(line: Int)
    case fieldCount(line: Int, expected: Int, found: Int)
    case emptyLabel(line: Int)
    case badJSON(line: Int, reason: String)
    case empty
    case inFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .missingColumns(let found):
            return "CSV header must name columns label, title and description (or text); found \(found)"
        case .unterminatedQuote(let line): return "line \(line): quoted field is never closed"
        case .badQuote(let line): return "line \(line): stray character after a closing quote"
        case .fieldCount(let line, let expected, let found): return "line \(line): expected \(expected) fields, found \(found)"
        case .emptyLabel(let line): return "line \(line): empty label"
        case .badJSON(let line, let reason): return "line \(line): \(reason)"
        case .empty: return "data set has no rows"
        case .inFile(let path, let reason): return "\(path): \(reason)"
        }
    }
}

/// Loads labelled data: CSV (`label,title,description` header, RFC 4180) or JSONL (`{label, title, text}`).
public enum TopicDataset {
    /// Loads `url`; JSONL when the extension is `.jsonl`/`.ndjson`/`.json` or the content starts with `{`.
    public static func load(_ url: URL) throws -> [LabeledText] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TopicDatasetError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let ext = url.pathExtension.lowercased()
        let firstChar = text.first { !$0.isWhitespace }
        let rows = ["jsonl", "ndjson", "json"].contains(ext) || firstChar == "{" ? try parseJSONL(text) : try parseCSV(text)
        guard !rows.isEmpty else { throw TopicDatasetError.empty }
        return rows
    }

    /// Loads several files (each CSV or JSONL, as `load(_:)`) and concatenates their rows in the order given;
    /// an error names the file it comes from.
    public static func load(_ urls: [URL]) throws -> [LabeledText] {
        guard !urls.isEmpty else { throw TopicDatasetError.empty }
        var rows: [LabeledText] = []
        for url in urls {
            do {
                rows += try load(url)
            } catch let error as TopicDatasetError {
                if case .unreadable = error { throw error }
                throw TopicDatasetError.inFile(path: url.path, reason: error.description)
            }
        }
        return rows
    }

    /// Parses CSV text with a header row naming `label`, `title` and `description` (or `text`).
    public static func parseCSV(_ text: String) throws -> [LabeledText] {
        let records = try CSVReader.records(text)
        guard let (headerLine, header) = records.first else { throw TopicDatasetError.empty }
        _ = headerLine
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let li = names.firstIndex(of: "label"), let ti = names.firstIndex(of: "title"),
              let di = names.firstIndex(of: "description") ?? names.firstIndex(of: "text") else {
            throw TopicDatasetError.missingColumns(found: header)
        }
        var rows: [LabeledText] = []
        for (line, fields) in records.dropFirst() {
            if fields.count == 1, fields[0].isEmpty { continue }  // blank line
            guard fields.count == header.count else {
                throw TopicDatasetError.fieldCount(line: line, expected: header.count, found: fields.count)
            }
            let label = fields[li].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { throw TopicDatasetError.emptyLabel(line: line) }
            rows.append(LabeledText(label: label, title: fields[ti], text: fields[di]))
        }
        return rows
    }

    /// Parses JSON Lines with string fields `label`, `title` (optional) and `text` (or `description`).
    public static func parseJSONL(_ text: String) throws -> [LabeledText] {
        var rows: [LabeledText] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
            } catch {
                throw TopicDatasetError.badJSON(line: lineNumber, reason: "invalid JSON")
            }
            guard let dict = object as? [String: Any] else {
                throw TopicDatasetError.badJSON(line: lineNumber, reason: "expected a JSON object")
            }
            guard let label = (dict["label"] as? String)?.trimmingCharacters(in: .whitespaces) else {
                throw TopicDatasetError.badJSON(line: lineNumber, reason: "missing string field \"label\"")
            }
            guard !label.isEmpty else { throw TopicDatasetError.emptyLabel(line: lineNumber) }
            guard let body = (dict["text"] ?? dict["description"]) as? String else {
                throw TopicDatasetError.badJSON(line: lineNumber, reason: "missing string field \"text\"")
            }
            if dict["title"] != nil, !(dict["title"] is String) {
                throw TopicDatasetError.badJSON(line: lineNumber, reason: "field \"title\" must be a string")
            }
            rows.append(LabeledText(label: label, title: dict["title"] as? String ?? "", text: body))
        }
        return rows
    }
}

/// RFC 4180 record reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF.
enum CSVReader {
    /// Records with the 1-based line number where each starts.
    static func records(_ text: String) throws -> [(Int, [String])] {
        var out: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1, quoteLine = 1
        var inQuotes = false, afterQuote = false, any = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x2C:
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                endField()
                out.append((recordLine, fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
                any = false
                i += 1
                continue
            case 0x22 where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            default:
                if afterQuote { throw TopicDatasetError.badQuote(line: line) }
                field.append(b)
            }
            any = true
            i += 1
        }
        if inQuotes { throw TopicDatasetError.unterminatedQuote(line: quoteLine) }
        if any || !field.isEmpty || !fields.isEmpty {
            endField()
            out.append((recordLine, fields))
        }
        return out
    }
}
