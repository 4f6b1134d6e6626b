/// BILOU tags over the four CoNLL name types: 0 = O, then B/I/L/U for PER, LOC, ORG, MISC.
package enum TagScheme {
    static let typeCount = 4
    package static let count = 1 + 4 * typeCount
    package static let outside = 0

    package static func tag(type: Int, part: Int) -> Int { 1 + 4 * type + part }  // part: 0 B, 1 I, 2 L, 3 U
    package static func type(of tag: Int) -> Int { (tag - 1) / 4 }
    package static func part(of tag: Int) -> Int { (tag - 1) % 4 }

    /// `allowed[prev * count + cur]`; prev == count is the sentence start.
    static let allowed: [Bool] = {
        var a = [Bool](repeating: false, count: (count + 1) * count)
        for prev in 0...count {
            for cur in 0..<count {
                let prevOpen = prev != count && prev != outside && (part(of: prev) == 0 || part(of: prev) == 1)
                if prevOpen {
                    a[prev * count + cur] = cur != outside && type(of: cur) == type(of: prev) && (part(of: cur) == 1 || part(of: cur) == 2)
                } else {
                    a[prev * count + cur] = cur == outside || part(of: cur) == 0 || part(of: cur) == 3
                }
            }
        }
        return a
    }()

    static let allowedEnd: [Bool] = (0..<count).map { $0 == outside || part(of: $0) == 2 || part(of: $0) == 3 }

    /// Labeled spans `(type index, start, end)` (token indices, end exclusive) from CoNLL IOB/IOB2 labels.
    package static func spans(conll labels: [String]) -> [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        var cur: (Int, Int)? = nil
        func close(_ i: Int) { if let c = cur { result.append((c.0, c.1, i)); cur = nil } }
        for (i, label) in labels.enumerated() {
            if label == "O" || label.count < 3 { close(i); continue }
            let prefix = label.prefix(1)
            let typeName = String(label.dropFirst(2))
            guard let t = conllTypes.firstIndex(of: typeName) else { close(i); continue }
            if prefix == "B" || cur == nil || cur?.0 != t {
                close(i)
                cur = (t, i)
            }
        }
        close(labels.count)
        return result
    }

    package static let conllTypes = ["PER", "LOC", "ORG", "MISC"]

    /// BILOU tag sequence for spans over `n` tokens.
    package static func tags(spans: [(Int, Int, Int)], count n: Int) -> [Int] {
        var tags = [Int](repeating: outside, count: n)
        for (t, s, e) in spans {
            if e - s == 1 { tags[s] = tag(type: t, part: 3); continue }
            tags[s] = tag(type: t, part: 0)
            for k in (s + 1)..<(e - 1) { tags[k] = tag(type: t, part: 1) }
            tags[e - 1] = tag(type: t, part: 2)
        }
        return tags
    }

    /// Spans from a (valid or not) BILOU sequence; stray I/L start a span.
    package static func spans(tags: [Int]) -> [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        var open: (Int, Int)? = nil
        for (i, tag) in tags.enumerated() {
            if tag == outside {
                if let o = open { result.append((o.0, o.1, i)); open = nil }
                continue
            }
            let t = type(of: tag)
            let p = part(of: tag)
            if let o = open, o.0 != t || p == 0 || p == 3 {
                result.append((o.0, o.1, i)); open = nil
            }
            if open == nil { open = (t, i) }
            if p == 2 || p == 3, let o = open { result.append((o.0, o.1, i + 1)); open = nil }
        }
        if let o = open { result.append((o.0, o.1, tags.count)) }
        return result
    }

    /// For each tag, the previous tags allowed before it, ascending (`allowedPrevious[t * count ..< t * count + allowedPreviousCount[t]]`).
    static let allowedPrevious: [Int32] = {
        var a = [Int32](repeating: 0, count: count * count)
        for t in 0..<count {
            var k = 0
            for p in 0..<count where allowed[p * count + t] { a[t * count + k] = Int32(p); k += 1 }
        }
        return a
    }()
    static let allowedPreviousCount: [Int] = (0..<count).map { t in (0..<count).filter { allowed[$0 * count + t] }.count }

    /// Constrained Viterbi over `emissions[i * count + tag]` with learned `transitions`
    /// (`(count + 1) * count`, last row = start) and `endScores`.
    package static func viterbi(emissions: [Float], length n: Int, transitions: [Float], endScores: [Float]) -> [Int] {
        var score: [Float] = []
        var back: [Int32] = []
        return viterbi(emissions: emissions, length: n, transitions: transitions, endScores: endScores, score: &score, back: &back)
    }

    /// Same as above, with caller-owned work buffers (grown as needed).
    ///
    /// The allowed moves have a fixed shape: `O`, `B-k` and `U-k` follow `O`, `L-j`, `U-j` (nine tags), and `I-k`,
    /// `L-k` follow `B-k`, `I-k`. Each step scores the eight `B`/`U` tags as one vector over the nine previous tags,
    /// `O` on its own, and the eight `I`/`L` tags as one vector over their two previous tags, always scanning previous
    /// tags in ascending order with a strict comparison: the same choices as a scan over `allowedPrevious`.
    package static func viterbi(emissions: [Float], length n: Int, transitions: [Float], endScores: [Float],
                        score: inout [Float], back: inout [Int32]) -> [Int] {
        viterbi(emissions: emissions, length: n, transitions: transitions, tables: ViterbiTables(transitions),
                endScores: endScores, score: &score, back: &back)
    }

    // previous tags of O/B/U in ascending order: O, L-1, U-1, L-2, U-2, ...
    @inline(__always) static func closedPrev(_ j: Int) -> Int { j == 0 ? 0 : 3 + 4 * ((j - 1) >> 1) + ((j - 1) & 1) }
    // lane l of the B/U vector is tag(type: l / 2, part: 0 or 3); of the I/L vector tag(type: l / 2, part: 1 or 2)
    @inline(__always) static func openTag(_ l: Int) -> Int { 1 + 4 * (l >> 1) + ((l & 1) == 0 ? 0 : 3) }
    @inline(__always) static func innerTag(_ l: Int) -> Int { 1 + 4 * (l >> 1) + ((l & 1) == 0 ? 1 : 2) }

    /// The transition scores as the vector steps of `viterbi` read them (a model keeps one, made from its transitions).
    struct ViterbiTables: Sendable {
        /// per previous closed tag (`closedPrev`): to the eight B/U tags, and to O
        var open: [SIMD8<Float>]
        var outside: [Float]
        /// to the eight I/L tags from their B and from their I
        var fromB: SIMD8<Float>
        var fromI: SIMD8<Float>

        init(_ transitions: [Float]) {
            let c = TagScheme.count
            precondition(c == 17 && typeCount == 4, "the vector steps are written for 4 types in BILOU")
            // a short table reads as zeros here (the start row is read by `viterbi` itself)
            func tr(_ k: Int) -> Float { k < transitions.count ? transitions[k] : 0 }
            open = [SIMD8<Float>](repeating: .zero, count: 9)
            outside = [Float](repeating: 0, count: 9)
            for j in 0..<9 {
                let p = closedPrev(j)
                for l in 0..<8 { open[j][l] = tr(p * c + openTag(l)) }
                outside[j] = tr(p * c)
            }
            fromB = .zero
            fromI = .zero
            for l in 0..<8 {
                let b = 1 + 4 * (l >> 1)
                fromB[l] = tr(b * c + innerTag(l))
                fromI[l] = tr((b + 1) * c + innerTag(l))
            }
        }
    }

    /// Same, with `tables` made from `transitions`.
    static func viterbi(emissions: [Float], length n: Int, transitions: [Float], tables: ViterbiTables, endScores: [Float],
                        score: inout [Float], back: inout [Int32]) -> [Int] {
        guard n > 0 else { return [] }
        let c = count
        precondition(c == 17 && typeCount == 4, "the vector steps below are written for 4 types in BILOU")
        if score.count < n * c { score = [Float](repeating: 0, count: n * c) }
        if back.count < n * c { back = [Int32](repeating: 0, count: n * c) }
        var path = [Int](repeating: 0, count: n)
        @inline(__always) func closedPrev(_ j: Int) -> Int { TagScheme.closedPrev(j) }
        @inline(__always) func openTag(_ l: Int) -> Int { TagScheme.openTag(l) }
        @inline(__always) func innerTag(_ l: Int) -> Int { TagScheme.innerTag(l) }
        let trOpen = tables.open
        let trOutside = tables.outside
        let trFromB = tables.fromB, trFromI = tables.fromI
        emissions.withUnsafeBufferPointer { em in
        trOpen.withUnsafeBufferPointer { tOpen in
        trOutside.withUnsafeBufferPointer { tOut in
        score.withUnsafeMutableBufferPointer { sc in
        back.withUnsafeMutableBufferPointer { bk in
            for t in 0..<c { sc[t] = allowed[c * c + t] ? em[t] + transitions[c * c + t] : -.infinity }
            if n > 1 {
                for i in 1..<n {
                    let base = i * c
                    let prevBase = (i - 1) * c
                    var bestO: Float = -.infinity
                    var argO: Int32 = 0
                    var bestOpen = SIMD8<Float>(repeating: -.infinity)
                    var argOpen = SIMD8<Int32>(repeating: 0)
                    for j in 0..<9 {
                        let p = closedPrev(j)
                        let sp = sc[prevBase + p]
                        let s = SIMD8<Float>(repeating: sp) + tOpen[j]
                        let better = s .> bestOpen
                        bestOpen.replace(with: s, where: better)
                        argOpen.replace(with: SIMD8<Int32>(repeating: Int32(p)), where: better)
                        let so = sp + tOut[j]
                        let b = so > bestO
                        bestO = b ? so : bestO
                        argO = b ? Int32(p) : argO
                    }
                    var fromB = SIMD8<Float>.zero, fromI = SIMD8<Float>.zero
                    for l in 0..<8 {
                        fromB[l] = sc[prevBase + 1 + 4 * (l >> 1)]
                        fromI[l] = sc[prevBase + 2 + 4 * (l >> 1)]
                    }
                    var bestInner = SIMD8<Float>(repeating: -.infinity)
                    var argInner = SIMD8<Int32>(repeating: 0)
                    let sb = fromB + trFromB
                    let betterB = sb .> bestInner
                    bestInner.replace(with: sb, where: betterB)
                    argInner.replace(with: SIMD8<Int32>(1, 1, 5, 5, 9, 9, 13, 13), where: betterB)
                    let si = fromI + trFromI
                    let betterI = si .> bestInner
                    bestInner.replace(with: si, where: betterI)
                    argInner.replace(with: SIMD8<Int32>(2, 2, 6, 6, 10, 10, 14, 14), where: betterI)
                    sc[base] = bestO + em[base]
                    bk[base] = argO
                    for l in 0..<8 {
                        let o = base + openTag(l)
                        sc[o] = bestOpen[l] + em[o]
                        bk[o] = argOpen[l]
                        let q = base + innerTag(l)
                        sc[q] = bestInner[l] + em[q]
                        bk[q] = argInner[l]
                    }
                }
            }
            var best: Float = -.infinity
            var arg = 0
            for t in 0..<c where allowedEnd[t] {
                let s = sc[(n - 1) * c + t] + endScores[t]
                if s > best { best = s; arg = t }
            }
            path[n - 1] = arg
            if n > 1 {
                for i in stride(from: n - 1, to: 0, by: -1) {
                    path[i - 1] = Int(bk[i * c + path[i]])
                }
            }
        }}}}}
        return path
    }
}
