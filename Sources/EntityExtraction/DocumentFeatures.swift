/// Document-level (non-local) features, after Ratinov & Roth (2009)'s context aggregation: a capitalized word
/// that occurs more than once in a document (compared in lowercase, so a headline's `JAPAN` is the story's `Japan`)
/// gets, at each occurrence, the contexts of its other occurrences: the lowercase words just before and after them
/// (templates 60, 61; a sentence boundary has its own value) and whether their neighbours are capitalized (62).
/// "Kovacs" alone in a result list then sees "Andras Kovacs said" from the story's first line.
///
/// The features read only the document's words, so training (gold tokens, documents found by their datelines)
/// and the entities stage (the tokenizer's words of one article) compute them the same way.
package enum DocumentFeatures {
    /// Other occurrences read per occurrence (the first ones of the document; a word repeated in a long
    /// table does not cost quadratic time).
    static let maxOthers = 8

    /// Per-token keys of a document (`sentences` are ranges of `words`): token `i` has
    /// `keys[offsets[i]..<offsets[i + 1]]`, sorted and without repeats.
    package static func keys(words: [String], sentences: [Range<Int>]) -> TokenKeys {
        let n = words.count
        var result = TokenKeys()
        result.offsets.reserveCapacity(n + 1)
        var sentenceStart = [Bool](repeating: false, count: n)
        for r in sentences where !r.isEmpty { sentenceStart[r.lowerBound] = true }
        var sentenceEnd = [Bool](repeating: false, count: n)
        for r in sentences where !r.isEmpty { sentenceEnd[r.upperBound - 1] = true }
        var lowerCache = [UInt64](repeating: 0, count: n)
        func lower(_ i: Int) -> UInt64 {
            if lowerCache[i] != 0 { return lowerCache[i] }
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(words[i].utf8.count)
            for c in words[i].unicodeScalars { CharClass.appendLower(c, to: &scalars) }
            let h = FeatureHash.string(scalars)
            lowerCache[i] = h
            return h
        }
        // capitalized words of two characters or more as (lowercase hash, position), sorted: a word's occurrences
        // are then one run, in document order (one array instead of one per word)
        var capitalized = [Bool](repeating: false, count: n)
        var occurrences: [(hash: UInt64, position: Int)] = []
        for i in 0..<n {
            let w = words[i]
            guard let f = w.unicodeScalars.first, CharClass.isUpper(f), w.utf8.count >= 2 else { continue }
            capitalized[i] = true
            occurrences.append((lower(i), i))
        }
        occurrences.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.position < $1.position }
        // each token's keys, written run by run into `pending`, then copied out in token order
        var pending: [UInt32] = []
        var start = [Int](repeating: 0, count: n), count = [Int](repeating: 0, count: n)
        var keys: [UInt32] = []
        var runStart = 0
        while runStart < occurrences.count {
            var runEnd = runStart + 1
            while runEnd < occurrences.count && occurrences[runEnd].hash == occurrences[runStart].hash { runEnd += 1 }
            defer { runStart = runEnd }
            guard runEnd - runStart >= 2 else { continue }
            for a in runStart..<runEnd {
                let p = occurrences[a].position
                keys.removeAll(keepingCapacity: true)
                var seen = 0
                for b in runStart..<runEnd where b != a {
                    if seen == maxOthers { break }
                    seen += 1
                    let q = occurrences[b].position
                    let first = sentenceStart[q], last = sentenceEnd[q]
                    keys.append(FeatureExtractor.key(60, first ? 1 : lower(q - 1)))
                    keys.append(FeatureExtractor.key(61, last ? 2 : lower(q + 1)))
                    let before: UInt64 = first ? 0 : capitalized[q - 1] ? 1 : 2
                    let after: UInt64 = last ? 0 : capitalized[q + 1] ? 1 : 2
                    keys.append(FeatureExtractor.key(62, before << 2 | after))
                }
                keys.sort()
                start[p] = pending.count
                for k in keys where pending.count == start[p] || pending.last != k { pending.append(k) }
                count[p] = pending.count - start[p]
            }
        }
        result.keys.reserveCapacity(pending.count)
        for i in 0..<n {
            if count[i] > 0 { result.keys.append(contentsOf: pending[start[i]..<(start[i] + count[i])]) }
            result.offsets.append(result.keys.count)
        }
        return result
    }
}

/// Feature keys per token, back to back: token `i` has `keys[offsets[i]..<offsets[i + 1]]`.
package struct TokenKeys: Sendable {
    package var keys: [UInt32] = []
    package var offsets: [Int] = [0]

    package init() {}

    /// No keys for any token (shared, so handing it out allocates nothing).
    static let none = TokenKeys()

    /// The keys of tokens `range` (offsets relative to the range's first token).
    package func slice(_ range: Range<Int>) -> TokenKeys {
        guard offsets.count > range.upperBound, offsets[range.lowerBound] < offsets[range.upperBound] else { return Self.none }
        var s = TokenKeys()
        let base = offsets[range.lowerBound]
        s.keys = Array(keys[base..<offsets[range.upperBound]])
        s.offsets = offsets[range.lowerBound...range.upperBound].map { $0 - base }
        return s
    }

    /// True when no token has a key.
    package var isEmpty: Bool { keys.isEmpty }
}
