import Foundation

/// Finds the files in a drop directory that are complete: not matching an ignore pattern (uploads in
/// progress under a temporary name, hidden files) and with the same size and modification time in two
/// consecutive scans (an upload still writing under its final name changes one of them).
struct DropDirectoryScanner: Sendable {
    struct Snapshot: Equatable, Sendable {
        var size: UInt64
        var modified: Date
    }

    let directory: URL
    let ignore: FileNamePattern
    /// Size and modification time of each candidate file at the previous scan.
    private(set) var previous: [String: Snapshot] = [:]

    init(directory: URL, ignore: [String]) {
        self.directory = directory
        self.ignore = FileNamePattern(patterns: ignore)
    }

    /// Scans once; returns the file names that are ready, oldest first (modification time, then name).
    mutating func scan() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var current: [String: Snapshot] = [:]
        for name in names where !ignore.matches(name) {
            let path = directory.appendingPathComponent(name).path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            current[name] = Snapshot(
                size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
                modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }
        let ready = current.filter { previous[$0.key] == $0.value }
        previous = current
        return ready.sorted { ($0.value.modified, $0.key) < ($1.value.modified, $1.key) }.map(\.key)
    }

    /// Forgets a file (it was moved away).
    mutating func forget(_ name: String) { previous[name] = nil }
}
