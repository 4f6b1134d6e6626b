import ArticleSchema
import Yams

/// A YAML node after `${ENV}` interpolation, with its line for error messages.
struct ConfigNode {
    enum Kind {
        case scalar(JSONValue)
        case sequence([ConfigNode])
        case mapping([(key: String, value: ConfigNode)])
    }
    var kind: Kind
    var line: Int

    var typeName: String {
        switch kind {
        case .scalar(let v): v.typeName == "string" ? "a string" : v.typeName == "null" ? "null" : "a \(v.typeName)"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// Converts to JSON (for parameters and property maps).
    var json: JSONValue {
        switch kind {
        case .scalar(let v): return v
        case .sequence(let items): return .array(items.map(\.json))
        case .mapping(let pairs):
            var o = JSONObject()
            for (k, v) in pairs { o[k] = v.json }
            return .object(o)
        }
    }

    static func make(_ node: Node, environment: [String: String], path: String, issues: inout [ConfigIssue]) -> ConfigNode {
        let line = (node.mark?.line ?? 0)
        switch node {
        case .scalar(let scalar):
            let raw = scalar.string
            let tag = node.tag.description
            if tag.hasSuffix(":null") { return ConfigNode(kind: .scalar(.null), line: line) }
            if tag.hasSuffix(":bool"), let b = node.bool { return ConfigNode(kind: .scalar(.bool(b)), line: line) }
            if tag.hasSuffix(":int"), let i = node.int { return ConfigNode(kind: .scalar(JSONValue(i)), line: line) }
            if tag.hasSuffix(":float"), let d = node.float { return ConfigNode(kind: .scalar(.number(d)), line: line) }
            let value = Interpolation.expand(raw, environment: environment) { name in
                issues.append(ConfigIssue(path: path, line: line, message: "environment variable '\(name)' is not set (use ${\(name):-default} for a default)"))
            }
            return ConfigNode(kind: .scalar(.string(value)), line: line)
        case .sequence(let seq):
            return ConfigNode(
                kind: .sequence(seq.enumerated().map { make($1, environment: environment, path: "\(path)[\($0)]", issues: &issues) }),
                line: line)
        case .mapping(let mapping):
            var pairs: [(String, ConfigNode)] = []
            var seen = Set<String>()
            for (k, v) in mapping {
                let key = k.string ?? ""
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if !seen.insert(key).inserted {
                    issues.append(ConfigIssue(path: childPath, line: k.mark?.line ?? line, message: "duplicate key"))
                }
                pairs.append((key, make(v, environment: environment, path: childPath, issues: &issues)))
            }
            return ConfigNode(kind: .mapping(pairs), line: line)
        }
    }
}

/// `${NAME}` and `${NAME:-default}` in configuration strings.
enum Interpolation {
    static func expand(_ input: String, environment: [String: String], missing: (String) -> Void) -> String {
        guard input.contains("${") else { return input }
        var out = ""
        var rest = Substring(input)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                out += rest[start.lowerBound...]
                return out
            }
            let expr = rest[start.upperBound..<end]
            let name: Substring
            let fallback: Substring?
            if let sep = expr.range(of: ":-") {
                name = expr[..<sep.lowerBound]
                fallback = expr[sep.upperBound...]
            } else {
                name = expr
                fallback = nil
            }
            if let value = environment[String(name)], !value.isEmpty {
                out += value
            } else if let fallback {
                out += fallback
            } else {
                missing(String(name))
            }
            rest = rest[rest.index(after: end)...]
        }
        out += rest
        return out
    }
}
