import EntityExtraction

/// Documents of a CoNLL file whose document separators were removed: a document begins at the sentence before a
/// dateline (`LONDON 1996-08-30`), as `../shared/data/conll2003/text_path_eval.py` finds them.
enum CoNLLDocuments {
    /// The documents as ranges of sentence indices, in order, covering every sentence.
    static func ranges(_ sentences: [CoNLLSentence]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in sentences.indices where i > start && i + 1 < sentences.count
            && TextPathEvaluation.isDateline(sentences[i + 1].words.joined(separator: " ")) {
            result.append(start..<i)
            start = i
        }
        if start < sentences.count { result.append(start..<sentences.count) }
        return result
    }

    /// Each sentence's document-level feature keys (`DocumentFeatures`), computed over its document.
    static func contexts(_ sentences: [CoNLLSentence]) -> [TokenKeys] {
        var result: [TokenKeys] = []
        result.reserveCapacity(sentences.count)
        for doc in ranges(sentences) {
            var words: [String] = []
            var spans: [Range<Int>] = []
            for s in doc {
                spans.append(words.count..<(words.count + sentences[s].words.count))
                words += sentences[s].words
            }
            let keys = DocumentFeatures.keys(words: words, sentences: spans)
            for span in spans { result.append(keys.slice(span)) }
        }
        return result
    }
}
