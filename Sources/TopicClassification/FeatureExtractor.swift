/// Turns (title, text) into hashed feature counts in three blocks: words (uni/bigrams of the whole
/// article), title words, and character n-grams of title + lead. Reusable scratch space; not thread-safe,
/// so each caller owns one.
struct FeatureExtractor {
    let config: FeatureConfig
    private let shift: UInt64

    // Normalised bytes and token boundaries.
    private var bytes: [UInt8] = []
    private var tokenStart: [Int32] = []
    private var tokenEnd: [Int32] = []
    private var tokenHash: [UInt64] = []
    private var titleTokens = 0
    private var leadLimit = 0

    // Open-addressing counter (keys stored as bucket + 1).
    private var slotKey: [UInt32] = []
    private var slotCount: [Float] = []
    private var used: [Int32] = []

    /// Output: per block, bucket ids and counts; `blockEnd[b]` is the end offset of block b in `keys`.
    private(set) var keys: [UInt32] = []
    private(set) var counts: [Float] = []
    private(set) var blockEnd: [Int] = Array(repeating: 0, count: FeatureConfig.blockCount)

    init(config: FeatureConfig) {
        self.config = config
        shift = UInt64(64 - config.bucketBits)
    }

    private static let seeds: [UInt64] = [0xCBF2_9CE4_8422_2325, 0x9AE1_6A3B_2F90_404F, 0x1F83_D9AB_FB41_BD6B]
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always) private func bucket(_ h: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Extracts features of one article into `keys`/`counts`/`blockEnd`.
    mutating func extract(title: String, text: String) {
        bytes.removeAll(keepingCapacity: true)
        tokenStart.removeAll(keepingCapacity: true)
        tokenEnd.removeAll(keepingCapacity: true)
        tokenHash.removeAll(keepingCapacity: true)
        tokenize(TextCleaner.clean(title))
        titleTokens = tokenStart.count
        let textStart = bytes.count
        tokenize(TextCleaner.clean(text))
        leadLimit = textStart + config.charLeadBytes

        keys.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        let n = tokenStart.count
        var bound = 2 * n + 8
        if config.charMax > 0 {
            for t in 0..<n where t < titleTokens || Int(tokenStart[t]) < leadLimit {
                bound += (Int(tokenEnd[t] - tokenStart[t]) + 2) * (config.charMax - config.charMin + 1)
            }
        }
        prepareCounter(capacityFor: bound)

        // Block 0: words of title and text.
        let s0 = Self.seeds[0]
        for t in 0..<n {
            add(bucket(tokenHash[t] ^ s0))
            if config.wordBigrams, t > 0, t != titleTokens {
                add(bucket(((tokenHash[t - 1] &* 0x5851_F42D_4C95_7F2D) ^ tokenHash[t]) ^ s0 &+ 1))
            }
        }
        flush(block: FeatureConfig.wordBlock)
        // Block 1: title words.
        if config.titleBlock {
            let s1 = Self.seeds[1]
            for t in 0..<titleTokens {
                add(bucket(tokenHash[t] ^ s1))
                if config.wordBigrams, t > 0 {
                    add(bucket(((tokenHash[t - 1] &* 0x5851_F42D_4C95_7F2D) ^ tokenHash[t]) ^ s1 &+ 1))
                }
            }
        }
        flush(block: FeatureConfig.titleBlockID)
        // Block 2: character n-grams of title + lead.
        if config.charMax > 0 {
            addCharNgrams(tokens: n)
        }
        flush(block: FeatureConfig.charBlock)
    }

    private mutating func addCharNgrams(tokens n: Int) {
        let seed = Self.seeds[2], prime = Self.prime
        let minN = config.charMin, maxN = config.charMax
        var word: [UInt8] = []
        word.reserveCapacity(64)
        for t in 0..<n where t < titleTokens || Int(tokenStart[t]) < leadLimit {
            word.removeAll(keepingCapacity: true)
            word.append(0x20)
            word.append(contentsOf: bytes[Int(tokenStart[t])..<Int(tokenEnd[t])])
            word.append(0x20)
            let len = word.count
            for i in 0..<len {
                var h = seed
                var j = i
                while j < len, j - i < maxN {
                    h = (h ^ UInt64(word[j])) &* prime
                    j += 1
                    if j - i >= minN { add(bucket(h)) }
                }
            }
        }
    }

    // MARK: tokenization

    /// Appends lower-cased alphanumeric tokens of `s` to `bytes`, with their hashes.
    private mutating func tokenize(_ s: [UInt8]) {
        var i = 0
        let count = s.count
        var start = -1
        func close(_ self: inout FeatureExtractor, _ start: inout Int) {
            if start >= 0 {
                self.endToken(start)
                start = -1
            }
        }
        while i < count {
            var b = s[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                if alnum {
                    if start < 0 { start = bytes.count }
                    if config.digitShapes, b >= 0x30, b <= 0x39 { b = 0x30 }
                    bytes.append(b)
                } else {
                    close(&self, &start)
                }
                i += 1
                continue
            }
            // Non-ASCII: punctuation blocks separate tokens; other scalars are word characters.
            let next: UInt8 = i + 1 < count ? s[i + 1] : 0
            if (b == 0xE2 && (next == 0x80 || next == 0x81)) || (b == 0xC2 && next >= 0x80 && next <= 0xBF) {
                close(&self, &start)
                i += b == 0xE2 ? 3 : 2
                continue
            }
            if start < 0 { start = bytes.count }
            if b == 0xC3, next >= 0x80, next <= 0x9E, next != 0x97 {  // Latin-1 capitals
                bytes.append(b)
                bytes.append(next | 0x20)
                i += 2
                continue
            }
            bytes.append(b)
            i += 1
        }
        close(&self, &start)
    }

    private mutating func endToken(_ start: Int) {
        var end = bytes.count
        if config.stemming { end = Self.stemEnd(bytes, start, end) }
        var h = Self.seeds[0]
        for k in start..<end { h = (h ^ UInt64(bytes[k])) &* Self.prime }
        tokenStart.append(Int32(start))
        tokenEnd.append(Int32(bytes.count))
        tokenHash.append(h)
    }

    private static let suffixes: [[UInt8]] = ["ations", "ation", "ings", "ing", "ies", "ers", "er", "ed", "es", "s", "ly"]
        .map { Array($0.utf8) }

    /// Light suffix stripping: drops the first matching suffix if at least three bytes remain.
    static func stemEnd(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
        let len = end - start
        for suf in suffixes where len > suf.count + 2 {
            var match = true
            var k = 0
            while k < suf.count {
                if b[end - suf.count + k] != suf[k] { match = false; break }
                k += 1
            }
            if match { return end - suf.count }
        }
        return end
    }

    // MARK: counting

    private mutating func prepareCounter(capacityFor bound: Int) {
        var cap = 64
        while cap < 2 * bound { cap <<= 1 }
        if slotKey.count < cap {
            slotKey = Array(repeating: 0, count: cap)
            slotCount = Array(repeating: 0, count: cap)
        }
        used.removeAll(keepingCapacity: true)
        for b in 0..<blockEnd.count { blockEnd[b] = 0 }
    }

    @inline(__always) private mutating func add(_ bucket: UInt32) {
        let key = bucket &+ 1
        let mask = slotKey.count - 1
        var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
        while true {
            let k = slotKey[slot]
            if k == key {
                slotCount[slot] += 1
                return
            }
            if k == 0 {
                slotKey[slot] = key
                slotCount[slot] = 1
                used.append(Int32(slot))
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Moves counted features to the output as block `block` and clears the counter.
    private mutating func flush(block: Int) {
        for s in used {
            let slot = Int(s)
            keys.append(slotKey[slot] - 1)
            counts.append(slotCount[slot])
            slotKey[slot] = 0
        }
        used.removeAll(keepingCapacity: true)
        blockEnd[block] = keys.count
    }
}
