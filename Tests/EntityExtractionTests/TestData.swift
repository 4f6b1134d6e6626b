import Foundation

/// Paths to the shared data next to the repository (`../shared` relative to the package root).
enum TestData {
    static let repoRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let validConll = shared.appendingPathComponent("data/conll2003/valid.txt")
    static let seedArticle = shared.appendingPathComponent("samples/seed-article.txt")

    /// The seed article as the pipeline sees it: the first three boilerplate lines dropped.
    static func seedBody() throws -> String {
        let text = try String(contentsOf: seedArticle, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
    }
}

extension String {
    /// Substring by Unicode scalar offsets (the offsets `EntityMention` uses).
    func scalars(_ start: Int, _ end: Int) -> String {
        String(String.UnicodeScalarView(Array(unicodeScalars)[start..<end]))
    }
}
