/// Why bytes could not be read as an article record. The worker runtime puts this text in the
/// dead-letter record's `wirestream-error` header.
public enum ArticleDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON(String)
    case notAnObject(found: String)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    case invalidValue(field: String, reason: String)
    case newerSchema(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidJSON(let reason): "not a JSON record: \(reason)"
        case .notAnObject(let found): "expected a JSON object, got \(found)"
        case .missingField(let field): "missing required field '\(field)'"
        case .wrongType(let field, let expected, let found): "field '\(field)': expected \(expected), got \(found)"
        case .invalidValue(let field, let reason): "field '\(field)': \(reason)"
        case .newerSchema(let found, let supported):
            "schema version \(found) is newer than this worker supports (\(supported)); upgrade the worker to process it"
        }
    }
}

extension JSONValue {
    func object(at path: String) throws(ArticleDecodingError) -> JSONObject {
        guard case .object(let o) = self else { throw .wrongType(field: path, expected: "an object", found: typeName) }
        return o
    }
}

extension JSONObject {
    private func field(_ key: String, _ path: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String, _ path: String) throws(ArticleDecodingError) -> String {
        guard let v = self[key], !v.isNull else { throw .missingField(field(key, path)) }
        guard let s = v.stringValue else { throw .wrongType(field: field(key, path), expected: "a string", found: v.typeName) }
        return s
    }

    func optionalString(_ key: String, _ path: String) throws(ArticleDecodingError) -> String? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw .wrongType(field: field(key, path), expected: "a string", found: v.typeName) }
        return s
    }

    func int(_ key: String, _ path: String) throws(ArticleDecodingError) -> Int {
        guard let v = self[key], !v.isNull else { throw .missingField(field(key, path)) }
        guard let i = v.intValue else { throw .wrongType(field: field(key, path), expected: "an integer", found: v.typeName) }
        return i
    }

    func optionalInt(_ key: String, _ path: String) throws(ArticleDecodingError) -> Int? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let i = v.intValue else { throw .wrongType(field: field(key, path), expected: "an integer", found: v.typeName) }
        return i
    }

    func double(_ key: String, _ path: String) throws(ArticleDecodingError) -> Double {
        guard let v = self[key], !v.isNull else { throw .missingField(field(key, path)) }
        guard let d = v.doubleValue else { throw .wrongType(field: field(key, path), expected: "a number", found: v.typeName) }
        return d
    }

    func optionalDouble(_ key: String, _ path: String) throws(ArticleDecodingError) -> Double? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let d = v.doubleValue else { throw .wrongType(field: field(key, path), expected: "a number", found: v.typeName) }
        return d
    }

    func optionalArray(_ key: String, _ path: String) throws(ArticleDecodingError) -> [JSONValue] {
        guard let v = self[key], !v.isNull else { return [] }
        guard let a = v.arrayValue else { throw .wrongType(field: field(key, path), expected: "an array", found: v.typeName) }
        return a
    }
}
