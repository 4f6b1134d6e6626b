import Foundation

/// The CoNLL-2003 files in the shared data next to the repository (`../shared/data/conll2003`).
enum SharedData {
    static let conll = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/conll2003")
    static let validConll = conll.appendingPathComponent("valid.txt")
}
