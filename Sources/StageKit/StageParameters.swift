import ArticleSchema

/// A stage's `parameters` from pipelines.yaml, with typed getters whose errors name the key path.
public struct StageParameters: Sendable, Equatable {
    public var values: JSONObject
    /// Where these parameters live in the configuration, e.g. `pipelines.wire.stages[3].parameters`.
    public var path: String

    public init(_ values: JSONObject = [:], path: String = "parameters") {
        self.values = values
        self.path = path
    }

    public func double(_ key: String, default value: Double) throws(StageConfigurationError) -> Double {
        guard let v = values[key], !v.isNull else { return value }
        guard let d = v.doubleValue else { throw StageConfigurationError(path: "\(path).\(key)", expected: "a number", found: v) }
        return d
    }

    public func int(_ key: String, default value: Int) throws(StageConfigurationError) -> Int {
        guard let v = values[key], !v.isNull else { return value }
        guard let i = v.intValue else { throw StageConfigurationError(path: "\(path).\(key)", expected: "an integer", found: v) }
        return i
    }

    public func bool(_ key: String, default value: Bool) throws(StageConfigurationError) -> Bool {
        guard let v = values[key], !v.isNull else { return value }
        guard let b = v.boolValue else { throw StageConfigurationError(path: "\(path).\(key)", expected: "true or false", found: v) }
        return b
    }

    public func string(_ key: String) throws(StageConfigurationError) -> String? {
        guard let v = values[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw StageConfigurationError(path: "\(path).\(key)", expected: "a string", found: v) }
        return s
    }

    public func strings(_ key: String) throws(StageConfigurationError) -> [String] {
        guard let v = values[key], !v.isNull else { return [] }
        if let s = v.stringValue { return [s] }
        guard let items = v.arrayValue else { throw StageConfigurationError(path: "\(path).\(key)", expected: "a list of strings", found: v) }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else { throw StageConfigurationError(path: "\(path).\(key)[\(i)]", expected: "a string", found: item) }
            out.append(s)
        }
        return out
    }

    /// Fails when a key is not one of `known`, suggesting the closest known key.
    public func rejectUnknown(_ known: Set<String>) throws(StageConfigurationError) {
        for key in values.keys where !known.contains(key) {
            let hint = Suggestion.closest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw StageConfigurationError(path: "\(path).\(key)", message: "unknown parameter\(hint); known: \(known.sorted().joined(separator: ", "))")
        }
    }
}

/// A stage parameter with the wrong type or value.
public struct StageConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public init(path: String, expected: String, found: JSONValue) {
        self.init(path: path, message: "expected \(expected), got \(found.typeName)")
    }

    public var description: String { "\(path): \(message)" }
}
