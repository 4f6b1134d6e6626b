/// One problem in a configuration file: where (key path and line) and what was expected.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// e.g. `pipelines.wire.stages[2].input`
    public var path: String
    /// 1-based line in the file, 0 when unknown.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "(top level)" : path): \(message)" }
}

/// Every problem found in a configuration file, reported together.
public struct PipelineConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ConfigIssue]

    public init(file: String, issues: [ConfigIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        let header = "\(file): \(issues.count) problem\(issues.count == 1 ? "" : "s")"
        let lines = issues.map { issue in
            issue.line > 0 ? "  \(file):\(issue.line): \(issue)" : "  \(file): \(issue)"
        }
        return ([header] + lines).joined(separator: "\n")
    }
}
