import Foundation

/// Moves a processed file into the done or failed folder without overwriting an earlier file of the same
/// name (`name`, then `name.1`, `name.2`, …).
enum FileMover {
    /// Moves `file` into `folder`; returns the new location.
    @discardableResult
    static func move(_ file: URL, into folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = freeName(file.lastPathComponent, in: folder)
        try FileManager.default.moveItem(at: file, to: target)
        return target
    }

    /// Moves `file` into `folder` and writes `<name>.error` beside it saying why it was not read.
    static func fail(_ file: URL, into folder: URL, reason: String) throws {
        let target = try move(file, into: folder)
        let note = target.appendingPathExtension("error")
        try Data((reason + "\n").utf8).write(to: note, options: .atomic)
    }

    private static func freeName(_ name: String, in folder: URL) -> URL {
        var candidate = folder.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: candidate.path) || FileManager.default.fileExists(atPath: candidate.path + ".error") {
            candidate = folder.appendingPathComponent("\(name).\(n)")
            n += 1
        }
        return candidate
    }
}
