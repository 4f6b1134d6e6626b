import Synchronization

/// Per-word-type partial emission sums for the features that depend on one word only, so a word
/// seen before costs one table probe instead of ~30 feature look-ups.
///
/// For each word the cache holds its `WordInfo` and six integer vectors (one value per tag):
/// the word's own features with the headline flag off and on, and the features it contributes
/// as the previous, next, second previous and second next word of a neighbour. Weights are summed
/// as integers, so the emissions are bit-identical to summing every feature key one by one.
/// Used by one thread at a time (taken from and returned to a `WordFeatureCachePool`).
final class WordFeatureCache: @unchecked Sendable {
    static let own0 = 0, own1 = 1, prev1 = 2, next1 = 3, prev2 = 4, next2 = 5
    static let vectorCount = 6
    /// Word types kept before the cache starts over.
    static let maxEntries = 1 << 14

    let tagCount: Int
    let stride: Int
    /// Open-addressing table of entry numbers (-1: empty) and their words' hashes, `mask + 1` slots
    /// (raw memory: the per-word look-up does no exclusivity checks).
    private let slots: UnsafeMutablePointer<Int32>
    private let mask: Int
    private let slotHashes: UnsafeMutablePointer<UInt64>
    private(set) var words: [String] = []
    /// Per entry (then the left and right sentence boundaries at `maxEntries` and `maxEntries + 1`).
    let pairKeys: UnsafeMutablePointer<PairKeys>
    /// Per entry, bit 0: has at least two letters before its first lowercase letter; bit 1: and no lowercase letter.
    let capsFlags: UnsafeMutablePointer<UInt8>
    /// Per entry, bits 0-2: the most words of a gazetteer phrase that may start with the word (0: none, so the
    /// sentence's phrase look-ups skip it); bit 3: the word alone has a gazetteer class.
    let gazetteerFlags: UnsafeMutablePointer<UInt8>
    /// Per entry, `stride` sums: the six vectors of `tagCount` values.
    let vectors: UnsafeMutablePointer<Int32>
    /// Lowercase scalar values of the entries back to back: entry `e` has `lowerScalars[lowerStart[e]..<lowerStart[e + 1]]`.
    private(set) var lowerScalars: [UInt32] = []
    private(set) var lowerStart: [Int32] = [0]
    /// Per entry: look-ups since it was added or last kept (saturating), and the hash of its word.
    /// (`uses` is raw memory of `maxEntries`, the first `words.count` in use.)
    private let uses: UnsafeMutablePointer<UInt16>
    private var entryHashes: [UInt64] = []

    // per-sentence buffers, reused
    var entries: [Int] = []
    var sums: [Int32] = []
    var emissions: [Float] = []
    var viterbiScore: [Float] = []
    var viterbiBack: [Int32] = []

    init(tagCount: Int) {
        self.tagCount = tagCount
        stride = tagCount * Self.vectorCount
        let cap = Self.maxEntries * 2
        slots = .allocate(capacity: cap)
        slots.initialize(repeating: -1, count: cap)
        slotHashes = .allocate(capacity: cap)
        slotHashes.initialize(repeating: 0, count: cap)
        mask = cap - 1
        words.reserveCapacity(Self.maxEntries)
        lowerStart.reserveCapacity(Self.maxEntries + 1)
        uses = .allocate(capacity: Self.maxEntries)
        uses.initialize(repeating: 0, count: Self.maxEntries)
        entryHashes.reserveCapacity(Self.maxEntries)
        pairKeys = .allocate(capacity: Self.maxEntries + 2)
        (pairKeys + Self.maxEntries).initialize(to: .boundaryLeft)
        (pairKeys + Self.maxEntries + 1).initialize(to: .boundaryRight)
        capsFlags = .allocate(capacity: Self.maxEntries)
        gazetteerFlags = .allocate(capacity: Self.maxEntries)
        vectors = .allocate(capacity: Self.maxEntries * stride)
        bigramKeys = .allocate(capacity: Self.bigramSlots)
        bigramKeys.initialize(repeating: Self.noBigram, count: Self.bigramSlots)
        bigramVectors = .allocate(capacity: Self.bigramSlots * 4 * tagCount)
        bigramVectors.initialize(repeating: 0, count: Self.bigramSlots * 4 * tagCount)
        shapePairs = ClassPairTable(slots: 1 << 10, width: 4 * tagCount)
        bucketPairs = ClassPairTable(slots: 1 << 8, width: 2 * tagCount)
    }

    deinit {
        slots.deallocate()
        slotHashes.deallocate()
        uses.deallocate()
        pairKeys.deallocate()
        capsFlags.deallocate()
        gazetteerFlags.deallocate()
        vectors.deallocate()
        bigramKeys.deallocate()
        bigramVectors.deallocate()
        shapePairs.deallocate()
        bucketPairs.deallocate()
    }

    /// Makes room when `n` more words might not fit (called before a sentence, never inside one): keeps the
    /// most used half of the entries (renumbered) and forgets the rest, so frequent words are not recomputed.
    func reserve(_ n: Int) {
        guard words.count + n > Self.maxEntries && !words.isEmpty else { return }
        if n > Self.maxEntries / 2 { clear() } else { compact(keep: Self.maxEntries / 2) }
    }

    // Feature sums per adjacent word pair (a, b), direct-mapped: vectors R (for b: p1 = a),
    // L (for a: n1 = b), A (for the word after b: p2 = a, p1 = b), B (for the word before a: n1 = a, n2 = b).
    static let bigramSlots = 1 << 14
    static let bigramR = 0, bigramL = 1, bigramA = 2, bigramB = 3
    /// Never a real pair: the right boundary followed by the left one.
    private static let noBigram: UInt64 = 0xFFFF_FFFE_FFFF_FFFF
    // raw storage: read and written per token, so no exclusivity checks
    private let bigramKeys: UnsafeMutablePointer<UInt64>
    private let bigramVectors: UnsafeMutablePointer<Int32>
    /// The parts of the pair sums that read only the two short shapes (templates 19, 20, 30, 31: R, L, A, B)
    /// and only the two lowercase-usage buckets (38, 39: R, L); few distinct pairs, so nearly always cached.
    private let shapePairs: ClassPairTable
    private let bucketPairs: ClassPairTable
    /// Entry ids in bigram keys: word entries ≥ 0, the sentence boundaries -1 (left) and -2 (right).
    static let leftBoundary = -1, rightBoundary = -2

    /// The pair (a, b)'s four vectors (`4 * tagCount` values, parts R, L, A, B), made on a miss. Each part also holds
    /// the one-word vector that goes with it: R the `prev1` vector of a, L the `next1` vector of b, A the `prev2`
    /// vector of a, B the `next2` vector of b (`boundary`: the model's boundary vectors, for the entry ids below 0).
    /// The parts that a sentence never reads (R and A of a pair starting at the right boundary, L of one ending at
    /// the left boundary) hold only the two-word sums.
    @inline(__always)
    func pairVectors(_ a: Int, _ b: Int, _ pa: UnsafePointer<PairKeys>, _ pb: UnsafePointer<PairKeys>, model: TaggerModel,
                     hasLexicon: Bool, boundary: UnsafePointer<Int32>) -> UnsafePointer<Int32> {
        let key = UInt64(UInt32(truncatingIfNeeded: a)) << 32 | UInt64(UInt32(truncatingIfNeeded: b))
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        let slot = Int(truncatingIfNeeded: h) & (Self.bigramSlots - 1)
        let c = tagCount
        let v = bigramVectors + slot * 4 * c
        if bigramKeys[slot] != key {
            bigramKeys[slot] = key
            fillBigram(pa, pb, model: model, hasLexicon: hasLexicon, into: v)
            @inline(__always) func fold(_ part: Int, _ u: UnsafePointer<Int32>) {
                let p = v + part * c
                for t in 0..<c { p[t] &+= u[t] }
            }
            if a >= 0 {
                let wa = UnsafePointer(vectors + a * stride)
                fold(Self.bigramR, wa + Self.prev1 * c)
                fold(Self.bigramA, wa + Self.prev2 * c)
            } else if a == Self.leftBoundary {
                fold(Self.bigramR, boundary)
                fold(Self.bigramA, boundary + c)
            }
            if b >= 0 {
                let wb = UnsafePointer(vectors + b * stride)
                fold(Self.bigramL, wb + Self.next1 * c)
                fold(Self.bigramB, wb + Self.next2 * c)
            } else if b == Self.rightBoundary {
                fold(Self.bigramL, boundary + 2 * c)
                fold(Self.bigramB, boundary + 3 * c)
            }
        }
        return UnsafePointer(v)
    }

    private func fillBigram(_ pa: UnsafePointer<PairKeys>, _ pb: UnsafePointer<PairKeys>, model: TaggerModel, hasLexicon: Bool,
                            into v: UnsafeMutablePointer<Int32>) {
        typealias H = FeatureHash
        @inline(__always) func k(_ x: UInt64, _ y: UInt64) -> UInt32 { H.key(H.mix(x, y)) }
        let c = tagCount
        let r = v + Self.bigramR * c, l = v + Self.bigramL * c, af = v + Self.bigramA * c, bf = v + Self.bigramB * c
        let shapes = shapePairs.vectors(pa.pointee.shortShape, pb.pointee.shortShape) { out in
            model.addRow(k(pa.pointee.m19, pb.pointee.shortShape), to: out)
            model.addRow(k(pa.pointee.m20, pb.pointee.shortShape), to: out + c)
            model.addRow(k(pa.pointee.m30, pb.pointee.shortShape), to: out + 2 * c)
            model.addRow(k(pa.pointee.m31, pb.pointee.shortShape), to: out + 3 * c)
        }
        for t in 0..<(4 * c) { v[t] = shapes[t] }
        if hasLexicon {
            let buckets = bucketPairs.vectors(pa.pointee.lowerBucket, pb.pointee.lowerBucket) { out in
                model.addRow(k(pa.pointee.m38, pb.pointee.lowerBucket), to: out)
                model.addRow(k(pa.pointee.m39, pb.pointee.lowerBucket), to: out + c)
            }
            for t in 0..<(2 * c) { v[t] &+= buckets[t] }
        }
        let lower = pb.pointee.lower
        model.addRow(k(pa.pointee.m21, lower), to: r)
        model.addRow(k(pa.pointee.m26, pb.pointee.shortShape), to: r)
        model.addRow(k(pa.pointee.m22, lower), to: l)
        model.addRow(k(pa.pointee.m27, lower), to: l)
        model.addRow(k(pa.pointee.m34, lower), to: af)
        model.addRow(k(pa.pointee.m35, lower), to: bf)
    }

    private func clear() {
        bigramKeys.update(repeating: Self.noBigram, count: Self.bigramSlots)
        slots.update(repeating: -1, count: mask + 1)
        words.removeAll(keepingCapacity: true)
        lowerScalars.removeAll(keepingCapacity: true)
        lowerStart.removeAll(keepingCapacity: true)
        lowerStart.append(0)
        entryHashes.removeAll(keepingCapacity: true)
    }

    /// Keeps at most `keep` entries, the most used ones (ties: the older), in their order; their counts are halved.
    private func compact(keep: Int) {
        // smallest use count threshold that keeps at most `keep` entries
        let buckets = 1024  // counts from 1023 up share the last bucket
        var histogram = [Int](repeating: 0, count: buckets)
        for i in 0..<words.count { histogram[min(Int(uses[i]), buckets - 1)] += 1 }
        var threshold = buckets
        var kept = 0
        while threshold > 0 && kept + histogram[threshold - 1] <= keep {
            threshold -= 1
            kept += histogram[threshold]
        }
        let old = words.count
        var newWords: [String] = []
        newWords.reserveCapacity(Self.maxEntries)
        var newLower: [UInt32] = []
        newLower.reserveCapacity(lowerScalars.capacity)
        var newStart: [Int32] = [0]
        newStart.reserveCapacity(Self.maxEntries + 1)
        var j = 0
        for i in 0..<old where threshold < buckets && min(Int(uses[i]), buckets - 1) >= threshold {
            newWords.append(words[i])
            newLower.append(contentsOf: lowerScalars[Int(lowerStart[i])..<Int(lowerStart[i + 1])])
            newStart.append(Int32(newLower.count))
            if j != i {
                (pairKeys + j).update(from: pairKeys + i, count: 1)
                capsFlags[j] = capsFlags[i]
                gazetteerFlags[j] = gazetteerFlags[i]
                (vectors + j * stride).update(from: vectors + i * stride, count: stride)
            }
            uses[j] = uses[i] / 2
            entryHashes[j] = entryHashes[i]
            j += 1
        }
        words = newWords
        lowerScalars = newLower
        lowerStart = newStart
        entryHashes.removeLast(old - j)
        slots.update(repeating: -1, count: mask + 1)
        for e in 0..<j {
            let h = entryHashes[e]
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(e)
            slotHashes[slot] = h
        }
        // pair sums are keyed by entry numbers
        bigramKeys.update(repeating: Self.noBigram, count: Self.bigramSlots)
    }

    /// Entry index of `word`, computing its features and vectors on first sight.
    @inline(__always)
    func entry(_ word: String, model: TaggerModel) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in word.utf8 { h ^= UInt64(b); h &*= 0x0000_0100_0000_01B3 }
        h ^= h >> 29
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[slot]
            if e < 0 { break }
            if slotHashes[slot] == h && words[Int(e)] == word {
                let u = uses[Int(e)]
                if u < UInt16.max { uses[Int(e)] = u + 1 }
                return Int(e)
            }
            slot = (slot + 1) & mask
        }
        let index = words.count
        slots[slot] = Int32(index)
        slotHashes[slot] = h
        uses[index] = 0
        entryHashes.append(h)
        add(word, at: index, model: model)
        return index
    }

    private func add(_ word: String, at index: Int, model: TaggerModel) {
        let info = FeatureExtractor.info(word, lexicon: model.lexicon)
        words.append(word)
        (pairKeys + index).initialize(to: PairKeys(info))
        capsFlags[index] = FeatureExtractor.capsFlags(word)
        gazetteerFlags[index] = UInt8(model.phraseLength(startingWith: info)) | (info.gazetteer >= 2 ? 8 : 0)
        for ch in info.lowerScalars { lowerScalars.append(ch.value) }
        lowerStart.append(Int32(lowerScalars.count))
        let hasLexicon = model.lexicon != nil
        let p = vectors + index * stride
        p.update(repeating: 0, count: stride)
        let c = tagCount
        FeatureExtractor.ownKeys(info, caps: 0, hasLexicon: hasLexicon) { model.addRow($0, to: p + Self.own0 * c) }
        // template 23 as for a word not first in its sentence; the tagger corrects the first word's
        model.addRow(FeatureHash.key(FeatureHash.mix(PairKeys.other23, info.shortShape)), to: p + Self.own0 * c)
        // the headline vector differs only in the two templates that read the headline flag (24, 25)
        let own1 = p + Self.own1 * c
        own1.update(from: p + Self.own0 * c, count: c)
        model.subtractRow(FeatureExtractor.key(24, 0, info.lower), from: own1)
        model.subtractRow(FeatureExtractor.key(25, 0, info.shape), from: own1)
        model.addRow(FeatureExtractor.key(24, 1, info.lower), to: own1)
        model.addRow(FeatureExtractor.key(25, 1, info.shape), to: own1)
        FeatureExtractor.prev1Keys(info, hasLexicon: hasLexicon) { model.addRow($0, to: p + Self.prev1 * c) }
        FeatureExtractor.next1Keys(info, hasLexicon: hasLexicon) { model.addRow($0, to: p + Self.next1 * c) }
        FeatureExtractor.prev2Keys(info) { model.addRow($0, to: p + Self.prev2 * c) }
        FeatureExtractor.next2Keys(info) { model.addRow($0, to: p + Self.next2 * c) }
    }
}

/// Direct-mapped cache of summed weight vectors keyed by a pair of 64-bit word-class values.
struct ClassPairTable {
    let mask: Int
    let width: Int
    private let keys: UnsafeMutablePointer<UInt64>  // a, b per slot
    private let filled: UnsafeMutablePointer<Bool>
    private let storage: UnsafeMutablePointer<Int32>

    init(slots: Int, width: Int) {
        mask = slots - 1
        self.width = width
        keys = .allocate(capacity: 2 * slots)
        keys.initialize(repeating: 0, count: 2 * slots)
        filled = .allocate(capacity: slots)
        filled.initialize(repeating: false, count: slots)
        storage = .allocate(capacity: slots * width)
        storage.initialize(repeating: 0, count: slots * width)
    }

    func deallocate() {
        keys.deallocate()
        filled.deallocate()
        storage.deallocate()
    }

    /// The `width` sums of the pair (a, b), made by `fill` (given zeros) on a miss.
    @inline(__always)
    func vectors(_ a: UInt64, _ b: UInt64, fill: (UnsafeMutablePointer<Int32>) -> Void) -> UnsafePointer<Int32> {
        var h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)
        h ^= h >> 29
        let slot = Int(truncatingIfNeeded: h >> 16) & mask
        let v = storage + slot * width
        if !filled[slot] || keys[2 * slot] != a || keys[2 * slot + 1] != b {
            filled[slot] = true
            keys[2 * slot] = a
            keys[2 * slot + 1] = b
            v.update(repeating: 0, count: width)
            fill(v)
        }
        return UnsafePointer(v)
    }
}

/// The values of a word that the two-word features read, with the feature template already mixed in
/// where the word is the first operand (`m19` = `mix(19, shortShape)` for the word as the previous one, and so on).
struct PairKeys {
    var lower: UInt64, shortShape: UInt64, lowerBucket: UInt64
    var m19: UInt64, m21: UInt64, m26: UInt64, m36: UInt64, m38: UInt64  // as previous word
    var m30: UInt64, m34: UInt64  // as second previous word
    var m20: UInt64, m22: UInt64, m27: UInt64, m39: UInt64  // as the word itself
    var m31: UInt64, m35: UInt64  // as next word
    /// Gazetteer class + 1 of the word alone (0: none), and whether it starts with a capital.
    package var gazetteer: UInt64, capitalized: Bool

    init(_ w: FeatureExtractor.WordInfo) {
        typealias H = FeatureHash
        lower = w.lower; shortShape = w.shortShape; lowerBucket = w.lowerBucket
        gazetteer = w.gazetteer; capitalized = w.capitalized
        m19 = H.mix(19, w.shortShape); m21 = H.mix(21, w.lower); m26 = H.mix(26, w.lower); m36 = H.mix(36, w.lower); m38 = H.mix(38, w.lowerBucket)
        m30 = H.mix(30, w.shortShape); m34 = H.mix(34, w.lower)
        m20 = H.mix(20, w.shortShape); m22 = H.mix(22, w.lower); m27 = H.mix(27, w.shortShape); m39 = H.mix(39, w.lowerBucket)
        m31 = H.mix(31, w.shortShape); m35 = H.mix(35, w.lower)
    }

    static let boundaryLeft = PairKeys(FeatureExtractor.boundaryLeft)
    static let boundaryRight = PairKeys(FeatureExtractor.boundaryRight)
    static let first23 = FeatureHash.mix(23, 1)
    static let other23 = FeatureHash.mix(23, 0)

    /// The two-word features of token `w` (same keys as `FeatureExtractor.pairKeys`).
    @inline(__always)
    static func keys(_ w: PairKeys, _ p1: PairKeys, _ p2: PairKeys, _ n1: PairKeys, _ n2: PairKeys, first: Bool,
                     hasLexicon: Bool, _ add: (UInt32) -> Void) {
        @inline(__always) func k(_ a: UInt64, _ b: UInt64) -> UInt32 { FeatureHash.key(FeatureHash.mix(a, b)) }
        add(k(p1.m19, w.shortShape))
        add(k(w.m20, n1.shortShape))
        add(k(p1.m21, w.lower))
        add(k(w.m22, n1.lower))
        add(k(first ? first23 : other23, w.shortShape))
        add(k(p1.m26, w.shortShape))
        add(k(w.m27, n1.lower))
        add(k(p2.m30, p1.shortShape))
        add(k(n1.m31, n2.shortShape))
        add(k(p2.m34, p1.lower))
        add(k(n1.m35, n2.lower))
        add(k(p1.m36, n1.lower))
        if hasLexicon {
            add(k(p1.m38, w.lowerBucket))
            add(k(w.m39, n1.lowerBucket))
        }
    }
}

/// Caches handed to one thread at a time; a model owns one pool.
final class WordFeatureCachePool: Sendable {
    private let free = Mutex<[WordFeatureCache]>([])
    let tagCount: Int

    init(tagCount: Int) { self.tagCount = tagCount }

    func withCache<R>(_ body: (WordFeatureCache) -> R) -> R {
        let cache = free.withLock { $0.popLast() } ?? WordFeatureCache(tagCount: tagCount)
        let result = body(cache)
        free.withLock { $0.append(cache) }
        return result
    }
}
