import Foundation

/// Errors reading or writing the tagger model file.
public enum EntityModelError: Error, CustomStringConvertible, Sendable {
    case missingResource(String)
    case badFormat(String)

    public var description: String {
        switch self {
        case .missingResource(let name): return "entity model resource not found: \(name)"
        case .badFormat(let why): return "entity model file is malformed: \(why)"
        }
    }
}

/// Averaged-perceptron weights in a compact form: hashed feature keys in an open-addressing table,
/// one dense row of tag weights per kept feature, plus tag transitions and the word lexicon.
package struct TaggerModel: Sendable {
    /// Written by `write`: lexicon entries of 7 bytes (with the pretrained word clusters).
    static let magic: [UInt8] = Array("WSNER002".utf8)
    /// Read as well: lexicon entries of 4 bytes (no pretrained word clusters).
    static let magicV1: [UInt8] = Array("WSNER001".utf8)

    let tagCount: Int
    let transitions: [Float]
    let endScores: [Float]
    /// Real weight = quantized value * `scale`.
    let scale: Float
    let lexicon: Lexicon?
    /// Open addressing over the features, each slot `slotWidth` Int16 values: the feature key (32 bits, 0 = empty
    /// slot) then its `tagCount` quantized weights, so a look-up reads the key and the row from one place.
    private let table: [Int16]
    private let slotCount: Int
    private let slotWidth: Int
    /// Vectors of the sentence boundaries as neighbours: prev1, prev2 (left), next1, next2 (right), `tagCount` each.
    private let boundaryVectors: [Int32]
    /// Blocked Bloom filter over the feature keys (two bits in one 64-bit word per key): a missing bit means the key has no row.
    private let keyFilter: [UInt64]
    private static let keyFilterShift: UInt64 = 50  // 2^14 words of 64 bits (128 KB)

    /// The key filter's word and the two bits a key sets in it.
    @inline(__always)
    static func filterProbe(_ key: UInt32) -> (word: Int, mask: UInt64) {
        let h = UInt64(key) &* 0x9E37_79B9_7F4A_7C15
        return (Int(h >> keyFilterShift), 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63))
    }
    private let caches: WordFeatureCachePool
    /// `transitions` arranged for `TagScheme.viterbi`'s vector steps.
    private let viterbiTables: TagScheme.ViterbiTables
    /// Lowercase hash of a word → the most words (2 to 4) of a gazetteer phrase of the lexicon that starts with it;
    /// nil when the lexicon has gazetteer entries that the bundled gazetteer does not explain (then every position is looked up).
    private let phraseStarts: [UInt64: UInt8]?

    /// Builds a model from float weights (quantized to Int16 exactly as `write` stores them).
    package init(tagCount: Int, transitions: [Float], endScores: [Float], keys: [UInt32], rows: [Float], lexicon: Lexicon?) {
        let scale = TaggerModel.scale(for: rows)
        let q = rows.map { TaggerModel.quantize($0, scale) }
        self.init(tagCount: tagCount, transitions: transitions, endScores: endScores, keys: keys, quantized: q, scale: scale, lexicon: lexicon)
    }

    package init(tagCount: Int, transitions: [Float], endScores: [Float], keys: [UInt32], quantized: [Int16], scale: Float, lexicon: Lexicon?) {
        self.tagCount = tagCount
        self.transitions = transitions
        self.endScores = endScores
        self.scale = scale
        self.lexicon = lexicon
        // load factor at most 0.6; the key takes two values, the slot is rounded to 4 bytes
        let cap = max(16, keys.count * 5 / 3 + 1)
        let width = (2 + tagCount + 1) & ~1
        var tb = [Int16](repeating: 0, count: cap * width)
        for (i, k) in keys.enumerated() where k != 0 {
            var slot = Self.home(k, cap)
            while true {
                let stored = UInt32(UInt16(bitPattern: tb[slot * width])) | UInt32(UInt16(bitPattern: tb[slot * width + 1])) << 16
                if stored == 0 || stored == k { break }
                slot = slot + 1 == cap ? 0 : slot + 1
            }
            tb[slot * width] = Int16(bitPattern: UInt16(truncatingIfNeeded: k))
            tb[slot * width + 1] = Int16(bitPattern: UInt16(truncatingIfNeeded: k >> 16))
            for t in 0..<tagCount { tb[slot * width + 2 + t] = quantized[i * tagCount + t] }
        }
        table = tb
        slotCount = cap
        slotWidth = width
        var kf = [UInt64](repeating: 0, count: 1 << (64 - Self.keyFilterShift))
        for k in keys {
            let p = Self.filterProbe(k)
            kf[p.word] |= p.mask
        }
        keyFilter = kf
        caches = WordFeatureCachePool(tagCount: tagCount)
        viterbiTables = TagScheme.ViterbiTables(transitions)
        phraseStarts = Self.phraseStarts(lexicon)
        var bv = [Int32](repeating: 0, count: 4 * tagCount)
        let hasLexicon = lexicon != nil
        func add(_ key: UInt32, _ vector: Int) {
            let r = Self.slot(of: key, in: tb, count: cap, width: width)
            guard r >= 0 else { return }
            for t in 0..<tagCount { bv[vector * tagCount + t] &+= Int32(tb[r * width + 2 + t]) }
        }
        FeatureExtractor.prev1Keys(FeatureExtractor.boundaryLeft, hasLexicon: hasLexicon) { add($0, 0) }
        FeatureExtractor.prev2Keys(FeatureExtractor.boundaryLeft) { add($0, 1) }
        FeatureExtractor.next1Keys(FeatureExtractor.boundaryRight, hasLexicon: hasLexicon) { add($0, 2) }
        FeatureExtractor.next2Keys(FeatureExtractor.boundaryRight) { add($0, 3) }
        boundaryVectors = bv
    }

    /// First words of the multi-word gazetteer phrases of `lexicon`, from the bundled gazetteer that training reads;
    /// nil unless every lexicon entry with a gazetteer class is one of its phrases.
    static func phraseStarts(_ lexicon: Lexicon?) -> [UInt64: UInt8]? {
        guard let lex = lexicon, let gazetteer = try? Gazetteer.bundledEntries() else { return nil }
        var starts: [UInt64: UInt8] = [:]
        var found = Set<UInt64>()
        for phrase in gazetteer.keys {
            let h = FeatureHash.string(phrase)
            guard let e = lex.lookup(h), e.gazetteer != 0 else { continue }
            found.insert(h)
            let words = phrase.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count >= 2, let first = words.first else { continue }
            let k = FeatureHash.string(first)
            starts[k] = max(starts[k] ?? 0, UInt8(min(words.count, 4)))
        }
        return found.count == lex.gazetteerCount ? starts : nil
    }

    /// The most words (0, or 2 to 4) of a lexicon gazetteer phrase that may start with word `w` (4 when unknown).
    /// A phrase of the tokens w, x, ... hashes as the words joined by spaces, so it can only be a gazetteer phrase
    /// (hash collisions aside) whose first word is w, unless w itself holds a space.
    func phraseLength(startingWith w: FeatureExtractor.WordInfo) -> Int {
        guard let starts = phraseStarts, !w.lowerScalars.contains(" ") else { return 4 }
        return Int(starts[w.lower] ?? 0)
    }

    /// Home slot of a key (multiply-shift over the slot count).
    @inline(__always)
    static func home(_ key: UInt32, _ count: Int) -> Int { Int((UInt64(key &* 0x9E37_79B1) &* UInt64(count)) >> 32) }

    /// Calls `body` with the weights of `key`'s row, if the model has it (the key filter first, then the slots from its home slot).
    @inline(__always)
    private func withRow(_ key: UInt32, _ body: (UnsafePointer<Int16>) -> Void) {
        let h = key &* 0x9E37_79B1
        let p = Self.filterProbe(key)
        guard keyFilter.withUnsafeBufferPointer({ $0[p.word] & p.mask == p.mask }) else { return }
        table.withUnsafeBufferPointer { tb in
            guard let base = tb.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let w = slotWidth, cap = slotCount
            var slot = Int((UInt64(h) &* UInt64(cap)) >> 32)
            while true {
                let stored = raw.load(fromByteOffset: slot * w * 2, as: UInt32.self)
                if stored == key { body(base + slot * w + 2); return }
                if stored == 0 { return }
                slot = slot + 1 == cap ? 0 : slot + 1
            }
        }
    }

    /// Adds the weight row of `key` (if the model has it) to `acc[0..<tagCount]`.
    @inline(__always)
    func addRow(_ key: UInt32, to acc: UnsafeMutablePointer<Int32>) {
        let c = tagCount
        withRow(key) { r in for t in 0..<c { acc[t] &+= Int32(r[t]) } }
    }

    /// Subtracts the weight row of `key` (if the model has it) from `acc[0..<tagCount]`.
    func subtractRow(_ key: UInt32, from acc: UnsafeMutablePointer<Int32>) {
        let c = tagCount
        withRow(key) { r in for t in 0..<c { acc[t] &-= Int32(r[t]) } }
    }

    static func scale(for rows: [Float]) -> Float {
        var maxAbs: Float = 0
        for w in rows { maxAbs = max(maxAbs, abs(w)) }
        return maxAbs > 0 ? maxAbs / 32767 : 1
    }

    @inline(__always)
    static func quantize(_ w: Float, _ scale: Float) -> Int16 { Int16(clamping: Int((w / scale).rounded())) }

    /// Row index of a feature key (its slot), or -1.
    func row(_ key: UInt32) -> Int { Self.slot(of: key, in: table, count: slotCount, width: slotWidth) }

    private static func slot(of key: UInt32, in table: [Int16], count: Int, width: Int) -> Int {
        guard key != 0 else { return -1 }
        var slot = home(key, count)
        while true {
            let stored = UInt32(UInt16(bitPattern: table[slot * width])) | UInt32(UInt16(bitPattern: table[slot * width + 1])) << 16
            if stored == key { return slot }
            if stored == 0 { return -1 }
            slot = slot + 1 == count ? 0 : slot + 1
        }
    }

    /// Dequantized weight of `tag` in feature row `row`.
    func weight(row: Int, tag: Int) -> Float { Float(table[row * slotWidth + 2 + tag]) * scale }

    /// Best tag sequence for a sentence of token strings; `context` holds each token's document-level feature keys
    /// (`DocumentFeatures`), none when it is empty.
    package func tag(_ words: [String], context: TokenKeys = TokenKeys()) -> [Int] {
        guard !words.isEmpty else { return [] }
        // The cache holds `maxEntries` words at most and makes room only between sentences: an absurdly
        // long "sentence" (a table without punctuation) is tagged in pieces that fit.
        let piece = WordFeatureCache.maxEntries / 2
        guard words.count > piece else { return caches.withCache { tag(words, cache: $0, context: context) } }
        var tags: [Int] = []
        tags.reserveCapacity(words.count)
        for start in stride(from: 0, to: words.count, by: piece) {
            let range = start..<min(words.count, start + piece)
            let part = Array(words[range])
            let partContext = context.offsets.count == words.count + 1 ? context.slice(range) : TokenKeys()
            tags += caches.withCache { tag(part, cache: $0, context: partContext) }
        }
        return tags
    }

    /// Best tag sequence, with per-word feature sums from `cache` (identical to summing `FeatureExtractor.extract`'s keys).
    func tag(_ words: [String], cache: WordFeatureCache, context: TokenKeys = TokenKeys()) -> [Int] {
        let n = words.count
        guard n > 0 else { return [] }
        precondition(n <= WordFeatureCache.maxEntries / 2, "sentences longer than the word cache are split by tag(_:)")
        let c = tagCount
        cache.reserve(n)
        // the entry list is filled as a local (one exclusivity check instead of one per word)
        var entries: [Int] = []
        swap(&entries, &cache.entries)
        entries.removeAll(keepingCapacity: true)
        var letters = 0, capsWords = 0
        for w in words {
            let e = cache.entry(w, model: self)
            entries.append(e)
            let f = cache.capsFlags[e]
            letters += Int(f & 1)
            capsWords += Int(f >> 1)
        }
        swap(&entries, &cache.entries)
        let caps = letters >= 2 && capsWords * 10 >= letters * 7
        if cache.sums.count < n * c { cache.sums = [Int32](repeating: 0, count: n * c) }
        if cache.emissions.count < n * c { cache.emissions = [Float](repeating: 0, count: n * c) }
        let hasLexicon = lexicon != nil
        let stride = cache.stride
        let ownOffset = (caps ? WordFeatureCache.own1 : WordFeatureCache.own0) * c
        let vec = UnsafePointer(cache.vectors)
        let pk = cache.pairKeys
        let leftKeys = UnsafePointer(pk + WordFeatureCache.maxEntries)
        let rightKeys = UnsafePointer(pk + WordFeatureCache.maxEntries + 1)
        let prime: UInt64 = 0x0000_0100_0000_01B3
        cache.sums.withUnsafeMutableBufferPointer { sumsBuffer in
        cache.entries.withUnsafeBufferPointer { entryBuffer in
        cache.lowerScalars.withUnsafeBufferPointer { lowerBuffer in
        cache.lowerStart.withUnsafeBufferPointer { startBuffer in
        boundaryVectors.withUnsafeBufferPointer { bvBuffer in
            guard let sums = sumsBuffer.baseAddress, let ent = entryBuffer.baseAddress, let bv = bvBuffer.baseAddress,
                  let ls = startBuffer.baseAddress else { return }
            let lf = lowerBuffer.baseAddress
            sums.update(repeating: 0, count: n * c)
            if let lex = lexicon {
                // gazetteer phrases (up to 4 words) found in the sentence
                @inline(__always) func mark(_ k: Int, _ code: UInt64) {
                    FeatureExtractor.gazetteerKeys(code, capitalized: pk[ent[k]].capitalized) { addRow($0, to: sums + k * c) }
                }
                let gf = UnsafePointer(cache.gazetteerFlags)
                for i in 0..<n {
                    let flags = gf[ent[i]]
                    if flags & 8 != 0 { mark(i, (pk[ent[i]].gazetteer - 1) << 3) }
                    let maxLen = min(Int(flags & 7), n - i)
                    guard maxLen >= 2 else { continue }
                    var h = pk[ent[i]].lower
                    var len = 2
                    while len <= maxLen {
                        h ^= 0x20; h &*= prime
                        let e = ent[i + len - 1]
                        if let lf {
                            for k in Int(ls[e])..<Int(ls[e + 1]) { h ^= UInt64(lf[k]); h &*= prime }
                        }
                        if lex.mayBeGazetteer(h), let g = lex.lookup(h), g.gazetteer != 0 {
                            let bits = UInt64(g.gazetteer) << 3
                            mark(i, bits | 1)
                            for k in (i + 1)..<(i + len - 1) { mark(k, bits | 2) }
                            mark(i + len - 1, bits | 3)
                        }
                        len += 1
                    }
                }
            }
            // the pairs (x[j], x[j + 1]) for j in -2...n, with x[-2] = x[-1] the left boundary and x[n] = x[n + 1]
            // the right one: pair j gives part R to token j + 1, L to j, A to j + 2 and B to j - 1
            @inline(__always) func id(_ j: Int) -> Int {
                j < 0 ? WordFeatureCache.leftBoundary : j >= n ? WordFeatureCache.rightBoundary : ent[j]
            }
            @inline(__always) func keys(_ j: Int) -> UnsafePointer<PairKeys> {
                j < 0 ? leftKeys : j >= n ? rightKeys : UnsafePointer(pk + ent[j])
            }
            @inline(__always) func add(_ p: UnsafePointer<Int32>, to k: Int) {
                let acc = sums + k * c
                for t in 0..<c { acc[t] &+= p[t] }
            }
            var a = WordFeatureCache.leftBoundary
            var pa = leftKeys
            for j in -2...n {
                let b = id(j + 1)
                let pb = keys(j + 1)
                let v = cache.pairVectors(a, b, pa, pb, model: self, hasLexicon: hasLexicon, boundary: bv)
                if j + 1 >= 0 && j + 1 < n { add(v + WordFeatureCache.bigramR * c, to: j + 1) }
                if j >= 0 && j < n { add(v + WordFeatureCache.bigramL * c, to: j) }
                if j + 2 >= 0 && j + 2 < n { add(v + WordFeatureCache.bigramA * c, to: j + 2) }
                if j - 1 >= 0 && j - 1 < n { add(v + WordFeatureCache.bigramB * c, to: j - 1) }
                a = b
                pa = pb
            }
            for i in 0..<n {
                let acc = sums + i * c
                let ew = ent[i]
                let own = vec + ew * stride + ownOffset
                for t in 0..<c { acc[t] &+= own[t] }
                let w = UnsafePointer(pk + ew)
                if i == 0 {
                    // the own vectors hold template 23 for a word inside the sentence
                    addRow(FeatureHash.key(FeatureHash.mix(PairKeys.first23, w.pointee.shortShape)), to: acc)
                    subtractRow(FeatureHash.key(FeatureHash.mix(PairKeys.other23, w.pointee.shortShape)), from: acc)
                }
                addRow(FeatureHash.key(FeatureHash.mix(keys(i - 1).pointee.m36, keys(i + 1).pointee.lower)), to: acc)
            }
            if !context.isEmpty && context.offsets.count == n + 1 {
                for i in 0..<n {
                    for k in context.offsets[i]..<context.offsets[i + 1] { addRow(context.keys[k], to: sums + i * c) }
                }
            }
        }}}}}
        let scale = self.scale
        cache.sums.withUnsafeBufferPointer { s in
            cache.emissions.withUnsafeMutableBufferPointer { e in
                for k in 0..<(n * c) { e[k] = Float(s[k]) * scale }
            }
        }
        return TagScheme.viterbi(emissions: cache.emissions, length: n, transitions: transitions, tables: viterbiTables, endScores: endScores,
                                 score: &cache.viterbiScore, back: &cache.viterbiBack)
    }

    /// Emissions of the cached path (`n * tagCount`), for tests.
    func cachedEmissions(_ words: [String], cache: WordFeatureCache, context: TokenKeys = TokenKeys()) -> [Float] {
        _ = tag(words, cache: cache, context: context)
        return Array(cache.emissions[0..<(words.count * tagCount)])
    }

    /// Emissions computed key by key from `FeatureExtractor.extract` (the training features), for tests.
    func referenceEmissions(_ words: [String], context: TokenKeys = TokenKeys()) -> [Float] {
        var keys: [UInt32] = []
        var offsets: [Int] = []
        FeatureExtractor.extract(words, lexicon: lexicon, context: context, keys: &keys, offsets: &offsets)
        var emissions = [Float](repeating: 0, count: words.count * tagCount)
        for i in 0..<words.count {
            var acc = [Int32](repeating: 0, count: tagCount)
            for k in offsets[i]..<offsets[i + 1] {
                let r = row(keys[k])
                if r < 0 { continue }
                for t in 0..<tagCount { acc[t] &+= Int32(table[r * slotWidth + 2 + t]) }
            }
            for t in 0..<tagCount { emissions[i * tagCount + t] = Float(acc[t]) * scale }
        }
        return emissions
    }

    // MARK: binary format

    /// Writes the model; weights are quantized to Int16 and only non-zero (feature, tag) pairs are stored.
    package static func write(tagCount: Int, transitions: [Float], endScores: [Float], keys: [UInt32], rows: [Float],
                      lexicon: [(UInt64, Lexicon.Entry)], to url: URL) throws -> (features: Int, bytes: Int) {
        let scale = TaggerModel.scale(for: rows)
        // keep features with at least one non-zero quantized weight, sorted by key
        var kept: [(UInt32, Int)] = []
        for (i, k) in keys.enumerated() {
            var any = false
            for t in 0..<tagCount where quantize(rows[i * tagCount + t], scale) != 0 { any = true; break }
            if any { kept.append((k, i)) }
        }
        kept.sort { $0.0 < $1.0 }
        var out = Data()
        out.append(contentsOf: magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        u32(UInt32(tagCount)); u32(UInt32(kept.count)); u32(UInt32(lexicon.count)); f32(scale)
        for v in transitions { f32(v) }
        for v in endScores { f32(v) }
        for (k, e) in lexicon.sorted(by: { $0.0 < $1.0 }) {
            u64(k)
            withUnsafeBytes(of: e.cluster.littleEndian) { out.append(contentsOf: $0) }
            out.append(e.lowerBucket); out.append(e.gazetteer)
            withUnsafeBytes(of: e.vectorFine.littleEndian) { out.append(contentsOf: $0) }
            out.append(e.vectorCoarse)
        }
        for (k, _) in kept { u32(k) }
        var entries = Data()
        for (_, i) in kept {
            var nnz: UInt8 = 0
            for t in 0..<tagCount {
                let q = quantize(rows[i * tagCount + t], scale)
                if q != 0 {
                    nnz += 1
                    entries.append(UInt8(t))
                    withUnsafeBytes(of: q.littleEndian) { entries.append(contentsOf: $0) }
                }
            }
            out.append(nnz)
        }
        out.append(entries)
        try out.write(to: url, options: .atomic)
        return (kept.count, out.count)
    }

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        try self.init(data: data)
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        var pos = 0
        func need(_ n: Int) throws {
            guard pos + n <= bytes.count else { throw EntityModelError.badFormat("truncated at byte \(pos)") }
        }
        func u32() throws -> UInt32 {
            try need(4)
            let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
            pos += 4
            return v
        }
        func u64() throws -> UInt64 {
            let lo = try u32()
            let hi = try u32()
            return UInt64(lo) | UInt64(hi) << 32
        }
        try need(8)
        let version: Int
        switch Array(bytes[0..<8]) {
        case TaggerModel.magic: version = 2
        case TaggerModel.magicV1: version = 1
        default: throw EntityModelError.badFormat("bad magic")
        }
        let entrySize = version == 1 ? 4 : 7
        pos = 8
        let tagCount = Int(try u32())
        guard tagCount == TagScheme.count else { throw EntityModelError.badFormat("tag count \(tagCount)") }
        let n = Int(try u32())
        let m = Int(try u32())
        let scale = Float(bitPattern: try u32())
        var transitions = [Float](repeating: 0, count: (tagCount + 1) * tagCount)
        for i in 0..<transitions.count { transitions[i] = Float(bitPattern: try u32()) }
        var endScores = [Float](repeating: 0, count: tagCount)
        for i in 0..<tagCount { endScores[i] = Float(bitPattern: try u32()) }
        var lexicon: Lexicon? = nil
        if m > 0 {
            var entries: [(UInt64, Lexicon.Entry)] = []
            entries.reserveCapacity(m)
            for _ in 0..<m {
                let k = try u64()
                try need(entrySize)
                let cluster = UInt16(bytes[pos]) | UInt16(bytes[pos + 1]) << 8
                var entry = Lexicon.Entry(cluster: cluster, lowerBucket: bytes[pos + 2], gazetteer: bytes[pos + 3])
                if version >= 2 {
                    entry.vectorFine = UInt16(bytes[pos + 4]) | UInt16(bytes[pos + 5]) << 8
                    entry.vectorCoarse = bytes[pos + 6]
                }
                entries.append((k, entry))
                pos += entrySize
            }
            lexicon = Lexicon(entries: entries)
        }
        var keys = [UInt32](repeating: 0, count: n)
        for i in 0..<n { keys[i] = try u32() }
        try need(n)
        let nnz = Array(bytes[pos..<(pos + n)])
        pos += n
        var rows = [Int16](repeating: 0, count: n * tagCount)
        for i in 0..<n {
            let cnt = Int(nnz[i])
            try need(cnt * 3)
            for _ in 0..<cnt {
                let t = Int(bytes[pos])
                guard t < tagCount else { throw EntityModelError.badFormat("tag index \(t)") }
                let q = Int16(bitPattern: UInt16(bytes[pos + 1]) | UInt16(bytes[pos + 2]) << 8)
                rows[i * tagCount + t] = q
                pos += 3
            }
        }
        self.init(tagCount: tagCount, transitions: transitions, endScores: endScores, keys: keys, quantized: rows, scale: scale, lexicon: lexicon)
    }
}
