/// Document-level recall fix: a capitalized word sequence the tagger labelled somewhere in the
/// document is labelled the same way where the tagger missed it (for example `Xi` after `Xi Jinping`).
enum DocumentConsistency {
    static func extend(_ spans: [(EntityType, Int, Int)], words: [String]) -> [(EntityType, Int, Int)] {
        guard !spans.isEmpty else { return spans }
        var covered = [Bool](repeating: false, count: words.count)
        for (_, s, e) in spans { for k in s..<e { covered[k] = true } }
        // candidate sequences: every tagged span, and the single words of multi-word person names
        var candidates: [([String], EntityType)] = []
        var seen = Set<String>()
        for (t, s, e) in spans {
            let seq = Array(words[s..<e])
            if seen.insert(seq.joined(separator: " ")).inserted { candidates.append((seq, t)) }
            if t == .person, e - s >= 2 {
                for w in [words[s], words[e - 1]] where seen.insert(w).inserted { candidates.append(([w], t)) }
            }
        }
        candidates.sort { $0.0.count > $1.0.count }
        // only words starting with a capital can begin a candidate
        var positions: [String: [Int]] = [:]
        for (i, w) in words.enumerated() {
            guard let f = w.unicodeScalars.first, CharClass.isUpper(f) else { continue }
            positions[w, default: []].append(i)
        }
        var added: [(EntityType, Int, Int)] = []
        for (seq, type) in candidates {
            guard let first = seq.first?.unicodeScalars.first, first.properties.isUppercase else { continue }
            if seq.count == 1 && seq[0].count < 2 { continue }
            for i in positions[seq[0]] ?? [] where i + seq.count <= words.count {
                guard (0..<seq.count).allSatisfy({ words[i + $0] == seq[$0] }), !(i..<(i + seq.count)).contains(where: { covered[$0] }) else { continue }
                let before = i > 0 ? words[i - 1] : ""
                let after = i + seq.count < words.count ? words[i + seq.count] : ""
                // do not glue onto a neighbouring capitalized word (it would be part of another name)
                if !isCapitalizedWord(before) || i == 0 || isSentenceStartContext(before), !isCapitalizedWord(after) {
                    added.append((type, i, i + seq.count))
                    for k in i..<(i + seq.count) { covered[k] = true }
                }
            }
        }
        return (spans + added).sorted { $0.1 < $1.1 }
    }

    private static func isCapitalizedWord(_ w: String) -> Bool {
        guard let f = w.unicodeScalars.first else { return false }
        return f.properties.isUppercase
    }

    private static func isSentenceStartContext(_ w: String) -> Bool { w == "." || w == "\"" || w == ":" }
}
