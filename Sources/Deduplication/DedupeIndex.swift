/// The in-memory near-duplicate index: exact digests, LSH band buckets, shingle sets for
/// verification and cluster-level document frequencies of shingles (boilerplate detection).
///
/// Not thread-safe; ``Deduplicator`` guards it with a mutex.
struct DedupeIndex {
    /// Candidates whose MinHash signatures estimate a lower Jaccard similarity are not verified.
    static let minEstimatedJaccard = 0.1

    /// Number of signature bins where `a` and `b` agree.
    @inline(__always)
    static func agreement(_ a: [UInt32], _ b: [UInt32]) -> Int {
        guard a.count == b.count else { return a.count }  // unknown layout: never filter
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                var n = 0
                for i in 0..<pa.count where pa[i] == pb[i] { n += 1 }
                return n
            }
        }
    }

    /// Bucket entries scanned per band (newest first) when collecting candidates.
    static let maxBucketScan = 8

    let options: DedupeOptions
    let hasher: MinHasher
    private(set) var articles: [Int64: IndexedArticle] = [:]
    private(set) var byId: [String: Int64] = [:]
    /// Articles per folded-text digest, in arrival order (the first is the match).
    private var byDigest: [String: [Int64]] = [:]
    /// (timestamp, seq) of every article, oldest on top, for expiry.
    private var ageHeap = MinHeap()
    private var buckets = BucketIndex()
    /// Boilerplate evidence: each retained root counts its shingles, each retained copy the
    /// shingles it added. Sums over retained articles, so expiry subtracts exactly what insertion
    /// added, and a restart that loads the retained articles reaches the same counts.
    private var counters = ShingleCounters()
    /// A larger table being filled while `counters` keeps answering (see ``countFrequencies(_:)``).
    private var growth: CounterGrowth?
    private(set) var nextSeq: Int64 = 1

    init(options: DedupeOptions) {
        self.options = options
        self.hasher = MinHasher(permutations: options.permutations)
    }

    var count: Int { articles.count }
    /// Shingle occurrences counted for boilerplate detection.
    var countedShingles: Int { counters.increments }
    /// Bytes of the boilerplate counters.
    var counterBytes: Int { counters.bytes }

    // MARK: deciding

    /// What ``decide(_:)`` found, with what the index stores for the article.
    struct Decision {
        var verdict: DedupeVerdict
        var signature: [UInt32]
        var matchedSeq: Int64?
        /// ``keys(_:)`` of the shingles and of the numbers.
        var keys: [UInt32]
        var numberKeys: [UInt32]
        /// LSH band keys of `signature` (empty when there are no shingles), for ``insert(_:bandKeys:)``.
        var bandKeys: [UInt64] = []
    }

    /// Sorted, distinct high halves of sorted 64-bit hashes.
    static func keys(_ hashes: [UInt64]) -> [UInt32] {
        guard !hashes.isEmpty else { return [] }
        return hashes.withUnsafeBufferPointer { h in
            [UInt32](unsafeUninitializedCapacity: h.count) { out, initialized in
                var w = 0
                var last = UInt32(truncatingIfNeeded: h[0] >> 32)
                out[0] = last
                w = 1
                for i in 1..<h.count {
                    let k = UInt32(truncatingIfNeeded: h[i] >> 32)
                    if k != last { out[w] = k; w += 1; last = k }
                }
                initialized = w
            }
        }
    }

    /// The verdict for a new article with `features`; does not record it.
    func decide(_ features: DedupeFingerprint) -> Decision {
        let keys = Self.keys(features.shingles)
        let numberKeys = Self.keys(features.numbers)
        let weights = self.weights(keys)
        var weightSum = 0
        var signature: [UInt32] = []
        features.shingles.withUnsafeBufferPointer { shingles in
            weights.withUnsafeBufferPointer { w in
                keys.withUnsafeBufferPointer { keyBuffer in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, shingles.count)) { input in
                        var used = 0
                        var k = 0
                        for s in shingles {
                            let key = UInt32(truncatingIfNeeded: s >> 32)
                            while keyBuffer[k] != key { k += 1 }
                            if w[k] > 0 { input[used] = s; used += 1 }
                        }
                        signature = used == 0 ? hasher.signature(shingles) : hasher.signature(UnsafeBufferPointer(rebasing: input[0..<used]))
                    }
                }
                for x in w { weightSum += Int(x) }
            }
        }
        let bandKeys = keys.isEmpty ? [] : self.bandKeys(signature)
        func decision(_ verdict: DedupeVerdict, _ matched: Int64?) -> Decision {
            Decision(verdict: verdict, signature: signature, matchedSeq: matched, keys: keys, numberKeys: numberKeys, bandKeys: bandKeys)
        }

        if !features.digest.isEmpty, let seq = byDigest[features.digest]?.first, let match = articles[seq] {
            return decision(DedupeVerdict(status: .duplicate, duplicateOf: match.root, similarity: 1), seq)
        }
        guard !keys.isEmpty else {
            return decision(DedupeVerdict(status: .unique, duplicateOf: nil, similarity: 0), nil)
        }

        // LSH candidates, most band hits first (ties: earliest first). Each bucket is scanned newest
        // first and at most `maxBucketScan` deep, so a band key shared by a crowd of articles (a
        // template, a tiny vocabulary) costs a bounded amount instead of a walk over the whole window.
        var counter = CandidateCounter()
        // The head slots of all bands are loaded in one pass first, so their cache misses overlap.
        buckets.prefetch(bandKeys)
        for band in 0..<options.bands {
            buckets.forEach(bandKeys[band], limit: Self.maxBucketScan) { counter.add($0) }
        }
        let candidates = counter.top(options.maxCandidates)

        let weightB = Double(weightSum)
        var best: (score: Double, jaccard: Double, containment: Double, seq: Int64)?
        var bestSeen = 0.0
        let minAgreement = Int((Self.minEstimatedJaccard * Double(signature.count)).rounded(.up))
        for seq in candidates {
            guard let other = articles[seq] else { continue }
            // Cheap rejection: signatures that agree in under 10% of their bins estimate a Jaccard
            // similarity far below anything verification accepts (LSH rarely even proposes such pairs).
            let agreement = Self.agreement(signature, other.signature)
            if agreement < minAgreement {
                bestSeen = max(bestSeen, Double(agreement) / Double(max(1, signature.count)))
                continue
            }
            let (j, c) = similarity(keys, weights, weightSum, other.shingles)
            bestSeen = max(bestSeen, j)
            let byJaccard = j >= options.jaccardThreshold
            let byContainment = c.value >= options.containmentThreshold && c.smallerWeight >= options.minContainmentWeight
            guard byJaccard || byContainment, c.shared >= options.minSharedWeight else { continue }
            guard numbersAgree(numberKeys, weightB, other.numbers, c.otherWeight) else { continue }
            let score = byJaccard ? j : c.value
            if best == nil || j > (best?.jaccard ?? 0) || (j == best?.jaccard && seq < (best?.seq ?? .max)) {
                best = (score, j, c.value, seq)
            }
            if j >= 0.9 { break }  // a near-identical match settles it; spare the other candidates
        }
        if let best, let match = articles[best.seq] {
            return decision(DedupeVerdict(status: .nearDuplicate, duplicateOf: match.root, similarity: best.score), best.seq)
        }
        return decision(DedupeVerdict(status: .unique, duplicateOf: nil, similarity: bestSeen), nil)
    }

    /// 0 for boilerplate shingles, else 1. Boilerplate: seen in `boilerplateClusters` or more
    /// clusters, or text that a verified copy added around its original (a wrapper seen once
    /// is recognised when it wraps the next story, before its frequency builds up).
    @inline(__always)
    func weight(of shingle: UInt32) -> Double {
        Double(weight(counters.value(shingle)))
    }

    @inline(__always)
    private func weight(_ cell: UInt16) -> UInt8 {
        Self.weight(cell, boilerplate: UInt16(clamping: options.boilerplateClusters))
    }

    /// The weight a counter cell gives: 0 when its shingle is boilerplate (added by a copy, or in
    /// `boilerplate` or more clusters), else 1.
    @inline(__always)
    private static func weight(_ cell: UInt16, boilerplate: UInt16) -> UInt8 {
        ShingleCounters.added(cell) > 0 || ShingleCounters.roots(cell) >= boilerplate ? 0 : 1
    }

    /// ``weight(of:)`` of every shingle (0 or 1), in one tight pass over the table slots so the
    /// cache misses overlap instead of queueing behind each other.
    func weights(_ shingles: [UInt32]) -> [UInt8] {
        let boilerplate = UInt16(clamping: options.boilerplateClusters)
        return counters.withCells { cells, shift in
            shingles.withUnsafeBufferPointer { keys in
                [UInt8](unsafeUninitializedCapacity: keys.count) { out, initialized in
                    for i in 0..<keys.count {
                        out[i] = Self.weight(cells[Int(truncatingIfNeeded: keys[i] >> shift)], boilerplate: boilerplate)
                    }
                    initialized = keys.count
                }
            }
        }
    }

    /// Weighted Jaccard and containment of the new article (`a`, with weights) against `b`.
    private func similarity(_ a: [UInt32], _ wa: [UInt8], _ weightASum: Int, _ b: [UInt32])
        -> (Double, (value: Double, smallerWeight: Double, otherWeight: Double, shared: Double))
    {
        // Weights are 0 or 1, so integer sums give exactly the values of the former Double sums.
        let boilerplate = UInt16(clamping: options.boilerplateClusters)
        let (interCount, onlyBCount) = counters.withCells { cells, shift in
            a.withUnsafeBufferPointer { a in
                wa.withUnsafeBufferPointer { wa in
                    b.withUnsafeBufferPointer { b in
                        @inline(__always) func w(_ key: UInt32) -> Int {
                            Int(Self.weight(cells[Int(truncatingIfNeeded: key >> shift)], boilerplate: boilerplate))
                        }
                        var i = 0, j = 0
                        var inter = 0, onlyB = 0
                        while i < a.count && j < b.count {
                            let x = a[i], y = b[j]
                            if x == y { inter += Int(wa[i]); i += 1; j += 1 }
                            else if x < y { i += 1 }
                            else { onlyB += w(y); j += 1 }
                        }
                        while j < b.count { onlyB += w(b[j]); j += 1 }
                        return (inter, onlyB)
                    }
                }
            }
        }
        let inter = Double(interCount)
        let weightA = Double(weightASum)
        let weightB = inter + Double(onlyBCount)
        let union = weightA + weightB - inter
        let jaccard = union > 0 ? inter / union : 0
        let smaller = min(weightA, weightB)
        let containment = smaller > 0 ? inter / smaller : 0
        return (jaccard, (containment, smaller, weightB, inter))
    }

    /// Hard-negative guard: the numbers of the smaller text must (nearly all) occur in the other.
    private func numbersAgree(_ a: [UInt32], _ weightA: Double, _ b: [UInt32], _ weightB: Double) -> Bool {
        let (small, large) = weightA <= weightB ? (a, b) : (b, a)
        guard !small.isEmpty else { return true }
        var missing = 0, i = 0, j = 0
        while i < small.count {
            if j >= large.count || small[i] < large[j] { missing += 1; i += 1 }
            else if small[i] == large[j] { i += 1; j += 1 }
            else { j += 1 }
        }
        let allowed = Double(options.numberMismatchAllowance) + options.maxNumberMismatchFraction * Double(small.count)
        return Double(missing) <= allowed
    }

    /// ``bandKey(_:band:)`` of every band.
    private func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        let bands = options.bands, rows = options.rowsPerBand
        return signature.withUnsafeBufferPointer { sig in
            [UInt64](unsafeUninitializedCapacity: bands) { out, initialized in
                for band in 0..<bands {
                    var h = StableHash.mix(UInt64(band) &+ 0xB4D)
                    let start = band * rows
                    for r in start..<(start + rows) { h = StableHash.combine(h, UInt64(sig[r])) }
                    out[band] = h
                }
                initialized = bands
            }
        }
    }

    private func bandKey(_ signature: [UInt32], band: Int) -> UInt64 {
        var h = StableHash.mix(UInt64(band) &+ 0xB4D)
        let start = band * options.rowsPerBand
        for r in start..<(start + options.rowsPerBand) { h = StableHash.combine(h, UInt64(signature[r])) }
        return h
    }

    // MARK: recording

    /// Adds an article (already decided) to the index; `seq` must exceed every stored one.
    /// `bandKeys`: the decision's band keys of `article.signature`, if at hand.
    mutating func insert(_ article: IndexedArticle, bandKeys: [UInt64] = []) {
        articles[article.seq] = article
        byId[article.id] = article.seq
        nextSeq = max(nextSeq, article.seq + 1)
        if !article.digest.isEmpty { byDigest[article.digest, default: []].append(article.seq) }
        ageHeap.push(article.timestamp, article.seq)
        if !article.shingles.isEmpty {
            if bandKeys.count == options.bands {
                for key in bandKeys { buckets.add(key, article.seq) }
            } else {
                for band in 0..<options.bands { buckets.add(bandKey(article.signature, band: band), article.seq) }
            }
        }
        countFrequencies(article)
    }

    /// Shingles of a verified copy that its match (`matchedSeq`) lacks; empty when the match left the index.
    func addedShingles(_ shingles: [UInt32], matchedSeq: Int64?) -> [UInt32] {
        guard let m = matchedSeq, let other = articles[m] else { return [] }
        var out: [UInt32] = []
        var j = 0
        for s in shingles {
            while j < other.shingles.count && other.shingles[j] < s { j += 1 }
            if j < other.shingles.count && other.shingles[j] == s { continue }
            out.append(s)
        }
        return out
    }

    /// Boilerplate bookkeeping of one article: a cluster root counts each of its shingles once,
    /// a copy counts the shingles it added to its match.
    ///
    /// When the counters pass half full they grow 4×, without a pause: a table of the new size is
    /// filled with the articles retained at that point, ``CounterGrowth/articlesPerStep`` of them per
    /// insertion (new articles go into both tables), while the current table keeps answering; it is
    /// swapped in when complete. Recounting everything at once stalled the stage for 130 ms at 7,600
    /// retained articles and 4× longer at each later growth.
    private mutating func countFrequencies(_ article: IndexedArticle) {
        Self.count(article, into: &counters)
        if var g = growth {
            growth = nil  // keep `g` uniquely referenced while it is filled
            Self.count(article, into: &g.fresh)
            advance(&g)
        } else if counters.increments * 2 > counters.cellCount {
            var g = CounterGrowth(
                fresh: ShingleCounters(cells: ShingleCounters.cells(for: counters.increments * 4)),
                pending: articles.keys.sorted())
            advance(&g)
        }
    }

    /// Counts a few more of the articles retained when the growth began; swaps the table in once all are.
    private mutating func advance(_ g: inout CounterGrowth) {
        var step = 0
        while g.cursor < g.pending.count && step < CounterGrowth.articlesPerStep {
            if let retained = articles[g.pending[g.cursor]] { Self.count(retained, into: &g.fresh) }
            g.cursor += 1
            step += 1
        }
        if g.cursor == g.pending.count {
            counters = g.fresh
        } else {
            growth = g
        }
    }

    private static func count(_ article: IndexedArticle, into table: inout ShingleCounters) {
        if article.matchedSeq == nil { table.addRoot(article.shingles) }
        table.addAdded(article.added)
    }

    /// Exactly undoes ``countFrequencies(_:)`` for an article leaving the index.
    private mutating func uncountFrequencies(_ article: IndexedArticle) {
        Self.uncount(article, from: &counters)
        if var g = growth, g.hasCounted(article.seq) {
            growth = nil
            Self.uncount(article, from: &g.fresh)
            growth = g
        }
    }

    private static func uncount(_ article: IndexedArticle, from table: inout ShingleCounters) {
        if article.matchedSeq == nil { table.removeRoot(article.shingles) }
        table.removeAdded(article.added)
    }

    /// Whether the counters answer exactly as counting every retained article into a table of their
    /// size would (what a growth must preserve; for tests).
    var countersMatchRetained: Bool {
        var expected = ShingleCounters(cells: counters.cellCount)
        for article in articles.values { Self.count(article, into: &expected) }
        return counters.withCells { have, _ in expected.withCells { want, _ in have.elementsEqual(want) } }
            && expected.increments == counters.increments
    }

    /// Rebuilds the counters at the size their contents call for (after expiry shrank the window).
    private mutating func recount() {
        growth = nil
        let total = articles.values.reduce(0) { $0 + ($1.matchedSeq == nil ? $1.shingles.count : 0) + $1.added.count }
        var fresh = ShingleCounters(cells: ShingleCounters.cells(for: total))
        for article in articles.values { Self.count(article, into: &fresh) }
        counters = fresh
    }

    /// Removes every article with `timestamp < cutoff`; returns them.
    mutating func expire(before cutoff: Double) -> [IndexedArticle] {
        var removed: [IndexedArticle] = []
        while let top = ageHeap.peek, top.timestamp < cutoff {
            ageHeap.pop()
            guard let article = articles.removeValue(forKey: top.seq) else { continue }
            removed.append(article)
            if byId[article.id] == article.seq { byId[article.id] = nil }
            if var list = byDigest[article.digest] {
                list.removeAll { $0 == article.seq }
                byDigest[article.digest] = list.isEmpty ? nil : list
            }
            if !article.shingles.isEmpty {
                for band in 0..<options.bands { buckets.remove(bandKey(article.signature, band: band), article.seq) }
            }
            uncountFrequencies(article)
        }
        // Shrink with the window, to the size a restart would load.
        if growth == nil && ShingleCounters.cells(for: counters.increments) * 8 <= counters.cellCount { recount() }
        return removed
    }
}

/// The boilerplate counters growing: a 4× table filled from the articles retained when it began.
private struct CounterGrowth {
    /// Retained articles counted into `fresh` per insertion: the growth ends within a quarter of the
    /// retained count of insertions, before the current table passes ~60 % full.
    static let articlesPerStep = 4
    var fresh: ShingleCounters
    /// Seqs of the articles retained when the growth began, ascending; those before `cursor` are counted.
    let pending: [Int64]
    var cursor = 0

    /// Whether `fresh` counts the article: inserted since the growth began, or already reached.
    func hasCounted(_ seq: Int64) -> Bool {
        guard let last = pending.last else { return true }
        return seq > last || (cursor > 0 && seq <= pending[cursor - 1])
    }
}

/// Binary min-heap of (timestamp, seq).
struct MinHeap {
    private var items: [(timestamp: Double, seq: Int64)] = []

    var peek: (timestamp: Double, seq: Int64)? { items.first }

    private static func less(_ a: (timestamp: Double, seq: Int64), _ b: (timestamp: Double, seq: Int64)) -> Bool {
        a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq
    }

    mutating func push(_ timestamp: Double, _ seq: Int64) {
        items.append((timestamp, seq))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && Self.less(items[l], items[m]) { m = l }
            if r < items.count && Self.less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
    }
}

/// Counts band hits per candidate seq in a small open-addressing table; `top` ranks them by
/// hits (descending), then seq (ascending).
struct CandidateCounter {
    private var seqs: [Int64] = []
    private var hits: [Int32] = []
    private var table = [Int32](repeating: -1, count: 256)

    mutating func add(_ seq: Int64) {
        if seqs.count * 2 >= table.count { grow() }
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: StableHash.mix(UInt64(bitPattern: seq))) & mask
        while true {
            let e = table[i]
            if e < 0 {
                table[i] = Int32(seqs.count)
                seqs.append(seq)
                hits.append(1)
                return
            }
            if seqs[Int(e)] == seq { hits[Int(e)] += 1; return }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (n, seq) in seqs.enumerated() {
            var i = Int(truncatingIfNeeded: StableHash.mix(UInt64(bitPattern: seq))) & mask
            while table[i] >= 0 { i = (i + 1) & mask }
            table[i] = Int32(n)
        }
    }

    /// The `limit` best candidates.
    func top(_ limit: Int) -> [Int64] {
        guard !seqs.isEmpty else { return [] }
        var order = Array(0..<seqs.count)
        if order.count > 1 {
            order.sort { hits[$0] != hits[$1] ? hits[$0] > hits[$1] : seqs[$0] < seqs[$1] }
        }
        return order.prefix(limit).map { seqs[$0] }
    }
}
