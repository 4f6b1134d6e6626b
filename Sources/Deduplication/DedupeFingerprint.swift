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
        var tokens: [UInt64] = []
        var numberList: [UInt64] = []
        var digest = ""
        let reuse = knownDigest.flatMap { Self.isHexDigest($0) ? $0 : nil }
        TextFolding.withFoldedBytes(text) { bytes in
            guard !bytes.isEmpty else { return }
            digest = reuse ?? SHA256.hex(bytes)
            tokens.reserveCapacity(bytes.count / 5 + 1)
            Self.tokenize(bytes, into: &tokens, numbers: &numberList)
        }
        self.digest = digest

        var list: [UInt64] = []
        if tokens.count > 0 {
            let k = max(1, shingleSize)
            tokens.withUnsafeBufferPointer { t in
                if t.count <= k {
                    var h: UInt64 = UInt64(t.count)
                    for x in t { h = StableHash.combine(h, x) }
                    list.append(h)
                } else {
                    let n = t.count - k + 1
                    list = [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                        for start in 0..<n {
                            var h: UInt64 = UInt64(k)
                            for i in start..<(start + k) { h = StableHash.combine(h, t[i]) }
                            out[start] = h
                        }
                        initialized = n
                    }
                }
            }
        }
        shingles = Self.sortedDistinct(&list)
        numbers = Self.sortedDistinct(&numberList)
    }

    /// 64 lower-case hex digits (a SHA-256 as ``SHA256/hex(_:)`` writes it).
    static func isHexDigest(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// 1 = word character, 2 = digit (ASCII).
    private static let asciiClass: [UInt8] = (0..<128).map { v in
        if v >= 0x30 && v <= 0x39 { return 2 }
        return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F ? 1 : 0
    }

    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [UInt64], numbers: inout [UInt64]) {
        let offset: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var current = offset
        var inWord = false
        var hasDigit = false
        asciiClass.withUnsafeBufferPointer { table in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var cls: UInt8
                var v: UInt32
                if b < 0x80 {
                    v = UInt32(b)
                    cls = table[Int(b)]
                    i += 1
                } else {
                    // One scalar (the String's UTF-8 is valid, so only a cut buffer ends the scan).
                    guard let (value, len) = UTF8Decoding.scalar(bytes, at: i) else { break }
                    v = value
                    i += len
                    cls = 0
                    if let scalar = Unicode.Scalar(v) {
                        let p = scalar.properties
                        if p.numericType == .decimal { cls = 2 }
                        else if p.isAlphabetic || p.generalCategory == .nonspacingMark { cls = 1 }
                    }
                }
                if cls != 0 {
                    inWord = true
                    if cls == 2 { hasDigit = true }
                    // FNV-1a over the scalar value bytes
                    repeat {
                        current = (current ^ UInt64(v & 0xFF)) &* prime
                        v >>= 8
                    } while v != 0
                } else if inWord {
                    let h = StableHash.mix(current)
                    tokens.append(h)
                    if hasDigit { numbers.append(h) }
                    current = offset
                    inWord = false
                    hasDigit = false
                }
            }
        }
        if inWord {
            let h = StableHash.mix(current)
            tokens.append(h)
            if hasDigit { numbers.append(h) }
        }
    }

    /// Sorts well-mixed hashes: one scatter pass into 2^k buckets by the top bits (about one value
    /// per bucket), then an insertion sort per bucket; a crowded bucket falls back to `sort()`.
    static func radixSort(_ v: inout [UInt64]) {
        let n = v.count
        guard n > 1 else { return }
        var bits = 4
        while bits < 16 && (1 << bits) < n { bits += 1 }
        let buckets = 1 << bits
        let shift = UInt64(64 - bits)
        var out = [UInt64](repeating: 0, count: n)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { start in
            for d in 0...buckets { start[d] = 0 }
            v.withUnsafeBufferPointer { a in
                for x in a { start[Int(truncatingIfNeeded: x >> shift) + 1] += 1 }
                for d in 0..<buckets { start[d + 1] += start[d] }
                // start[d] is now the first index of bucket d; use a moving cursor per bucket.
                out.withUnsafeMutableBufferPointer { o in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { cursor in
                        for d in 0..<buckets { cursor[d] = start[d] }
                        for x in a {
                            let d = Int(truncatingIfNeeded: x >> shift)
                            o[cursor[d]] = x
                            cursor[d] += 1
                        }
                    }
                    for d in 0..<buckets {
                        let lo = start[d], hi = start[d + 1]
                        if hi - lo < 2 { continue }
                        if hi - lo > 32 {
                            o[lo..<hi].sort()
                            continue
                        }
                        for i in (lo + 1)..<hi {
                            let x = o[i]
                            var j = i - 1
                            while j >= lo && o[j] > x { o[j + 1] = o[j]; j -= 1 }
                            o[j + 1] = x
                        }
                    }
                }
            }
        }
        v = out
    }

    private static func sortedDistinct(_ v: inout [UInt64]) -> [UInt64] {
        guard v.count > 1 else { return v }
        if v.count >= 64 { radixSort(&v) } else { v.sort() }
        var w = 1
        v.withUnsafeMutableBufferPointer { p in
            for r in 1..<p.count where p[r] != p[w - 1] {
                p[w] = p[r]
                w += 1
            }
        }
        v.removeLast(v.count - w)
        return v
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
        var sig = [UInt32](repeating: .max, count: bins)
        var filled = [Bool](repeating: false, count: bins)
        let n = UInt64(bins)
        for x in shingles {
            let h = StableHash.mix(x ^ 0x0B1D_5EED_0000_0001)
            // Bin from the high 32 bits (multiply-shift range reduction), value from the low 32 bits.
            let bin = Int(truncatingIfNeeded: ((h >> 32) &* n) >> 32)
            let v = UInt32(truncatingIfNeeded: h)
            if v < sig[bin] { sig[bin] = v }
            filled[bin] = true
        }
        guard let firstFilled = filled.firstIndex(of: true), filled.contains(false) else { return sig }
        var out = sig
        for i in 0..<bins where !filled[i] {
            var d = 1
            while !filled[(i + d) % bins] { d += 1 }
            _ = firstFilled
            out[i] = sig[(i + d) % bins] &+ UInt32(truncatingIfNeeded: d) &* 0x9E37_79B9
        }
        return out
    }
}
