/// Document-level recall fix: a capitalized word sequence the tagger labelled somewhere in the
/// document is labelled the same way where the tagger missed it (for example `Xi` after `Xi Jinping`).
enum DocumentConsistency {
    static func extend(_ spans: [(EntityType, Int, Int)], words: [String]) -> [(EntityType, Int, Int)] {
        guard !spans.isEmpty else { return spans }
        var covered = [Bool](repeating: false, count: words.count)
        for (_, s, e) in spans { for k in s..<e { covered[k] = true } }
        // candidate sequences: every tagged span, and the single words of multi-word person names
        // (as the range of `words` where the sequence was first seen)
        var candidates: [(start: Int, count: Int, type: EntityType)] = []
        candidates.reserveCapacity(spans.count * 2)
        var seen = Set<String>(minimumCapacity: spans.count * 2)
        for (t, s, e) in spans {
            if seen.insert(e - s == 1 ? words[s] : Self.joined(words, s, e)).inserted { candidates.append((s, e - s, t)) }
            if t == .person, e - s >= 2 {
                if seen.insert(words[s]).inserted { candidates.append((s, 1, t)) }
                if seen.insert(words[e - 1]).inserted { candidates.append((e - 1, 1, t)) }
            }
        }
        candidates.sort { $0.count > $1.count }
        // Positions of the words that can begin a candidate (it starts with a capital). Before hashing an ASCII word,
        // its UTF-8 length and last byte are checked against the candidates' when those are all ASCII
        // (then equal means same bytes).
        let begins = candidates.map { Self.canBegin(words, $0.start, $0.count) }
        var firstIndex: [String: Int] = Dictionary(minimumCapacity: candidates.count)
        var lengths: UInt64 = 0
        var lastBytes: (UInt64, UInt64) = (0, 0)
        var allASCII = true
        var firstOf = [Int](repeating: -1, count: candidates.count)  // candidate → its first word's index in `firstIndex`
        @inline(__always) func value(_ v: inout Int) -> Int { v }
        for (c, cand) in candidates.enumerated() where begins[c] {
            let w = words[cand.start]
            let next = firstIndex.count
            firstOf[c] = value(&firstIndex[w, default: next])  // one hash: inserts `next` for a new word
            let n = w.utf8.count
            lengths |= 1 << UInt64(min(n, 63))
            if w.utf8.contains(where: { $0 >= 128 }) { allASCII = false }
            if let last = w.utf8.last, last < 128 {
                if last < 64 { lastBytes.0 |= 1 << UInt64(last) } else { lastBytes.1 |= 1 << UInt64(last - 64) }
            }
        }
        guard !firstIndex.isEmpty else { return spans.sorted { $0.1 < $1.1 } }
        // (candidate first word, position) pairs, grouped below by first word with positions ascending
        var hits: [(Int, Int)] = []
        for (i, w) in words.enumerated() {
            let utf8 = w.utf8
            guard let b = utf8.first else { continue }
            if b < 128 {
                guard b >= 65 && b <= 90 else { continue }
                if allASCII {
                    // nil: the word is not ASCII (it may still equal a candidate canonically)
                    let excluded = utf8.withContiguousStorageIfAvailable { buf -> Bool? in
                        var ascii = true
                        for x in buf where x >= 128 { ascii = false; break }
                        guard ascii else { return nil }
                        let last = buf[buf.count - 1]
                        let bit = last < 64 ? lastBytes.0 & (1 << UInt64(last)) : lastBytes.1 & (1 << UInt64(last - 64))
                        return lengths & (1 << UInt64(min(buf.count, 63))) == 0 || bit == 0
                    }
                    if let excluded {
                        if excluded == true { continue }
                    } else if lengths & (1 << UInt64(min(utf8.count, 63))) == 0, !utf8.contains(where: { $0 >= 128 }) {
                        continue
                    }
                }
            } else {
                guard let f = w.unicodeScalars.first, CharClass.isUpper(f) else { continue }
            }
            if let k = firstIndex[w] { hits.append((k, i)) }
        }
        var offsets = [Int](repeating: 0, count: firstIndex.count + 1)
        for (k, _) in hits { offsets[k + 1] += 1 }
        for k in 0..<firstIndex.count { offsets[k + 1] += offsets[k] }
        var positions = [Int](repeating: 0, count: hits.count)
        var fill = offsets
        for (k, i) in hits { positions[fill[k]] = i; fill[k] += 1 }
        var added: [(EntityType, Int, Int)] = []
        for (c, cand) in candidates.enumerated() {
            guard begins[c] else { continue }
            let k = firstOf[c]
            let cs = cand.start, len = cand.count
            for p in offsets[k]..<offsets[k + 1] {
                let i = positions[p]
                guard i + len <= words.count else { continue }
                guard (0..<len).allSatisfy({ words[i + $0] == words[cs + $0] }), !(i..<(i + len)).contains(where: { covered[$0] }) else { continue }
                let before = i > 0 ? words[i - 1] : ""
                let after = i + len < words.count ? words[i + len] : ""
                // do not glue onto a neighbouring capitalized word (it would be part of another name)
                if !isCapitalizedWord(before) || i == 0 || isSentenceStartContext(before), !isCapitalizedWord(after) {
                    added.append((cand.type, i, i + len))
                    for k in i..<(i + len) { covered[k] = true }
                }
            }
        }
        return (spans + added).sorted { $0.1 < $1.1 }
    }

    /// `words[s..<e].joined(separator: " ")`.
    private static func joined(_ words: [String], _ s: Int, _ e: Int) -> String {
        var bytes = e - s - 1
        for k in s..<e { bytes += words[k].utf8.count }
        var out = ""
        out.reserveCapacity(bytes)
        out += words[s]
        for k in (s + 1)..<e { out += " "; out += words[k] }
        return out
    }

    /// A candidate is looked for when it starts with a capital and is not a single one-character word.
    private static func canBegin(_ words: [String], _ start: Int, _ count: Int) -> Bool {
        guard count > 0, let first = words[start].unicodeScalars.first, CharClass.isUpper(first) else { return false }
        return !(count == 1 && isShorterThanTwoCharacters(words[start]))
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
