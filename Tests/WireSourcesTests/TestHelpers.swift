import ArticleSchema
import Foundation
import Logging
import Synchronization
import WireSources

/// Records what a source publishes; can refuse (as a broker that does not acknowledge).
final class RecordingPublisher: StoryPublisher {
    private let state = Mutex<(records: [ArticleRecord], failing: Bool)>(([], false))

    var records: [ArticleRecord] { state.withLock { $0.records } }
    var ids: [String] { records.map(\.id) }

    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }
    func clear() { state.withLock { $0.records = [] } }

    func publish(_ records: [ArticleRecord], to topic: String) async -> [Bool] {
        state.withLock { s in
            if s.failing { return records.map { _ in false } }
            s.records += records
            return records.map { _ in true }
        }
    }
}

/// A fresh directory under the temporary directory.
struct TemporaryDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wiresources-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ components: String...) -> URL {
        components.reduce(url) { $0.appendingPathComponent($1) }
    }

    func write(_ text: String, to components: String...) throws {
        let target = components.reduce(url) { $0.appendingPathComponent($1) }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func files(_ components: String...) -> [String] {
        let dir = components.reduce(url) { $0.appendingPathComponent($1) }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

let quietLogger = Logger(label: "wiresources-test", factory: { _ in SwiftLogNoOpLogHandler() })
