import EntityExtraction
import Foundation

/// Scores a recognizer's name tagger on a CoNLL file with the gold tokenization (exact-match spans, PER/LOC/ORG/MISC).
public enum EntityEvaluation {
    public static func evaluate(conll: URL, recognizer: EntityRecognizer) throws -> NERReport {
        let sentences = try CoNLLReader.read(conll)
        return evaluate(sentences, model: recognizer.model)
    }

    /// Tags each sentence with its document's context (`DocumentFeatures`, documents found by their datelines).
    static func evaluate(_ sentences: [CoNLLSentence], model: TaggerModel, contexts given: [TokenKeys]? = nil) -> NERReport {
        let contexts = given ?? CoNLLDocuments.contexts(sentences)
        var next = 0
        return evaluate(sentences) { words in
            defer { next += 1 }
            return model.tag(words, context: contexts[next])
        }
    }

    /// `tagger` is called once per sentence, in order.
    static func evaluate(_ sentences: [CoNLLSentence], tagger: ([String]) -> [Int]) -> NERReport {
        var gold = [Int](repeating: 0, count: 4)
        var pred = [Int](repeating: 0, count: 4)
        var correct = [Int](repeating: 0, count: 4)
        var tokens = 0
        var tokenCorrect = 0
        for s in sentences {
            let g = TagScheme.spans(conll: s.labels)
            let tags = tagger(s.words)
            let p = TagScheme.spans(tags: tags)
            tokens += s.words.count
            for x in g { gold[x.0] += 1 }
            for x in p { pred[x.0] += 1 }
            var goldSet = Set<Int>()
            for x in g { goldSet.insert(x.0 << 40 | x.1 << 20 | x.2) }
            for x in p where goldSet.contains(x.0 << 40 | x.1 << 20 | x.2) { correct[x.0] += 1 }
            // token accuracy at IOB level
            let goldTags = TagScheme.tags(spans: g, count: s.words.count)
            for i in 0..<tags.count where iob(goldTags, i) == iob(tags, i) { tokenCorrect += 1 }
        }
        let per = (0..<4).map { NERScore(label: TagScheme.conllTypes[$0], gold: gold[$0], predicted: pred[$0], correct: correct[$0]) }
        let overall = NERScore(label: "overall", gold: gold.reduce(0, +), predicted: pred.reduce(0, +), correct: correct.reduce(0, +))
        return NERReport(sentences: sentences.count, tokens: tokens, perType: per, overall: overall,
                         tokenAccuracy: tokens == 0 ? 0 : Double(tokenCorrect) / Double(tokens))
    }

    /// IOB view of a BILOU tag: 0 = O, else type*2 + (begin ? 1 : 2).
    private static func iob(_ tags: [Int], _ i: Int) -> Int {
        let t = tags[i]
        if t == TagScheme.outside { return 0 }
        let p = TagScheme.part(of: t)
        return TagScheme.type(of: t) * 2 + (p == 0 || p == 3 ? 1 : 2)
    }
}
