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
        // positions of each capitalized word of two characters or more, by its lowercase hash
        var groups: [UInt64: [Int]] = [:]
        var capitalized = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let w = words[i]
            guard let f = w.unicodeScalars.first, CharClass.isUpper(f), w.utf8.count >= 2 else { continue }
            capitalized[i] = true
            groups[lower(i), default: []].append(i)
        }
        var perToken = [[UInt32]](repeating: [], count: n)
        guard groups.count < capitalizedCount(capitalized) else {
            // no capitalized word occurs twice
            result.offsets.append(contentsOf: repeatElement(0, count: n))
            return result
        }
        for positions in groups.values where positions.count >= 2 {
            for p in positions {
                var keys: [UInt32] = []
                var seen = 0
                for q in positions where q != p {
                    if seen == maxOthers { break }
                    seen += 1
                    let first = sentenceStart[q], last = sentenceEnd[q]
                    keys.append(FeatureExtractor.key(60, first ? 1 : lower(q - 1)))
                    keys.append(FeatureExtractor.key(61, last ? 2 : lower(q + 1)))
                    let before: UInt64 = first ? 0 : capitalized[q - 1] ? 1 : 2
                    let after: UInt64 = last ? 0 : capitalized[q + 1] ? 1 : 2
                    keys.append(FeatureExtractor.key(62, before << 2 | after))
                }
                keys.sort()
                var unique: [UInt32] = []
                unique.reserveCapacity(keys.count)
                for k in keys where unique.last != k { unique.append(k) }
                perToken[p] = unique
            }
        }
        for i in 0..<n {
            result.keys.append(contentsOf: perToken[i])
            result.offsets.append(result.keys.count)
        }
        return result
    }
}

private func capitalizedCount(_ flags: [Bool]) -> Int { flags.reduce(0) { $0 + ($1 ? 1 : 0) } }

/// Feature keys per token, back to back: token `i` has `keys[offsets[i]..<offsets[i + 1]]`.
package struct TokenKeys: Sendable {
    package var keys: [UInt32] = []
    package var offsets: [Int] = [0]

    package init() {}

    /// The keys of tokens `range` (offsets relative to the range's first token).
    package func slice(_ range: Range<Int>) -> TokenKeys {
        var s = TokenKeys()
        guard offsets.count > range.upperBound else { return s }
        let base = offsets[range.lowerBound]
        s.keys = Array(keys[base..<offsets[range.upperBound]])
        s.offsets = offsets[range.lowerBound...range.upperBound].map { $0 - base }
        return s
    }

    /// True when no token has a key.
    package var isEmpty: Bool { keys.isEmpty }
}
