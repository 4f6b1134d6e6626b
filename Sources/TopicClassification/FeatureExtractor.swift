/// Growable scratch buffer of trivial values (no per-access uniqueness checks in hot loops).
final class ScratchBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more elements beyond `count`.
    @inline(__always) func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var cap = capacity
        while cap < needed { cap *= 2 }
        let fresh = UnsafeMutablePointer<T>.allocate(capacity: cap)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = cap
    }

    @inline(__always) func append(_ v: T) {
        if count == capacity { grow(count + 1) }
        (base + count).initialize(to: v)
        count += 1
    }

    var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }
}

/// Turns (title, text) into hashed feature counts in three blocks: words (uni/bigrams of the whole
/// article), title words, and character n-grams of title + lead. Holds reusable scratch space, so each
/// thread or task uses its own.
package final class FeatureExtractor {
    package let config: FeatureConfig
    private let shift: UInt64

    // Normalised bytes and token boundaries.
    private let bytes = ScratchBuffer<UInt8>(capacity: 4096)
    private let tokenStart = ScratchBuffer<Int32>(capacity: 512)
    private let tokenEnd = ScratchBuffer<Int32>(capacity: 512)
    private let tokenHash = ScratchBuffer<UInt64>(capacity: 512)
    /// FNV-1a 64 of each token's lower-cased bytes before digit folding and stemming (the word-vector key);
    /// 0 for tokens with non-ASCII letters (the table has none).
    private let tokenWord = ScratchBuffer<UInt64>(capacity: 512)
    private let wordRows = ScratchBuffer<Int>(capacity: 512)
    private var titleTokens = 0

    /// Open-addressing counter (keys stored as bucket + 1; all-zero between uses). Plain pointers in a
    /// local struct keep the hot loop free of class-property exclusivity checks.
    private struct Counter {
        let slotKey: UnsafeMutablePointer<UInt32>
        let slotCount: UnsafeMutablePointer<Float>
        let used: UnsafeMutablePointer<Int32>
        let mask: Int
        var usedCount = 0

        @inline(__always) mutating func add(_ bucket: UInt32) {
            let key = bucket &+ 1
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 7) & mask
            while true {
                let k = slotKey[slot]
                if k == key {
                    slotCount[slot] += 1
                    return
                }
                if k == 0 {
                    slotKey[slot] = key
                    slotCount[slot] = 1
                    used[usedCount] = Int32(truncatingIfNeeded: slot)
                    usedCount += 1
                    return
                }
                slot = (slot + 1) & mask
            }
        }
    }
    private var slotKey: UnsafeMutablePointer<UInt32>
    private var slotCount: UnsafeMutablePointer<Float>
    private var slotUsed: UnsafeMutablePointer<Int32>
    private var slotMask = 0

    /// Output: bucket ids and counts; `blockEnd[b]` is the end offset of block b.
    private let outKeys = ScratchBuffer<UInt32>(capacity: 2048)
    private let outCounts = ScratchBuffer<Float>(capacity: 2048)
    package private(set) var blockEnd: [Int] = Array(repeating: 0, count: FeatureConfig.blockCount)

    package var keys: UnsafeBufferPointer<UInt32> { outKeys.buffer }
    package var counts: UnsafeBufferPointer<Float> { outCounts.buffer }

    /// Table of the dense block (nil: no dense block).
    package let wordVectors: WordVectors?
    /// Output: sum of the vectors of the words found (`wordVectors.dimensions` floats; not normalised).
    package let dense: UnsafeMutablePointer<Float>
    private let denseScratch: UnsafeMutablePointer<Int16>
    /// Output: number of words found in the table.
    private(set) var denseWords = 0

    package init(config: FeatureConfig, wordVectors: WordVectors? = nil) {
        self.config = config
        self.wordVectors = wordVectors
        let dims = wordVectors?.dimensions ?? 0
        dense = .allocate(capacity: max(1, dims))
        dense.initialize(repeating: 0, count: max(1, dims))
        denseScratch = .allocate(capacity: max(1, dims * WordVectors.Storage.maxClasses))
        shift = UInt64(64 - config.bucketBits)
        slotMask = 4095
        slotKey = .allocate(capacity: 4096)
        slotKey.initialize(repeating: 0, count: 4096)
        slotCount = .allocate(capacity: 4096)
        slotCount.initialize(repeating: 0, count: 4096)
        slotUsed = .allocate(capacity: 4096)
    }

    deinit {
        slotKey.deallocate()
        slotCount.deallocate()
        slotUsed.deallocate()
        dense.deallocate()
        denseScratch.deallocate()
    }

    private static let seed0: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let seed1: UInt64 = 0x9AE1_6A3B_2F90_404F
    private static let seed2: UInt64 = 0x1F83_D9AB_FB41_BD6B
    private static let prime: UInt64 = 0x0000_0100_0000_01B3
    private static let pairMix: UInt64 = 0x5851_F42D_4C95_7F2D

    @inline(__always) private func bucket(_ h: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Extracts features of one article into `keys`/`counts`/`blockEnd`.
    package func extract(title: String, text: String) {
        bytes.count = 0
        tokenStart.count = 0
        tokenEnd.count = 0
        tokenHash.count = 0
        tokenWord.count = 0
        let cleanTitle = TextCleaner.clean(title)
        tokenize(cleanTitle)
        titleTokens = tokenStart.count
        let textStart = bytes.count
        let cleanText = TextCleaner.clean(utf8: Self.lead(of: text, bytes: config.textLeadBytes))
        tokenize(cleanText)
        let leadLimit = Int32(clamping: textStart + config.charLeadBytes)
        if config.charRawTokens, config.charMax > 0 {
            rawCount = 0
            splitRaw(cleanTitle, limit: cleanTitle.count)
            splitRaw(cleanText, limit: config.charLeadBytes)
        }

        outKeys.count = 0
        outCounts.count = 0
        let n = tokenStart.count
        let starts = tokenStart.base, ends = tokenEnd.base, hashes = tokenHash.base
        if let wv = wordVectors {
            // Dense block: sum of the pretrained vectors of the title words and the lead's words.
            let sum = dense, words = tokenWord.base, storage = wv.storage
            let limit = config.wordVectorLeadBytes > 0 ? Int32(clamping: textStart + config.wordVectorLeadBytes) : Int32.max
            // Two passes: the probes are independent of each other (their cache misses overlap), then the adds.
            wordRows.reserve(n)
            let rows = wordRows.base
            var found = 0
            for t in 0..<n {
                if t >= titleTokens, starts[t] >= limit { break }
                let key = words[t]
                if key == 0 { continue }
                let row = storage.row(key)
                rows[found] = row
                found += row >= 0 ? 1 : 0
            }
            wv.sum(rows: rows, count: found, into: sum, scratch: denseScratch)
            denseWords = found
        }
        var charTokens = n
        if config.charRawTokens {
            charTokens = rawCount
        } else if config.charMax > 0 {
            charTokens = titleTokens
            while charTokens < n, starts[charTokens] < leadLimit { charTokens += 1 }
        }
        var bound = 2 * n + 8
        if config.charMax > 0 {
            let span = config.charMax - config.charMin + 1
            if config.charRawTokens {
                for t in 0..<charTokens { bound += Int(rawEnd.base[t] - rawStart.base[t] + 2) * span }
            } else {
                for t in 0..<charTokens { bound += Int(ends[t] - starts[t] + 2) * span }
            }
        }
        ensureCounter(bound)
        var counter = Counter(slotKey: slotKey, slotCount: slotCount, used: slotUsed, mask: slotMask)
        let shift = self.shift
        @inline(__always) func bucket(_ h: UInt64) -> UInt32 {
            UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }
        let bigrams = config.wordBigrams

        // Block 0: words of title and text.
        for t in 0..<n {
            counter.add(bucket(hashes[t] ^ Self.seed0))
            if bigrams, t > 0, t != titleTokens {
                counter.add(bucket(((hashes[t - 1] &* Self.pairMix) ^ hashes[t] ^ Self.seed0) &+ 1))
            }
        }
        flush(&counter, block: FeatureConfig.wordBlock)
        // Block 1: title words.
        if config.titleBlock {
            for t in 0..<titleTokens {
                counter.add(bucket(hashes[t] ^ Self.seed1))
                if bigrams, t > 0 {
                    counter.add(bucket(((hashes[t - 1] &* Self.pairMix) ^ hashes[t] ^ Self.seed1) &+ 1))
                }
            }
        }
        flush(&counter, block: FeatureConfig.titleBlockID)
        // Block 2: character n-grams (boundary-padded words) of title + lead.
        if config.charMax > 0 {
            let minN = config.charMin, maxN = config.charMax
            let raw = config.charRawTokens
            let b = raw ? rawBytes.base : bytes.base
            let cs = raw ? rawStart.base : starts, ce = raw ? rawEnd.base : ends
            for t in 0..<charTokens {
                let lo = Int(cs[t]) - 1, hi = Int(ce[t]) + 1  // padded range; pads read as space
                for i in lo..<hi {
                    var h = Self.seed2
                    var j = i
                    while j < hi, j - i < maxN {
                        let c: UInt8 = (j == lo || j == hi - 1) ? 0x20 : b[j]
                        h = (h ^ UInt64(c)) &* Self.prime
                        j += 1
                        if j - i >= minN { counter.add(bucket(h)) }
                    }
                }
            }
        }
        flush(&counter, block: FeatureConfig.charBlock)
    }

    // MARK: tokenization

    /// Raw whitespace-separated tokens (ASCII lower-cased) for character n-grams.
    private let rawBytes = ScratchBuffer<UInt8>(capacity: 1024)
    private let rawStart = ScratchBuffer<Int32>(capacity: 256)
    private let rawEnd = ScratchBuffer<Int32>(capacity: 256)
    private var rawCount = 0

    /// Appends the whitespace-separated tokens of `s` that start within its first `limit` bytes.
    private func splitRaw(_ s: [UInt8], limit: Int) {
        if rawCount == 0 {
            rawBytes.count = 0
            rawStart.count = 0
            rawEnd.count = 0
        }
        rawBytes.reserve(s.count + 1)
        rawStart.reserve(s.count / 2 + 1)
        rawEnd.reserve(s.count / 2 + 1)
        let out = rawBytes.base
        var w = rawBytes.count
        var start = -1
        for (i, c) in s.enumerated() {
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                if start >= 0 {
                    rawStart.base[rawCount] = Int32(start)
                    rawEnd.base[rawCount] = Int32(w)
                    rawCount += 1
                    start = -1
                }
                if i >= limit { break }
                continue
            }
            if start < 0 {
                if i >= limit { break }
                start = w
            }
            out[w] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            w += 1
        }
        if start >= 0 {
            rawStart.base[rawCount] = Int32(start)
            rawEnd.base[rawCount] = Int32(w)
            rawCount += 1
        }
        rawBytes.count = w
        rawStart.count = rawCount
        rawEnd.count = rawCount
    }

    /// The UTF-8 bytes of `text`, cut to at most `limit` bytes at the last space, tab or newline (or, if there is
    /// none, at a scalar boundary); `limit` 0 keeps everything.
    static func lead(of text: String, bytes limit: Int) -> [UInt8] {
        guard limit > 0, text.utf8.count > limit else { return Array(text.utf8) }
        var b = text.utf8.withContiguousStorageIfAvailable { Array($0.prefix(limit + 1)) } ?? Array(text.utf8.prefix(limit + 1))
        var cut = limit
        while cut > 0, b[cut] != 0x20, b[cut] != 0x0A, b[cut] != 0x09 { cut -= 1 }
        if cut == 0 {
            cut = limit
            while cut > 0, b[cut] & 0xC0 == 0x80 { cut -= 1 }
        }
        b.removeSubrange(cut...)
        return b
    }

    /// Appends lower-cased alphanumeric tokens of `s` to `bytes`, with their hashes.
    private func tokenize(_ s: [UInt8]) {
        bytes.reserve(s.count + 1)
        tokenStart.reserve(s.count / 2 + 1)
        tokenEnd.reserve(s.count / 2 + 1)
        tokenHash.reserve(s.count / 2 + 1)
        tokenWord.reserve(s.count / 2 + 1)
        let out = bytes.base
        var w = bytes.count
        var start = -1
        var word = Self.seed0, ascii = true
        let digits = config.digitShapes
        s.withUnsafeBufferPointer { s in
            let count = s.count
            var i = 0
            while i < count {
                var b = s[i]
                if b < 0x80 {
                    if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                    if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                        if start < 0 { start = w }
                        word = (word ^ UInt64(b)) &* Self.prime
                        if digits, b <= 0x39 { b = 0x30 }
                        out[w] = b
                        w += 1
                    } else if start >= 0 {
                        endToken(start, w, word: ascii ? word : 0)
                        start = -1
                        word = Self.seed0
                        ascii = true
                    }
                    i += 1
                    continue
                }
                // Non-ASCII: general punctuation and Latin-1 symbols separate tokens; other scalars are letters.
                let next: UInt8 = i + 1 < count ? s[i + 1] : 0
                if (b == 0xE2 && (next == 0x80 || next == 0x81)) || (b == 0xC2 && next >= 0x80 && next <= 0xBF) {
                    if start >= 0 {
                        endToken(start, w, word: ascii ? word : 0)
                        start = -1
                        word = Self.seed0
                        ascii = true
                    }
                    i += b == 0xE2 ? 3 : 2
                    continue
                }
                if start < 0 { start = w }
                ascii = false
                if b == 0xC3, next >= 0x80, next <= 0x9E, next != 0x97 {  // Latin-1 capitals
                    out[w] = b
                    out[w + 1] = next | 0x20
                    w += 2
                    i += 2
                    continue
                }
                out[w] = b
                w += 1
                i += 1
            }
        }
        if start >= 0 { endToken(start, w, word: ascii ? word : 0) }
        bytes.count = w
    }

    @inline(__always) private func endToken(_ start: Int, _ end: Int, word: UInt64) {
        let b = bytes.base
        let stemmed = config.stemming ? Self.stemEnd(b, start, end) : end
        var h = Self.seed0
        for k in start..<stemmed { h = (h ^ UInt64(b[k])) &* Self.prime }
        let n = tokenStart.count  // capacity reserved by tokenize
        tokenStart.base[n] = Int32(start)
        tokenEnd.base[n] = Int32(end)
        tokenHash.base[n] = h
        tokenWord.base[n] = word
        tokenWord.count = n + 1
        tokenStart.count = n + 1
        tokenEnd.count = n + 1
        tokenHash.count = n + 1
    }

    /// Light suffix stripping: drops the first matching suffix (ations, ation, ings, ing, ies, ers, er,
    /// ed, es, s, ly) if at least three bytes remain.
    @inline(__always) static func stemEnd(_ b: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let len = end - start
        @inline(__always) func has(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard len > n + 2 else { return false }
            let p = suffix.utf8Start
            for k in 0..<n where b[end - n + k] != p[k] { return false }
            return true
        }
        let last = b[end - 1]
        if last == 0x73 {  // s
            if has("ations") { return end - 6 }
            if has("ings") { return end - 4 }
            if has("ies") { return end - 3 }
            if has("ers") { return end - 3 }
            if has("es") { return end - 2 }
            if has("s") { return end - 1 }
        } else if last == 0x6E {  // n
            if has("ation") { return end - 5 }
        } else if last == 0x67 {  // g
            if has("ing") { return end - 3 }
        } else if last == 0x72 {  // r
            if has("er") { return end - 2 }
        } else if last == 0x64 {  // d
            if has("ed") { return end - 2 }
        } else if last == 0x79 {  // y
            if has("ly") { return end - 2 }
        }
        return end
    }

    // MARK: counting

    private func ensureCounter(_ bound: Int) {
        var cap = slotMask + 1
        guard cap < 2 * bound else { return }
        while cap < 2 * bound { cap <<= 1 }
        slotKey.deallocate()
        slotCount.deallocate()
        slotUsed.deallocate()
        slotUsed = .allocate(capacity: cap)
        slotKey = .allocate(capacity: cap)
        slotKey.initialize(repeating: 0, count: cap)
        slotCount = .allocate(capacity: cap)
        slotCount.initialize(repeating: 0, count: cap)
        slotMask = cap - 1
    }

    /// Moves counted features to the output as block `block` and clears the counter.
    private func flush(_ counter: inout Counter, block: Int) {
        let n = counter.usedCount
        outKeys.reserve(n)
        outCounts.reserve(n)
        let k0 = outKeys.count
        let ok = outKeys.base + k0, oc = outCounts.base + k0
        let u = counter.used, sk = counter.slotKey, sc = counter.slotCount
        for i in 0..<n {
            let slot = Int(u[i])
            (ok + i).initialize(to: sk[slot] - 1)
            (oc + i).initialize(to: sc[slot])
            sk[slot] = 0
        }
        outKeys.count = k0 + n
        outCounts.count = k0 + n
        counter.usedCount = 0
        blockEnd[block] = k0 + n
    }
}
