import Foundation
import Normalization

/// Article-extraction figures on a development set of real pages with hand-cut article text
/// (`../shared/data/extraction`: `pages/<id>.html` and `truth.jsonl`).
///
/// Each page's bytes are decoded as UTF-8 (invalid bytes replaced) and normalized as an HTML record with no
/// title, as `to_records.py` and `wirectl process --stages normalize` do; `normalized.text` is scored
/// against the truth by bag-of-words P/R/F1 (`BagOfWords`). A rejected page scores 0.
public enum ExtractionEvaluation {
    /// One page of the truth file.
    public struct TruthPage: Sendable {
        public var id: String
        public var text: String
        public var kind: String
    }

    /// One page's score.
    public struct PageScore: Sendable {
        public var id: String
        public var kind: String
        public var score: BagOfWords
        /// Why the normalizer rejected the page, if it did.
        public var rejection: String?
    }

    /// Figures over all pages.
    public struct Report: Sendable, CustomStringConvertible {
        public var pages: [PageScore]

        static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

        public var description: String {
            var lines: [String] = []
            func row(_ name: String, _ ps: [PageScore]) -> String {
                let p = Self.mean(ps.map(\.score.precision)), r = Self.mean(ps.map(\.score.recall)), f = Self.mean(ps.map(\.score.f1))
                let below = ps.filter { $0.score.f1 < 0.5 }.count
                let rejected = ps.filter { $0.rejection != nil }.count
                return name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "%5d  %.3f  %.3f  %.3f  %6d  %8d", ps.count, p, r, f, below, rejected)
            }
            lines.append("SET           PAGES      P      R     F1  F1<0.5  REJECTED")
            lines.append(row("all", pages))
            for kind in Set(pages.map(\.kind)).sorted() { lines.append(row(kind, pages.filter { $0.kind == kind })) }
            let rejected = pages.filter { $0.rejection != nil }
            for p in rejected { lines.append("rejected \(p.id): \(p.rejection ?? "")") }
            return lines.joined(separator: "\n")
        }

        /// The `count` lowest-scoring pages, one line each.
        public func worst(_ count: Int) -> String {
            pages.sorted { ($0.score.f1, $0.id) < ($1.score.f1, $1.id) }.prefix(count).map {
                String(format: "%@  F1 %.3f  P %.3f  R %.3f  words pred/true %d/%d", $0.id, $0.score.f1, $0.score.precision, $0.score.recall,
                       $0.score.predictedWords, $0.score.trueWords)
            }.joined(separator: "\n")
        }

        /// One JSON object per page: id, kind, precision, recall, f1, pred_words, true_words, rejected.
        public func perPageJSONL() -> String {
            pages.map { p -> String in
                let object: [String: Any] = [
                    "id": p.id, "kind": p.kind, "precision": p.score.precision, "recall": p.score.recall, "f1": p.score.f1,
                    "pred_words": p.score.predictedWords, "true_words": p.score.trueWords, "rejected": p.rejection != nil,
                ]
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
                return String(decoding: data, as: UTF8.self)
            }.joined(separator: "\n") + "\n"
        }
    }

    /// Errors that stop an evaluation.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case badTruthLine(Int, String)

        public var description: String {
            switch self {
            case .unreadable(let path, let why): return "cannot read \(path): \(why) (give the development set's truth.jsonl and pages/ directory)"
            case .badTruthLine(let line, let why): return "truth line \(line): \(why) (each line needs \"id\" and \"text\")"
            }
        }
    }

    /// Reads `truth.jsonl` (`id`, `text`, optional `kind`).
    public static func loadTruth(_ url: URL) throws(Failure) -> [TruthPage] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path, "\(error.localizedDescription)") }
        var out: [TruthPage] = []
        for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw .badTruthLine(i + 1, "not a JSON object")
            }
            guard let id = object["id"] as? String, let text = object["text"] as? String else { throw .badTruthLine(i + 1, "missing id or text") }
            out.append(TruthPage(id: id, text: text, kind: object["kind"] as? String ?? "all"))
        }
        return out
    }

    /// Reads a page's HTML as the development set's `to_records.py` does (UTF-8, invalid bytes replaced).
    public static func loadPage(_ pages: URL, id: String) throws(Failure) -> String {
        let url = pages.appendingPathComponent("\(id).html")
        do { return String(decoding: try Data(contentsOf: url), as: UTF8.self) } catch {
            throw .unreadable(url.path, "\(error.localizedDescription)")
        }
    }

    /// Normalizes every page of `truth` from `pages` and scores it.
    public static func evaluate(pages: URL, truth: URL, normalizer: Normalizer = Normalizer()) throws(Failure) -> Report {
        var scores: [PageScore] = []
        for page in try loadTruth(truth) {
            let html = try loadPage(pages, id: page.id)
            do {
                let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
                scores.append(PageScore(id: page.id, kind: page.kind, score: BagOfWords(predicted: n.text, truth: page.text)))
            } catch {
                scores.append(PageScore(id: page.id, kind: page.kind, score: BagOfWords(predicted: "", truth: page.text), rejection: "\(error)"))
            }
        }
        return Report(pages: scores)
    }
}
