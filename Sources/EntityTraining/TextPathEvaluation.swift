import EntityExtraction
import Foundation

/// A CoNLL document rebuilt as text the way `../shared/data/conll2003/text_path_eval.py` does it: tokens joined by
/// single spaces, one sentence a line; gold name spans as Unicode scalar offsets into `text`.
struct TextPathDocument: Sendable {
    var text: String
    /// Gold spans: (type index in `TagScheme.conllTypes`, start, end), end exclusive.
    var gold: [(type: Int, start: Int, end: Int)]
    /// Scalar offsets of every gold token, and each sentence as a range of token indices.
    var tokens: [(start: Int, end: Int)]
    var sentences: [Range<Int>]
}

/// Scores the entities stage as users get it: each document's text goes through `EntityRecognizer.recognize`
/// (tokenizer, tagger, document consistency, canonical names, as the `entities` stage runs it on
/// `normalized.text`), the returned mentions are compared with the gold spans, exact match, micro-averaged.
/// Documents are found as `text_path_eval.py` finds them: a new one begins at the sentence before a dateline
/// (`LONDON 1996-08-30`); `-DOCSTART-` lines are skipped.
public enum TextPathEvaluation {
    /// The text-path report of `recognizer` on a CoNLL file, with the steps in `without` switched off
    /// (`.tokenizer`: the recognizer gets the gold tokens and sentences instead of its tokenizer's).
    public static func evaluate(conll: URL, recognizer: EntityRecognizer, without: Set<TextPathStep> = []) throws -> NERReport {
        let documents = documents(try CoNLLReader.read(conll))
        var steps = PostTaggingSteps.deployed
        steps.documentConsistency = !without.contains(.consistency)
        steps.shortNamesOfPersons = !without.contains(.personNames)
        steps.valueRules = !without.contains(.values)
        steps.personsSplitAtLowercase = !without.contains(.personSplit)
        steps.listItemsAlike = !without.contains(.listItems)
        let raw = !without.contains(.tokenizer)
        return evaluate(documents) { doc in
            raw ? recognizer.recognize(doc.text, steps: steps)
                : recognizer.recognize(doc.text, tokens: doc.tokens, sentences: doc.sentences, steps: steps)
        }
    }

    static func evaluate(_ documents: [TextPathDocument], recognize: (TextPathDocument) -> [RecognizedEntity]) -> NERReport {
        var gold = [Int](repeating: 0, count: 4)
        var pred = [Int](repeating: 0, count: 4)
        var correct = [Int](repeating: 0, count: 4)
        for doc in documents {
            var predicted = Set<Span>()
            for e in recognize(doc) {
                guard let label = e.type.conllLabel, let t = TagScheme.conllTypes.firstIndex(of: label) else { continue }
                for m in e.mentions { predicted.insert(Span(type: t, start: m.start, end: m.end)) }
            }
            let goldSet = Set(doc.gold.map { Span(type: $0.type, start: $0.start, end: $0.end) })
            for s in goldSet { gold[s.type] += 1 }
            for s in predicted {
                pred[s.type] += 1
                if goldSet.contains(s) { correct[s.type] += 1 }
            }
        }
        let per = (0..<4).map { NERScore(label: TagScheme.conllTypes[$0], gold: gold[$0], predicted: pred[$0], correct: correct[$0]) }
        let overall = NERScore(label: "overall", gold: gold.reduce(0, +), predicted: pred.reduce(0, +), correct: correct.reduce(0, +))
        return NERReport(sentences: documents.reduce(0) { $0 + $1.sentences.count }, documents: documents.count,
                         tokens: documents.reduce(0) { $0 + $1.tokens.count }, perType: per, overall: overall, tokenAccuracy: nil)
    }

    private struct Span: Hashable {
        var type: Int
        var start: Int
        var end: Int
    }

    /// Groups sentences into documents (a document begins at the sentence before a dateline) and rebuilds their text.
    static func documents(_ sentences: [CoNLLSentence]) -> [TextPathDocument] {
        CoNLLDocuments.ranges(sentences).map { document(Array(sentences[$0])) }
    }

    private static func document(_ sentences: [CoNLLSentence]) -> TextPathDocument {
        var text = ""
        var gold: [(type: Int, start: Int, end: Int)] = []
        var tokens: [(start: Int, end: Int)] = []
        var ranges: [Range<Int>] = []
        var pos = 0
        for s in sentences {
            let first = tokens.count
            for (k, w) in s.words.enumerated() {
                let n = w.unicodeScalars.count
                tokens.append((pos, pos + n))
                text += w
                text += k + 1 == s.words.count ? "\n" : " "
                pos += n + 1
            }
            ranges.append(first..<tokens.count)
            for (t, a, b) in TagScheme.spans(conll: s.labels) {
                gold.append((t, tokens[first + a].start, tokens[first + b - 1].end))
            }
        }
        return TextPathDocument(text: text, gold: gold, tokens: tokens, sentences: ranges)
    }

    /// `^[A-Z][A-Za-z .'\-]+ \d{4}-\d{2}-\d{2}$` (the script's dateline pattern), on the sentence's joined tokens.
    static func isDateline(_ line: String) -> Bool {
        line.wholeMatch(of: #/[A-Z][A-Za-z .'\-]+ \d{4}-\d{2}-\d{2}/#) != nil
    }
}

/// A step of the text path that `TextPathEvaluation` can switch off.
public enum TextPathStep: String, Sendable, CaseIterable {
    /// Document consistency (a name tagged once is tagged everywhere in the document).
    case consistency
    /// Canonical names: a short name matched to a person's full name becomes a person.
    case personNames = "person-names"
    /// Value rules (dates, money, quantities, percentages).
    case values
    /// Person names cut at lowercase words that are not name particles.
    case personSplit = "person-split"
    /// Names that are items of one list take the type most of them have.
    case listItems = "list-items"
    /// Raw-text tokenization and sentence splitting (off: the gold tokens and sentences).
    case tokenizer
}
