/// BILOU tags over the four CoNLL name types: 0 = O, then B/I/L/U for PER, LOC, ORG, MISC.
enum TagScheme {
    static let typeCount = 4
    static let count = 1 + 4 * typeCount
    static let outside = 0

    static func tag(type: Int, part: Int) -> Int { 1 + 4 * type + part }  // part: 0 B, 1 I, 2 L, 3 U
    static func type(of tag: Int) -> Int { (tag - 1) / 4 }
    static func part(of tag: Int) -> Int { (tag - 1) % 4 }

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
    static func spans(conll labels: [String]) -> [(Int, Int, Int)] {
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

    static let conllTypes = ["PER", "LOC", "ORG", "MISC"]

    /// BILOU tag sequence for spans over `n` tokens.
    static func tags(spans: [(Int, Int, Int)], count n: Int) -> [Int] {
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
    static func spans(tags: [Int]) -> [(Int, Int, Int)] {
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
    static func viterbi(emissions: [Float], length n: Int, transitions: [Float], endScores: [Float]) -> [Int] {
        var score: [Float] = []
        var back: [Int32] = []
        return viterbi(emissions: emissions, length: n, transitions: transitions, endScores: endScores, score: &score, back: &back)
    }

    /// Transitions with -inf where not allowed: every tag then scans all previous tags in ascending order with
    /// the same strict comparison, so the chosen tag and score are those of the scan over the allowed ones only.
    static func masked(_ transitions: [Float]) -> [Float] {
        var masked = [Float](repeating: -.infinity, count: (count + 1) * count)
        for k in 0..<((count + 1) * count) where allowed[k] { masked[k] = transitions[k] }
        return masked
    }

    /// Same as above, with caller-owned work buffers (grown as needed).
    /// `maskedTransitions`: `masked(transitions)` when the caller keeps it.
    static func viterbi(emissions: [Float], length n: Int, transitions: [Float], endScores: [Float],
                        score: inout [Float], back: inout [Int32], maskedTransitions: [Float]? = nil) -> [Int] {
        guard n > 0 else { return [] }
        let c = count
        precondition(c == 17, "the vector step below is written for 17 tags")
        if score.count < n * c { score = [Float](repeating: 0, count: n * c) }
        if back.count < n * c { back = [Int32](repeating: 0, count: n * c) }
        var path = [Int](repeating: 0, count: n)
        let masked = maskedTransitions ?? Self.masked(transitions)
        emissions.withUnsafeBufferPointer { em in
        masked.withUnsafeBufferPointer { tr in
        score.withUnsafeMutableBufferPointer { sc in
        back.withUnsafeMutableBufferPointer { bk in
            guard let trBase = tr.baseAddress else { return }
            for t in 0..<c { sc[t] = allowed[c * c + t] ? em[t] + transitions[c * c + t] : -.infinity }
            if n > 1 {
                for i in 1..<n {
                    let base = i * c
                    let prevBase = (i - 1) * c
                    // tags 0..<16 in one vector, tag 16 on its own
                    var best = SIMD16<Float>(repeating: -.infinity)
                    var arg = SIMD16<Int32>(repeating: 0)
                    var best16: Float = -.infinity
                    var arg16: Int32 = 0
                    for p in 0..<c {
                        let sp = sc[prevBase + p]
                        let row = UnsafeRawPointer(trBase + p * c)
                        let s = SIMD16<Float>(repeating: sp) + row.loadUnaligned(as: SIMD16<Float>.self)
                        let better = s .> best
                        best.replace(with: s, where: better)
                        arg.replace(with: SIMD16<Int32>(repeating: Int32(p)), where: better)
                        let s16 = sp + tr[p * c + 16]
                        if s16 > best16 { best16 = s16; arg16 = Int32(p) }
                    }
                    for t in 0..<16 {
                        sc[base + t] = best[t] + em[base + t]
                        bk[base + t] = arg[t]
                    }
                    sc[base + 16] = best16 + em[base + 16]
                    bk[base + 16] = arg16
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
        }}}}
        return path
    }
}
