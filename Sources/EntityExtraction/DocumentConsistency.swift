/// Document-level recall fix: a capitalized word sequence the tagger labelled somewhere in the
/// document is labelled the same way where the tagger missed it (for example `Xi` after `Xi Jinping`).
enum DocumentConsistency {
    static func extend(_ spans: [(EntityType, Int, Int)], words: [String]) -> [(EntityType, Int, Int)] {
        guard !spans.isEmpty else { return spans }
        var covered = [Bool](repeating: false, count: words.count)
        for (_, s, e) in spans { for k in s..<e { covered[k] = true } }
        // candidate sequences: every tagged span, and the single words of multi-word person names
        var candidates: [([String], EntityType)] = []
        var seen = Set<String>(minimumCapacity: spans.count * 2)
        for (t, s, e) in spans {
            let seq = Array(words[s..<e])
            if seen.insert(seq.count == 1 ? seq[0] : seq.joined(separator: " ")).inserted { candidates.append((seq, t)) }
            if t == .person, e - s >= 2 {
                for w in [words[s], words[e - 1]] where seen.insert(w).inserted { candidates.append(([w], t)) }
            }
        }
        candidates.sort { $0.0.count > $1.0.count }
        // Positions of the words that can begin a candidate (it starts with a capital). Before hashing a word,
        // its UTF-8 length is checked against the candidates' when both are ASCII (then equal means same bytes).
        let begins = candidates.map { Self.canBegin($0.0) }
        var firstIndex: [String: Int] = Dictionary(minimumCapacity: candidates.count)
        var lengths: UInt64 = 0
        var allASCII = true
        for (c, (seq, _)) in candidates.enumerated() where begins[c] {
            if firstIndex[seq[0]] == nil { firstIndex[seq[0]] = firstIndex.count }
            let n = seq[0].utf8.count
            lengths |= 1 << UInt64(min(n, 63))
            if seq[0].utf8.contains(where: { $0 >= 128 }) { allASCII = false }
        }
        guard !firstIndex.isEmpty else { return spans.sorted { $0.1 < $1.1 } }
        var positions = [[Int]](repeating: [], count: firstIndex.count)
        for (i, w) in words.enumerated() {
            let utf8 = w.utf8
            guard let b = utf8.first else { continue }
            if b < 128 {
                guard b >= 65 && b <= 90 else { continue }
                if allASCII, lengths & (1 << UInt64(min(utf8.count, 63))) == 0, !utf8.contains(where: { $0 >= 128 }) { continue }
            } else {
                guard let f = w.unicodeScalars.first, CharClass.isUpper(f) else { continue }
            }
            if let k = firstIndex[w] { positions[k].append(i) }
        }
        var added: [(EntityType, Int, Int)] = []
        for (c, (seq, type)) in candidates.enumerated() {
            guard begins[c], let k = firstIndex[seq[0]] else { continue }
            for i in positions[k] where i + seq.count <= words.count {
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

    /// A candidate is looked for when it starts with a capital and is not a single one-character word.
    private static func canBegin(_ seq: [String]) -> Bool {
        guard let first = seq.first?.unicodeScalars.first, CharClass.isUpper(first) else { return false }
        return !(seq.count == 1 && isShorterThanTwoCharacters(seq[0]))
    }

    /// `w.count < 2`; an ASCII word without CR has one character per byte.
    private static func isShorterThanTwoCharacters(_ w: String) -> Bool {
        let n = w.utf8.count
        if n < 2 { return true }
        if !w.utf8.contains(where: { $0 >= 128 || $0 == 13 }) { return false }
        return w.count < 2
    }

    private static func isCapitalizedWord(_ w: String) -> Bool {
        guard let f = w.unicodeScalars.first else { return false }
        return CharClass.isUpper(f)
    }

    private static func isSentenceStartContext(_ w: String) -> Bool { w == "." || w == "\"" || w == ":" }
}
