import Digest
import Normalization

/// Stable 64-bit hashing (independent of Swift's per-process seeded `Hasher`, so stored state
/// stays valid across restarts and instances).
enum StableHash {
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        // splitmix64 finalizer
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        mix(seed ^ (value &+ 0x9E37_79B9_7F4A_7C15 &+ (seed << 6) &+ (seed >> 2)))
    }
}

/// What matching needs from one text: the exact-match digest, the word shingles and the numbers.
///
/// Computing it is most of the CPU cost of a check and needs no index state, so a scaled-out
/// deployment can compute fingerprints in parallel and feed one ordered decider
/// (``Deduplicator/check(_:fingerprint:)``). Hashes are stable across processes and platforms.
public struct DedupeFingerprint: Sendable, Codable, Equatable {
    /// SHA-256 (hex) of the folded text; empty when the folded text is empty.
    public var digest: String
    /// Sorted, distinct 64-bit hashes of word `shingleSize`-grams.
    public var shingles: [UInt64]
    /// Sorted, distinct hashes of tokens that contain a digit.
    public var numbers: [UInt64]
    /// The shingle size used (must match the decider's options).
    public var shingleSize: Int

    /// Fingerprint of `text` under `options` (only `shingleSize` matters).
    public init(text: String, options: DedupeOptions) {
        self.init(text: text, shingleSize: options.shingleSize)
    }

    /// Folds `text` (``TextFolding/fold(_:)``), splits it into `\\w+`-like words and hashes them.
    ///
    /// Works on the UTF-8 bytes of the folded text (ASCII by table, other scalars decoded in place);
    /// token hashes are FNV-1a over scalar-value bytes, so the values are those of the stored index.
    init(text: String, shingleSize: Int, knownDigest: String? = nil) {
        self.shingleSize = shingleSize
        let k = max(1, shingleSize)
        var digest = ""
        var shingles: [UInt64] = []
        var numbers: [UInt64] = []
        let reuse = knownDigest.flatMap { Self.isHexDigest($0) ? $0 : nil }
        if let reuse {
            // ASCII text with its digest known: folding it would only lower-case letters and merge
            // separators, which the tokenizer does itself, so the raw bytes give the same words.
            var raw = text
            let done = raw.withUTF8 { bytes -> Bool in
                guard !bytes.isEmpty, Self.isASCII(bytes) else { return false }
                return Self.hashWords(bytes, size: k) { tokenCount, words, numberWords in
                    // No words: the folded text may be empty (digest ""), so take the folding path.
                    guard tokenCount > 0 else { return false }
                    shingles = words
                    numbers = numberWords
                    return true
                }
            }
            if done {
                self.digest = reuse
                self.shingles = shingles
                self.numbers = numbers
                return
            }
        }
        TextFolding.withFoldedBytes(text) { bytes in
            guard !bytes.isEmpty else { return }
            digest = reuse ?? SHA256.hex(bytes)
            _ = Self.hashWords(bytes, size: k) { _, words, numberWords in
                shingles = words
                numbers = numberWords
                return true
            }
        }
        self.digest = digest
        self.shingles = shingles
        self.numbers = numbers
    }

    /// Tokenizes `bytes` and passes the token count, the sorted distinct shingle hashes and number
    /// hashes to `body`.
    private static func hashWords(_ bytes: UnsafeBufferPointer<UInt8>, size k: Int,
                                  _ body: (Int, [UInt64], [UInt64]) -> Bool) -> Bool {
        // Words are separated, so at most one per two bytes (plus one).
        let capacity = bytes.count / 2 + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * capacity) { scratch in
            guard let tokens = scratch.baseAddress else { return false }
            let numberBuffer = tokens + capacity
            let (tokenCount, numberCount) = tokenize(bytes, tokens: tokens, numbers: numberBuffer)
            let shingleCount = shingleHashes(tokens, count: tokenCount, size: k)
            return body(tokenCount, sortedDistinct(tokens, count: shingleCount), sortedDistinct(numberBuffer, count: numberCount))
        }
    }

    /// Whether every byte is below 0x80 (eight at a time).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        var any: UInt64 = 0
        while i + 8 <= n {
            any |= UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < n { any |= UInt64(p[i]); i += 1 }
        return any & 0x8080_8080_8080_8080 == 0
    }

    /// 64 lower-case hex digits (a SHA-256 as ``SHA256/hex(_:)`` writes it).
    static func isHexDigest(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            guard b.count == 64 else { return false }
            for c in b where !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) { return false }
            return true
        }
    }

    /// Per byte: the folded byte of an ASCII word character (capitals lower-cased; digits, letters
    /// and '_' lie in 0x30...0x7A, digits lowest), 0 for an ASCII separator, 0xFF for a byte of a
    /// multi-byte scalar. Folded text has no capitals; raw ASCII text hashes as its folded form.
    private static let byteFold: [UInt8] = (0..<256).map { (v: Int) -> UInt8 in
        if v >= 0x80 { return 0xFF }
        if v >= 0x41 && v <= 0x5A { return UInt8(v) | 0x20 }
        return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || v == 0x5F ? UInt8(v) : 0
    }

    /// Class of a non-ASCII scalar value: decimal digits 2, letters and
    /// non-spacing marks 1, others 0.
    private static func scalarClass(_ v: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(v) else { return 0 }
        let p = scalar.properties
        if p.numericType == .decimal { return 2 }
        return p.isAlphabetic || p.generalCategory == .nonspacingMark ? 1 : 0
    }

    /// Splits the folded bytes (or raw ASCII, capitals hashed lower-cased) into `\\w+`-like words;
    /// writes the word hashes (FNV-1a over the scalar-value bytes, then ``StableHash/mix(_:)``) to
    /// `tokens` and those of words with a digit to `numbers`, which both have room for
    /// `bytes.count / 2 + 1` values. Returns the counts.
    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutablePointer<UInt64>,
                                 numbers: UnsafeMutablePointer<UInt64>) -> (tokens: Int, numbers: Int) {
        let offset: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        guard let p = bytes.baseAddress else { return (0, 0) }
        let n = bytes.count
        var tokenCount = 0, numberCount = 0
        byteFold.withUnsafeBufferPointer { tableBuffer in
            guard let table = tableBuffer.baseAddress else { return }
            var i = 0
            while i < n {
                // Separators (ASCII) first.
                if table[Int(p[i])] == 0 { i += 1; continue }
                var h = offset
                // Lowest folded byte of the word so far: 0xFF before any word character, below
                // 0x3A once it has a digit.
                var low: UInt8 = 0xFF
                while true {
                    // A run of ASCII word characters: the hot loop, kept free of calls.
                    while i < n {
                        let f = table[Int(p[i])]
                        if f &- 1 >= 0x7F { break }  // 0 (separator) or 0xFF (multi-byte scalar)
                        h = (h ^ UInt64(f)) &* prime
                        low = min(low, f)
                        i += 1
                    }
                    if i >= n || table[Int(p[i])] == 0 { break }
                    // One scalar (the String's UTF-8 is valid, so only a cut buffer ends the scan).
                    let step = Self.scalarStep(bytes, at: i, hash: h)
                    guard step.length > 0 else { i = n; break }
                    i += step.length
                    if step.cls == 0 {
                        if low == 0xFF { continue }  // a separator before any word character
                        break
                    }
                    h = step.hash
                    low = min(low, step.cls == 2 ? 0 : 0x7F)
                }
                if low != 0xFF {
                    let t = StableHash.mix(h)
                    tokens[tokenCount] = t
                    tokenCount += 1
                    if low < 0x3A {
                        numbers[numberCount] = t
                        numberCount += 1
                    }
                }
            }
        }
        return (tokenCount, numberCount)
    }

    /// The multi-byte scalar at `i`: its length (0 when the buffer ends inside it), its class
    /// (``scalarClass(_:)``) and `hash` extended by its value bytes (FNV-1a).
    @inline(never)
    private static func scalarStep(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, hash: UInt64) -> (length: Int, cls: UInt8, hash: UInt64) {
        guard let (value, length) = UTF8Decoding.scalar(bytes, at: i) else { return (0, 0, hash) }
        let cls = scalarClass(value)
        var h = hash
        var v = value
        repeat {
            h = (h ^ UInt64(v & 0xFF)) &* 0x0000_0100_0000_01B3
            v >>= 8
        } while v != 0
        return (length, cls, h)
    }

    /// Replaces the `count` token hashes in `t` by the hashes of their `size`-grams (one hash of all
    /// tokens when there are at most `size`), in place; returns how many.
    private static func shingleHashes(_ t: UnsafeMutablePointer<UInt64>, count: Int, size k: Int) -> Int {
        guard count > 0 else { return 0 }
        if count <= k {
            var h = UInt64(count)
            for i in 0..<count { h = StableHash.combine(h, t[i]) }
            t[0] = h
            return 1
        }
        let n = count - k + 1
        if k == 4 {
            for start in 0..<n {
                var h = StableHash.combine(4, t[start])
                h = StableHash.combine(h, t[start + 1])
                h = StableHash.combine(h, t[start + 2])
                t[start] = StableHash.combine(h, t[start + 3])
            }
        } else {
            // Shingle `start` only reads tokens from `start` on, so it can overwrite token `start`.
            for start in 0..<n {
                var h = UInt64(k)
                for i in start..<(start + k) { h = StableHash.combine(h, t[i]) }
                t[start] = h
            }
        }
        return n
    }

    /// Sorts well-mixed hashes (see ``sortedDistinct(_:count:)``).
    static func radixSort(_ v: inout [UInt64]) {
        let n = v.count
        guard n > 1 else { return }
        v = v.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return [] }
            return [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                sortInto(base, count: n, out)
                initialized = n
            }
        }
    }

    /// Sorts `count` well-mixed values from `src` into `out`: one scatter pass into about `count`
    /// buckets by the top bits, then one insertion sort over the whole output (values are only out
    /// of order within their bucket, about one or two each).
    @inline(__always)
    private static func sortInto(_ src: UnsafeMutablePointer<UInt64>, count n: Int, _ out: UnsafeMutableBufferPointer<UInt64>) {
        guard let o = out.baseAddress else { return }
        if n < 48 {
            o.initialize(from: src, count: n)
        } else {
            var bits = 4
            while bits < 16 && (2 << bits) <= n { bits += 1 }
            let buckets = 1 << bits
            let shift = UInt64(64 - bits)
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: buckets) { startBuffer in
                guard let start = startBuffer.baseAddress else { return }
                start.initialize(repeating: 0, count: buckets)
                for i in 0..<n { start[Int(truncatingIfNeeded: src[i] >> shift)] &+= 1 }
                var sum: Int32 = 0
                for d in 0..<buckets {
                    let c = start[d]
                    start[d] = sum
                    sum &+= c
                }
                for i in 0..<n {
                    let x = src[i]
                    let d = Int(truncatingIfNeeded: x >> shift)
                    (o + Int(start[d])).initialize(to: x)
                    start[d] &+= 1
                }
            }
        }
        var i = 1
        while i < n {
            let x = o[i]
            if o[i - 1] > x {
                var j = i - 1
                while j >= 0 && o[j] > x { o[j + 1] = o[j]; j -= 1 }
                o[j + 1] = x
            }
            i += 1
        }
    }

    /// The `count` values at `src`, sorted and distinct.
    private static func sortedDistinct(_ src: UnsafeMutablePointer<UInt64>, count n: Int) -> [UInt64] {
        guard n > 0 else { return [] }
        return [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
            sortInto(src, count: n, out)
            var w = 1
            for r in 1..<n where out[r] != out[w - 1] {
                out[w] = out[r]
                w += 1
            }
            initialized = w
        }
    }
}

/// One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification
/// (Shrivastava & Li 2014): each shingle is hashed once, its top bits choose one of
/// `permutations` bins and the bin keeps the minimum of the low bits. Empty bins borrow the next
/// non-empty bin to the right (cyclically), offset by the distance, so that signatures of short
/// texts stay comparable. Matching bins estimate Jaccard similarity like classic MinHash at a
/// fraction of the cost (one hash per shingle instead of one per shingle and permutation).
struct MinHasher: Sendable {
    let bins: Int

    init(permutations: Int) { bins = max(1, permutations) }

    /// Signature of `shingles` (all `UInt32.max` for an empty set).
    func signature<C: Collection>(_ shingles: C) -> [UInt32] where C.Element == UInt64 {
        let bins = self.bins
        let n = UInt64(bins)
        return [UInt32](unsafeUninitializedCapacity: bins) { out, initialized in
            // Bin minima widened to 64 bits: `UInt64.max` marks an empty bin.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bins) { sig in
                sig.initialize(repeating: .max)
                for x in shingles {
                    let h = StableHash.mix(x ^ 0x0B1D_5EED_0000_0001)
                    // Bin from the high 32 bits (multiply-shift range reduction), value from the low 32 bits.
                    let bin = Int(truncatingIfNeeded: ((h >> 32) &* n) >> 32)
                    let v = h & 0xFFFF_FFFF
                    if v < sig[bin] { sig[bin] = v }
                }
                var empty = 0
                for i in 0..<bins where sig[i] == .max { empty += 1 }
                if empty == 0 || empty == bins {
                    for i in 0..<bins { out[i] = UInt32(truncatingIfNeeded: sig[i]) }
                } else {
                    for i in 0..<bins {
                        if sig[i] != .max { out[i] = UInt32(truncatingIfNeeded: sig[i]); continue }
                        var d = 1
                        while sig[(i + d) % bins] == .max { d += 1 }
                        out[i] = UInt32(truncatingIfNeeded: sig[(i + d) % bins]) &+ UInt32(truncatingIfNeeded: d) &* 0x9E37_79B9
                    }
                }
            }
            initialized = bins
        }
    }
}
