import ArticleSchema
import Foundation
import StageKit
import Yams

/// Reads and validates `pipelines.yaml`. Every problem is collected and reported together, each with
/// its key path, line and what was expected; the stage graph is checked too (cycles, inputs nobody
/// produces, two stages writing one topic, undeclared topics).
public enum PipelineConfigLoader {
    /// Reads `file`; `${NAME}` and `${NAME:-default}` are replaced from `environment`.
    public static func load(
        file: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PipelineConfigError) -> PipelineConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read as UTF-8 text" : "file not found (pass --config FILE)"
            throw PipelineConfigError(file: file, issues: [ConfigIssue(path: "", line: 0, message: reason)])
        }
        return try parse(text, file: file, environment: environment)
    }

    public static func parse(
        _ text: String, file: String = "pipelines.yaml", environment: [String: String] = [:]
    ) throws(PipelineConfigError) -> PipelineConfiguration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PipelineConfigError(file: file, issues: [yamlIssue(error)])
        } catch {
            throw PipelineConfigError(file: file, issues: [ConfigIssue(path: "", line: 0, message: "invalid YAML: \(error)")])
        }
        guard let node else {
            throw PipelineConfigError(file: file, issues: [ConfigIssue(path: "", line: 0, message: "the file is empty; expected keys kafka, topics, pipelines")])
        }
        var validator = Validator(file: file)
        let root = ConfigNode.make(node, environment: environment, path: "", issues: &validator.issues)
        let config = validator.configuration(root)
        if !validator.issues.isEmpty { throw PipelineConfigError(file: file, issues: validator.issues) }
        return config
    }

    private static func yamlIssue(_ error: YamlError) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return ConfigIssue(path: "", line: mark.line, message: "invalid YAML: \(ctx)\(problem) (column \(mark.column))")
        default:
            return ConfigIssue(path: "", line: 0, message: "invalid YAML: \(error)")
        }
    }
}

struct Validator {
    let file: String
    var issues: [ConfigIssue] = []

    init(file: String) { self.file = file }

    mutating func issue(_ path: String, _ node: ConfigNode?, _ message: String) {
        issues.append(ConfigIssue(path: path, line: node?.line ?? 0, message: message))
    }

    mutating func mapping(_ node: ConfigNode, _ path: String, known: [String]) -> [(key: String, value: ConfigNode)]? {
        guard case .mapping(let pairs) = node.kind else {
            issue(path, node, "expected a mapping, got \(node.typeName)")
            return nil
        }
        if !known.isEmpty {
            for (k, v) in pairs where !known.contains(k) {
                let hint = Suggestion.closest(to: k, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                issue(path.isEmpty ? k : "\(path).\(k)", v, "unknown key\(hint); expected one of: \(known.joined(separator: ", "))")
            }
        }
        return pairs
    }

    func value(_ pairs: [(key: String, value: ConfigNode)], _ key: String) -> ConfigNode? {
        pairs.first { $0.key == key }?.value
    }

    mutating func string(_ node: ConfigNode?, _ path: String, required: Bool) -> String? {
        guard let node else {
            if required { issue(path, nil, "missing; expected a string") }
            return nil
        }
        switch node.kind {
        case .scalar(.string(let s)) where !s.isEmpty: return s
        case .scalar(.string): issue(path, node, "expected a non-empty string")
        case .scalar(.number(let n)): return numberText(n, path, node)
        case .scalar(.null) where !required: return nil
        default: issue(path, node, "expected a string, got \(node.typeName)")
        }
        return nil
    }

    mutating func int(_ node: ConfigNode?, _ path: String, default value: Int, min: Int) -> Int {
        guard let node else { return value }
        guard case .scalar(let v) = node.kind, let i = v.intValue else {
            issue(path, node, "expected an integer ≥ \(min), got \(node.typeName)")
            return value
        }
        if i < min { issue(path, node, "expected an integer ≥ \(min), got \(i)") }
        return i
    }

    /// A number written where text is expected, as text: whole numbers without a fraction; nil (and an issue)
    /// for one no integer type holds (e.g. `1e30`, `.inf`) instead of a trap converting it.
    mutating func numberText(_ n: Double, _ path: String, _ node: ConfigNode) -> String? {
        if let whole = Int64(exactly: n) { return String(whole) }
        if n.isFinite && n.rounded() != n { return String(n) }
        issue(path, node, "the number \(n) is out of range; write a whole number up to \(Int64.max), or quote the value if it is text")
        return nil
    }

    /// A mapping of scalars to strings (librdkafka properties, topic configs).
    mutating func properties(_ node: ConfigNode?, _ path: String) -> [String: String] {
        guard let node else { return [:] }
        if case .scalar(.null) = node.kind { return [:] }
        guard let pairs = mapping(node, path, known: []) else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in pairs {
            switch v.kind {
            case .scalar(.string(let s)): out[k] = s
            case .scalar(.bool(let b)): out[k] = b ? "true" : "false"
            case .scalar(.number(let n)): if let text = numberText(n, "\(path).\(k)", v) { out[k] = text }
            default: issue("\(path).\(k)", v, "expected a string, number or boolean, got \(v.typeName)")
            }
        }
        return out
    }

    mutating func configuration(_ root: ConfigNode) -> PipelineConfiguration {
        let pairs = mapping(root, "", known: ["kafka", "topics", "pipelines", "sources"]) ?? []

        var kafka = KafkaSettings(bootstrap: "localhost:9092", properties: [:], consumer: [:], producer: [:])
        if let k = value(pairs, "kafka"), let kp = mapping(k, "kafka", known: ["bootstrap", "properties", "consumer", "producer"]) {
            kafka.bootstrap = string(value(kp, "bootstrap"), "kafka.bootstrap", required: true) ?? kafka.bootstrap
            kafka.properties = properties(value(kp, "properties"), "kafka.properties")
            kafka.consumer = properties(value(kp, "consumer"), "kafka.consumer")
            kafka.producer = properties(value(kp, "producer"), "kafka.producer")
        } else if value(pairs, "kafka") == nil {
            issue("kafka", nil, "missing; expected a mapping with 'bootstrap' (HOST:PORT)")
        }

        var topics: [TopicSettings] = []
        if let t = value(pairs, "topics"), let tp = mapping(t, "topics", known: []) {
            for (name, node) in tp {
                let path = "topics.\(name)"
                var topic = TopicSettings(name: name, partitions: 1, replicationFactor: -1, config: [:])
                if case .scalar(.null) = node.kind {
                    topics.append(topic)
                    continue
                }
                guard let fields = mapping(node, path, known: ["partitions", "replication_factor", "config"]) else { continue }
                topic.partitions = int(value(fields, "partitions"), "\(path).partitions", default: 1, min: 1)
                topic.replicationFactor = int(value(fields, "replication_factor"), "\(path).replication_factor", default: -1, min: -1)
                topic.config = properties(value(fields, "config"), "\(path).config")
                if !isValidTopicName(name) {
                    issue(path, node, "invalid topic name; use letters, digits, '.', '_' and '-' (at most 249)")
                }
                topics.append(topic)
            }
        } else if value(pairs, "topics") == nil {
            issue("topics", nil, "missing; expected a mapping of topic names to settings")
        }

        var pipelines: [Pipeline] = []
        if let p = value(pairs, "pipelines"), let pp = mapping(p, "pipelines", known: []) {
            if pp.isEmpty { issue("pipelines", p, "expected at least one pipeline") }
            for (name, node) in pp {
                pipelines.append(pipeline(name: name, node: node, topics: topics))
            }
        } else if value(pairs, "pipelines") == nil {
            issue("pipelines", nil, "missing; expected a mapping of pipeline names to their stages")
        }
        checkGraph(pipelines, root: root)
        let sources = value(pairs, "sources").map { self.sources($0, pipelines: pipelines, topics: topics) } ?? []
        return PipelineConfiguration(kafka: kafka, topics: topics, pipelines: pipelines, sources: sources, file: file)
    }

    mutating func pipeline(name: String, node: ConfigNode, topics: [TopicSettings]) -> Pipeline {
        let path = "pipelines.\(name)"
        var result = Pipeline(name: name, stages: [])
        guard let fields = mapping(node, path, known: ["stages", "dead_letter", "delivery"]) else { return result }
        let defaultDLQ = string(value(fields, "dead_letter"), "\(path).dead_letter", required: false)
        let defaultDelivery = delivery(value(fields, "delivery"), "\(path).delivery") ?? .atLeastOnce
        guard let stagesNode = value(fields, "stages") else {
            issue("\(path).stages", node, "missing; expected a list of stages")
            return result
        }
        guard case .sequence(let items) = stagesNode.kind, !items.isEmpty else {
            issue("\(path).stages", stagesNode, "expected a non-empty list of stages, got \(stagesNode.typeName)")
            return result
        }
        let topicNames = topics.map(\.name)
        for (i, item) in items.enumerated() {
            let sp = "\(path).stages[\(i)]"
            guard let sf = mapping(item, sp, known: [
                "name", "worker", "input", "output", "group", "dead_letter", "changelog", "delivery", "instances", "concurrency", "parameters",
            ]) else { continue }
            let stageName = string(value(sf, "name"), "\(sp).name", required: true) ?? "stage\(i)"
            let worker = string(value(sf, "worker"), "\(sp).worker", required: true) ?? ""
            var inputs: [String] = []
            if let inNode = value(sf, "input") {
                if case .sequence(let list) = inNode.kind {
                    for (j, t) in list.enumerated() { if let s = string(t, "\(sp).input[\(j)]", required: true) { inputs.append(s) } }
                    if list.isEmpty { issue("\(sp).input", inNode, "expected at least one topic") }
                } else if let s = string(inNode, "\(sp).input", required: true) {
                    inputs = [s]
                }
            } else {
                issue("\(sp).input", item, "missing; expected the topic this stage consumes")
            }
            let output = string(value(sf, "output"), "\(sp).output", required: true) ?? ""
            let dlq = string(value(sf, "dead_letter"), "\(sp).dead_letter", required: false) ?? defaultDLQ
            for (j, t) in inputs.enumerated() {
                checkDeclared(t, "\(sp).input\(inputs.count > 1 ? "[\(j)]" : "")", value(sf, "input"), topicNames)
            }
            if !output.isEmpty { checkDeclared(output, "\(sp).output", value(sf, "output"), topicNames) }
            if let dlq { checkDeclared(dlq, value(sf, "dead_letter") != nil ? "\(sp).dead_letter" : "\(path).dead_letter", value(sf, "dead_letter"), topicNames) }
            if inputs.contains(output) { issue("\(sp).output", value(sf, "output"), "a stage cannot write the topic it reads ('\(output)')") }
            if let dlq, dlq == output || inputs.contains(dlq) {
                issue("\(sp).dead_letter", value(sf, "dead_letter"), "the dead-letter topic must differ from the stage's input and output")
            }
            let changelog = string(value(sf, "changelog"), "\(sp).changelog", required: false)
            if let changelog {
                checkDeclared(changelog, "\(sp).changelog", value(sf, "changelog"), topicNames)
                if changelog == output || inputs.contains(changelog) || changelog == dlq {
                    issue("\(sp).changelog", value(sf, "changelog"), "the changelog topic must differ from the stage's input, output and dead-letter topics")
                } else if let topic = topics.first(where: { $0.name == changelog }), topic.config["cleanup.policy"] != "compact" {
                    issue("\(sp).changelog", value(sf, "changelog"), "the changelog topic '\(changelog)' must be compacted (only each key's latest value is needed): declare it with config: { cleanup.policy: compact }")
                }
            }
            var params = StageParameters([:], path: "\(sp).parameters")
            if let pn = value(sf, "parameters") {
                if case .mapping = pn.kind, case .object(let o) = pn.json {
                    params.values = o
                } else if case .scalar(.null) = pn.kind {
                } else {
                    issue("\(sp).parameters", pn, "expected a mapping, got \(pn.typeName)")
                }
            }
            if result.stages.contains(where: { $0.name == stageName }) {
                issue("\(sp).name", value(sf, "name"), "stage name '\(stageName)' is used twice in pipeline '\(name)'")
            }
            result.stages.append(StageSettings(
                name: stageName, worker: worker, inputs: inputs, output: output,
                group: string(value(sf, "group"), "\(sp).group", required: false) ?? "wirestream.\(name).\(stageName)",
                deadLetter: dlq,
                changelog: changelog,
                delivery: delivery(value(sf, "delivery"), "\(sp).delivery") ?? defaultDelivery,
                instances: int(value(sf, "instances"), "\(sp).instances", default: 1, min: 1),
                concurrency: int(value(sf, "concurrency"), "\(sp).concurrency", default: 8, min: 1),
                parameters: params, path: sp))
        }
        return result
    }

    mutating func delivery(_ node: ConfigNode?, _ path: String) -> DeliveryMode? {
        guard let s = string(node, path, required: false) else { return nil }
        guard let mode = DeliveryMode(rawValue: s) else {
            issue(path, node, "expected one of \(DeliveryMode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(s)'")
            return nil
        }
        return mode
    }

    mutating func checkDeclared(_ topic: String, _ path: String, _ node: ConfigNode?, _ declared: [String]) {
        guard !declared.contains(topic) else { return }
        let hint = Suggestion.closest(to: topic, in: declared).map { " (did you mean '\($0)'?)" } ?? ""
        issue(path, node, "topic '\(topic)' is not declared under topics\(hint)")
    }

    /// Graph checks across all pipelines.
    mutating func checkGraph(_ pipelines: [Pipeline], root: ConfigNode) {
        var writers: [String: String] = [:]
        var groups: [String: String] = [:]
        var changelogs: [String: String] = [:]
        for p in pipelines {
            for s in p.stages {
                if !s.output.isEmpty {
                    if let other = writers[s.output] {
                        issue("\(s.path).output", nil, "topic '\(s.output)' is already written by \(other); two stages must not write one topic")
                    } else {
                        writers[s.output] = s.path
                    }
                }
                if let changelog = s.changelog {
                    if let other = changelogs[changelog] {
                        issue("\(s.path).changelog", nil, "changelog topic '\(changelog)' is already used by \(other); each stage needs its own")
                    } else {
                        changelogs[changelog] = s.path
                    }
                    if let reader = pipelines.flatMap(\.stages).first(where: { $0.inputs.contains(changelog) }) {
                        issue("\(s.path).changelog", nil, "changelog topic '\(changelog)' is read by \(reader.path) as an input; a changelog is the stage's own")
                    }
                }
                if let other = groups[s.group] {
                    issue("\(s.path).group", nil, "consumer group '\(s.group)' is already used by \(other)")
                } else {
                    groups[s.group] = s.path
                }
            }
        }
        for p in pipelines {
            for (i, s) in p.stages.enumerated() where i > 0 {
                for input in s.inputs where writers[input] == nil {
                    issue("\(s.path).input", nil, "no stage produces topic '\(input)'; only the first stage of a pipeline may read a topic fed from outside")
                }
            }
        }
        // Cycles: topic → topic edges through stages.
        var edges: [String: [String]] = [:]
        for p in pipelines { for s in p.stages { for input in s.inputs { edges[input, default: []].append(s.output) } } }
        var state: [String: Int] = [:]
        var reported = false
        func visit(_ topic: String, _ trail: [String], _ me: inout Validator) {
            if reported { return }
            if state[topic] == 1 {
                let cycle = trail.drop { $0 != topic } + [topic]
                me.issue("pipelines", nil, "the stages form a cycle: \(cycle.joined(separator: " → "))")
                reported = true
                return
            }
            if state[topic] == 2 { return }
            state[topic] = 1
            for next in edges[topic] ?? [] { visit(next, trail + [topic], &me) }
            state[topic] = 2
        }
        for topic in edges.keys.sorted() { visit(topic, [], &self) }
    }

    func isValidTopicName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 249 && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
    }
}
