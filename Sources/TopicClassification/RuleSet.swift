import Foundation

/// Compiled keyword/phrase/entity rules (e.g. a newsroom's beats) applied to articles.
public struct RuleSet: Sendable {
    private let rules: [TopicRule]
    private var words: [String: [Int]] = [:]
    private var prefixes: [(String, Int)] = []
    private var phrases: [([String], Int)] = []
    private var entities: [String: [Int]] = [:]

    public init(_ rules: [TopicRule]) {
        self.rules = rules
        for (r, rule) in rules.enumerated() {
            for keyword in rule.keywords {
                let trimmed = keyword.trimmingCharacters(in: .whitespaces)
                if trimmed.hasSuffix("*") {
                    let stem = RuleSet.words(String(trimmed.dropLast()))
                    if stem.count == 1 { prefixes.append((stem[0], r)) } else if !stem.isEmpty { phrases.append((stem, r)) }
                    continue
                }
                let w = RuleSet.words(trimmed)
                if w.count == 1 { words[w[0], default: []].append(r) } else if !w.isEmpty { phrases.append((w, r)) }
            }
            for phrase in rule.phrases {
                let w = RuleSet.words(phrase)
                if w.count == 1 { words[w[0], default: []].append(r) } else if !w.isEmpty { phrases.append((w, r)) }
            }
            for entity in rule.entities {
                let key = RuleSet.words(entity).joined(separator: " ")
                if !key.isEmpty { entities[key, default: []].append(r) }
            }
        }
    }

    /// Lower-cased words (letters and digits) of `s`.
    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Labels whose rules match, each with the highest score among its matching rules, best first.
    public func apply(title: String, text: String, entities articleEntities: [String]) -> [TopicScore] {
        guard !rules.isEmpty else { return [] }
        var matched = [Bool](repeating: false, count: rules.count)
        let tokens = RuleSet.words(title) + ["\u{0}"] + RuleSet.words(text)
        for t in tokens {
            if let rs = words[t] { for r in rs { matched[r] = true } }
            for (p, r) in prefixes where !matched[r] && t.hasPrefix(p) { matched[r] = true }
        }
        if !phrases.isEmpty, tokens.count > 1 {
            var starts: [String: [Int]] = [:]
            for (i, t) in tokens.enumerated() { starts[t, default: []].append(i) }
            for (p, r) in phrases where !matched[r] {
                for i in starts[p[0]] ?? [] where i + p.count <= tokens.count {
                    if Array(tokens[i..<(i + p.count)]) == p { matched[r] = true; break }
                }
            }
        }
        for e in articleEntities {
            if let rs = entities[RuleSet.words(e).joined(separator: " ")] { for r in rs { matched[r] = true } }
        }
        var best: [String: Double] = [:]
        for (r, rule) in rules.enumerated() where matched[r] {
            best[rule.label] = max(best[rule.label] ?? -Double.infinity, rule.score)
        }
        return best.map { TopicScore(label: $0.key, score: $0.value) }.sortedBestFirst()
    }
}
