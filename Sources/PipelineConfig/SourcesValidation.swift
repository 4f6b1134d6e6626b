import Foundation
import StageKit

/// `sources:` — checked like the rest of the file: every problem with its key path and line.
extension Validator {
    static let sourceKeys = [
        "directory", "done", "failed", "poll_seconds", "ignore",
        "url", "interval_seconds", "timeout_seconds", "max_backoff_seconds", "headers",
        "pipeline", "topic", "format", "checkpoint_days",
    ]
    static let directoryOnlyKeys = ["done", "failed", "poll_seconds", "ignore"]
    static let feedOnlyKeys = ["interval_seconds", "timeout_seconds", "max_backoff_seconds", "headers"]

    mutating func sources(_ node: ConfigNode, pipelines: [Pipeline], topics: [TopicSettings]) -> [SourceSettings] {
        if case .scalar(.null) = node.kind { return [] }
        guard let entries = mapping(node, "sources", known: []) else { return [] }
        var out: [SourceSettings] = []
        for (name, entry) in entries {
            if let source = source(name: name, node: entry, pipelines: pipelines, topics: topics) { out.append(source) }
        }
        var directories: [String: String] = [:]
        for s in out {
            guard case .directory(let d) = s.origin else { continue }
            let key = URL(fileURLWithPath: d.directory).standardizedFileURL.path
            if let other = directories[key] {
                issue("\(s.path).directory", nil, "directory '\(d.directory)' is already watched by \(other); one directory, one source")
            } else {
                directories[key] = s.path
            }
        }
        return out
    }

    mutating func source(name: String, node: ConfigNode, pipelines: [Pipeline], topics: [TopicSettings]) -> SourceSettings? {
        let path = "sources.\(name)"
        guard let fields = mapping(node, path, known: Self.sourceKeys) else { return nil }
        if name.isEmpty || !name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }) {
            issue(path, node, "invalid source name; use letters, digits, '.', '_' and '-' (it names the checkpoint file)")
        }
        let directory = value(fields, "directory")
        let url = value(fields, "url")
        var origin: SourceSettings.Origin?
        switch (directory, url) {
        case (nil, nil):
            issue(path, node, "missing 'directory' (a drop directory) or 'url' (an RSS, Atom or NewsML feed)")
        case (.some, .some):
            issue(path, node, "give either 'directory' or 'url', not both; declare two sources")
        case (.some(let dirNode), nil):
            for key in Self.feedOnlyKeys where value(fields, key) != nil {
                issue("\(path).\(key)", value(fields, key), "only for feed sources (with 'url'); a drop directory uses poll_seconds")
            }
            if let dir = string(dirNode, "\(path).directory", required: true) {
                let done = string(value(fields, "done"), "\(path).done", required: false)
                let failed = string(value(fields, "failed"), "\(path).failed", required: false)
                let resolve = { (p: String) in p.hasPrefix("/") ? p : URL(fileURLWithPath: dir).appendingPathComponent(p).path }
                var ignore = DropDirectorySettings.defaultIgnore
                if let ignoreNode = value(fields, "ignore") {
                    if case .sequence(let items) = ignoreNode.kind {
                        ignore = items.enumerated().compactMap { string($1, "\(path).ignore[\($0)]", required: true) }
                    } else {
                        issue("\(path).ignore", ignoreNode, "expected a list of file name patterns such as '*.tmp', got \(ignoreNode.typeName)")
                    }
                }
                let settings = DropDirectorySettings(
                    directory: dir, done: resolve(done ?? "done"), failed: resolve(failed ?? "failed"),
                    pollSeconds: seconds(value(fields, "poll_seconds"), "\(path).poll_seconds", default: 5), ignore: ignore)
                if settings.done == settings.failed {
                    issue("\(path).failed", value(fields, "failed"), "the failed folder must differ from the done folder ('\(settings.done)')")
                }
                origin = .directory(settings)
            }
        case (nil, .some(let urlNode)):
            for key in Self.directoryOnlyKeys where value(fields, key) != nil {
                issue("\(path).\(key)", value(fields, key), "only for drop directories (with 'directory'); a feed uses interval_seconds")
            }
            if let u = string(urlNode, "\(path).url", required: true) {
                let scheme = URL(string: u)?.scheme?.lowercased()
                if scheme != "http" && scheme != "https" || URL(string: u)?.host == nil {
                    issue("\(path).url", urlNode, "expected an http:// or https:// URL, got '\(u)'")
                }
                let interval = seconds(value(fields, "interval_seconds"), "\(path).interval_seconds", default: 300)
                origin = .feed(FeedSettings(
                    url: u, intervalSeconds: interval,
                    timeoutSeconds: seconds(value(fields, "timeout_seconds"), "\(path).timeout_seconds", default: 30),
                    maxBackoffSeconds: max(interval, seconds(value(fields, "max_backoff_seconds"), "\(path).max_backoff_seconds", default: 3600)),
                    headers: properties(value(fields, "headers"), "\(path).headers")))
            }
        }

        var topic = ""
        if let t = string(value(fields, "topic"), "\(path).topic", required: false) {
            if value(fields, "pipeline") != nil {
                issue("\(path).pipeline", value(fields, "pipeline"), "give either 'topic' or 'pipeline', not both")
            }
            checkDeclared(t, "\(path).topic", value(fields, "topic"), topics.map(\.name))
            topic = t
        } else if let p = string(value(fields, "pipeline"), "\(path).pipeline", required: false) {
            if let pipeline = pipelines.first(where: { $0.name == p }) {
                topic = pipeline.source
            } else {
                let hint = Suggestion.closest(to: p, in: pipelines.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                issue("\(path).pipeline", value(fields, "pipeline"), "no pipeline named '\(p)'\(hint)")
            }
        } else if let first = pipelines.first {
            topic = first.source
        }
        let format = string(value(fields, "format"), "\(path).format", required: false)
        let days = int(value(fields, "checkpoint_days"), "\(path).checkpoint_days", default: 30, min: 1)
        guard let origin else { return nil }
        return SourceSettings(name: name, origin: origin, topic: topic, format: format, checkpointDays: days, path: path)
    }

    /// A positive number of seconds (fractions allowed).
    mutating func seconds(_ node: ConfigNode?, _ path: String, default value: Double) -> Double {
        guard let node else { return value }
        guard case .scalar(.number(let n)) = node.kind else {
            issue(path, node, "expected a number of seconds > 0, got \(node.typeName)")
            return value
        }
        guard n > 0, n.isFinite else {
            issue(path, node, "expected a number of seconds > 0, got \(n)")
            return value
        }
        return n
    }
}
