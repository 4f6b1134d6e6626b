import ArticleSchema

extension ArticleCorpus {
    /// A short distinct article (~300–500 bytes of body): a dateline and three sentences of generated words,
    /// so the debug-build stages keep up in tests that push thousands of records.
    public mutating func shortArticle(index: Int) -> ArticleRecord {
        var sentences: [String] = []
        for _ in 0..<3 {
            let name = word().capitalized + " " + word().capitalized
            let words = (0..<(9 + next(6))).map { _ in word() }.joined(separator: " ")
            sentences.append("\(name) \(words) \(next(900) + 10).")
        }
        let body = "\(word().uppercased()), March \(1 + next(27)) (Test Wire) - " + sentences.joined(separator: " ")
        return ArticleRecord(
            id: "art-\(index)", source: "test-wire", url: "https://example.test/\(index)",
            title: "\(word().capitalized) \(word()) \(word())", body: body, receivedAt: "2026-03-01T10:00:00Z")
    }
}
