import Foundation

/// Shell-style file name patterns (`*.tmp`, `.*`) matched with `fnmatch(3)`.
struct FileNamePattern: Sendable {
    let patterns: [String]

    func matches(_ name: String) -> Bool {
        patterns.contains { fnmatch($0, name, 0) == 0 }
    }
}
