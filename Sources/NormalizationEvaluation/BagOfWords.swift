/// Bag-of-words overlap of two texts, as the development set's `score_extraction.py` computes it:
/// lower-cased tokens that are runs of letters, digits and `_` (Python's `\w+`), compared as multisets.
public struct BagOfWords: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var predictedWords: Int
    public var trueWords: Int

    /// Scores `predicted` against `truth`. An empty prediction scores 0 (1 when the truth is empty too).
    public init(predicted: String, truth: String) {
        let p = BagOfWords.counts(predicted), t = BagOfWords.counts(truth)
        let pn = p.values.reduce(0, +), tn = t.values.reduce(0, +)
        var overlap = 0
        for (w, c) in p { overlap += min(c, t[w] ?? 0) }
        predictedWords = pn
        trueWords = tn
        if pn == 0 || tn == 0 {
            let same: Double = (pn == 0 && tn == 0) ? 1 : 0
            precision = same; recall = same; f1 = same
            return
        }
        precision = Double(overlap) / Double(pn)
        recall = Double(overlap) / Double(tn)
        f1 = overlap == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Token → count.
    public static func counts(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        var word = String.UnicodeScalarView()
        func end() {
            if !word.isEmpty { out[String(word), default: 0] += 1; word = String.UnicodeScalarView() }
        }
        for s in text.lowercased().unicodeScalars {
            if isWordScalar(s) { word.append(s) } else { end() }
        }
        end()
        return out
    }

    /// Python's `\w` for `str`: letters, digits and numbers (Unicode categories L*, N*) and `_`.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
