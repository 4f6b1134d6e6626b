import EntityExtraction
import Foundation

/// A CoNLL sentence: tokens and their IOB labels (last column).
struct CoNLLSentence: Sendable {
    var words: [String]
    var labels: [String]
}

/// Reads CoNLL-2003 style files: one `TOKEN ... TAG` per line, blank lines between sentences, `-DOCSTART-` skipped.
enum CoNLLReader {
    static func read(_ url: URL) throws -> [CoNLLSentence] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [CoNLLSentence] = []
        var words: [String] = []
        var labels: [String] = []
        func flush() {
            if !words.isEmpty { result.append(CoNLLSentence(words: words, labels: labels)) }
            words = []; labels = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { flush(); continue }
            let cols = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = cols.first else { continue }
            if first == "-DOCSTART-" { flush(); continue }
            words.append(String(first))
            labels.append(cols.count > 1 ? String(cols[cols.count - 1]) : "O")
        }
        flush()
        return result
    }
}
