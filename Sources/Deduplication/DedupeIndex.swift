/// The in-memory near-duplicate index: exact digests, LSH band buckets, shingle sets for
/// verification and cluster-level document frequencies of shingles (boilerplate detection).
///
/// Not thread-safe; ``Deduplicator`` guards it with a mutex.
struct DedupeIndex {
    /// Document frequency of one shingle, counted once per run of articles of the same cluster.
    struct ShingleStat {
        var count: Int32
        var lastRoot: UInt32
    }

    let options: DedupeOptions
    let hasher: MinHasher
    private(set) var articles: [Int64: IndexedArticle] = [:]
    /// Per article, which of its shingles incremented `frequency` (so expiry can undo it).
    private var contributions: [Int64: [UInt64]] = [:]
    private(set) var byId: [String: Int64] = [:]
    private var byDigest: [String: Int64] = [:]
    private var buckets: [UInt64: [Int64]] = [:]
    private var frequency: [UInt64: ShingleStat] = [:]
    private(set) var nextSeq: Int64 = 1

    init(options: DedupeOptions) {
        self.options = options
        self.hasher = MinHasher(permutations: options.permutations)
    }

    var count: Int { articles.count }
    var distinctShingles: Int { frequency.count }

    // MARK: deciding

    /// The verdict for a new article with `features`; does not record it.
    func decide(_ features: TextFeatures) -> (verdict: DedupeVerdict, signature: [UInt32]) {
        let weights = features.shingles.map { weight(of: $0) }
        var sigInput: [UInt64] = []
        sigInput.reserveCapacity(features.shingles.count)
        for (i, s) in features.shingles.enumerated() where weights[i] > 0 { sigInput.append(s) }
        let signature = hasher.signature(sigInput.isEmpty ? features.shingles : sigInput)

        if !features.digest.isEmpty, let seq = byDigest[features.digest], let match = articles[seq] {
            return (DedupeVerdict(status: .duplicate, duplicateOf: match.root, similarity: 1), signature)
        }
        guard !features.shingles.isEmpty else {
            return (DedupeVerdict(status: .unique, duplicateOf: nil, similarity: 0), signature)
        }

        // LSH candidates, most band hits first.
        var hits: [Int64: Int] = [:]
        for band in 0..<options.bands {
            guard let list = buckets[bandKey(signature, band: band)] else { continue }
            for seq in list { hits[seq, default: 0] += 1 }
        }
        let candidates = hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(options.maxCandidates)

        let weightB = weights.reduce(0, +)
        var best: (score: Double, jaccard: Double, containment: Double, seq: Int64)?
        var bestSeen = 0.0
        for (seq, _) in candidates {
            guard let other = articles[seq] else { continue }
            let (j, c) = similarity(features.shingles, weights, weightB, other.shingles)
            bestSeen = max(bestSeen, j)
            let byJaccard = j >= options.jaccardThreshold
            let byContainment = c.value >= options.containmentThreshold && c.smallerWeight >= options.minContainmentWeight
            guard byJaccard || byContainment else { continue }
            guard numbersAgree(features.numbers, weightB, other.numbers, c.otherWeight) else { continue }
            let score = byJaccard ? j : c.value
            if best == nil || j > (best?.jaccard ?? 0) || (j == best?.jaccard && seq < (best?.seq ?? .max)) {
                best = (score, j, c.value, seq)
            }
        }
        if let best, let match = articles[best.seq] {
            return (DedupeVerdict(status: .nearDuplicate, duplicateOf: match.root, similarity: best.score), signature)
        }
        return (DedupeVerdict(status: .unique, duplicateOf: nil, similarity: bestSeen), signature)
    }

    /// 0 for boilerplate shingles (seen in `boilerplateClusters` or more clusters), else 1.
    @inline(__always)
    func weight(of shingle: UInt64) -> Double {
        guard let stat = frequency[shingle] else { return 1 }
        return Int(stat.count) >= options.boilerplateClusters ? 0 : 1
    }

    /// Weighted Jaccard and containment of the new article (`a`, with weights) against `b`.
    private func similarity(_ a: [UInt64], _ wa: [Double], _ weightA: Double, _ b: [UInt64])
        -> (Double, (value: Double, smallerWeight: Double, otherWeight: Double))
    {
        var i = 0, j = 0
        var inter = 0.0, onlyB = 0.0
        while i < a.count && j < b.count {
            if a[i] == b[j] { inter += wa[i]; i += 1; j += 1 }
            else if a[i] < b[j] { i += 1 }
            else { onlyB += weight(of: b[j]); j += 1 }
        }
        while j < b.count { onlyB += weight(of: b[j]); j += 1 }
        let weightB = inter + onlyB
        let union = weightA + weightB - inter
        let jaccard = union > 0 ? inter / union : 0
        let smaller = min(weightA, weightB)
        let containment = smaller > 0 ? inter / smaller : 0
        return (jaccard, (containment, smaller, weightB))
    }

    /// Hard-negative guard: the numbers of the smaller text must (nearly all) occur in the other.
    private func numbersAgree(_ a: [UInt64], _ weightA: Double, _ b: [UInt64], _ weightB: Double) -> Bool {
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

    private func bandKey(_ signature: [UInt32], band: Int) -> UInt64 {
        var h = StableHash.mix(UInt64(band) &+ 0xB4D)
        let start = band * options.rowsPerBand
        for r in start..<(start + options.rowsPerBand) { h = StableHash.combine(h, UInt64(signature[r])) }
        return h
    }

    // MARK: recording

    /// Adds an article (already decided) to the index; `seq` must exceed every stored one.
    mutating func insert(_ article: IndexedArticle) {
        articles[article.seq] = article
        byId[article.id] = article.seq
        nextSeq = max(nextSeq, article.seq + 1)
        if !article.digest.isEmpty, byDigest[article.digest] == nil { byDigest[article.digest] = article.seq }
        if !article.shingles.isEmpty {
            for band in 0..<options.bands { buckets[bandKey(article.signature, band: band), default: []].append(article.seq) }
        }
        let rootKey = UInt32(truncatingIfNeeded: StableHash.mix(fnv(article.root)))
        var contributed: [UInt64] = []
        for s in article.shingles {
            if var stat = frequency[s] {
                if stat.lastRoot != rootKey {
                    stat.count += 1; stat.lastRoot = rootKey; contributed.append(s)
                    frequency[s] = stat
                }
            } else {
                frequency[s] = ShingleStat(count: 1, lastRoot: rootKey); contributed.append(s)
            }
        }
        contributions[article.seq] = contributed
    }

    /// Removes every article with `timestamp < cutoff`; returns how many.
    mutating func expire(before cutoff: Double) -> Int {
        let old = articles.values.filter { $0.timestamp < cutoff }
        for article in old.sorted(by: { $0.seq < $1.seq }) {
            articles[article.seq] = nil
            if byId[article.id] == article.seq { byId[article.id] = nil }
            if byDigest[article.digest] == article.seq { byDigest[article.digest] = nil }
            if !article.shingles.isEmpty {
                for band in 0..<options.bands {
                    let key = bandKey(article.signature, band: band)
                    guard var list = buckets[key] else { continue }
                    list.removeAll { $0 == article.seq }
                    buckets[key] = list.isEmpty ? nil : list
                }
            }
            for s in contributions[article.seq] ?? [] {
                guard var stat = frequency[s] else { continue }
                stat.count -= 1
                frequency[s] = stat.count <= 0 ? nil : stat
            }
            contributions[article.seq] = nil
        }
        if !old.isEmpty {
            // A later copy with the same text takes over the digest slot.
            for article in articles.values.sorted(by: { $0.seq < $1.seq })
            where !article.digest.isEmpty && byDigest[article.digest] == nil {
                byDigest[article.digest] = article.seq
            }
        }
        return old.count
    }

    private func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
